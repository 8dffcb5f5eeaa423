// A worker that takes the page's port without frameport and misbehaves on it.
const mode = new URLSearchParams(self.location.search).get('mode');
self.onmessage = ({ ports: [port] }) => {
  if (mode === 'garbage') {
    for (let n = 0; n < 50; n += 1) port.postMessage({ not: 'a protocol message', n });
  } else if (mode === 'flood') {
    const flood = () => {
      for (let n = 0; n < 500; n += 1) port.postMessage('garbage');
      setTimeout(flood);
    };
    flood();
  }
};
