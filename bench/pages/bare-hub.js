// The baseline for the hub: a SharedWorker that echoes whatever a tab posts on its port.
self.onconnect = ({ ports: [port] }) => {
  port.onmessage = ({ data }) => port.postMessage(data);
};
