import { host, tell } from './common.js';

// The floor: a bare MessagePort echo between the same two frames.
addEventListener('message', (event) => {
  if (event.origin !== host || event.data !== 'port') return;
  const [port] = event.ports;
  port.onmessage = ({ data }) => port.postMessage(data);
});
tell({ kind: 'loaded' });
