import { connect, WindowMessenger } from 'penpal';
import { epoch, host, tell } from './common.js';

const start = epoch();
await connect({ messenger: new WindowMessenger({ remoteWindow: parent, allowedOrigins: [host] }), methods: { echo: ({ n }) => n } })
  .promise;
tell({ kind: 'timing', start, connected: epoch() });
