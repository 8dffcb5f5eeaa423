import { connectToHost } from '/dist/guest.mjs';
import { contract } from './contract.js';
import { commands, epoch, host, params, tell } from './common.js';

// Module scripts run once their imports have loaded: this is "guest script start".
const start = epoch();
const mode = params.get('mode');
const connection = await connectToHost({
  allowedOrigins: [host],
  contract,
  methods: { echo: ({ n }) => n },
  autoResize: mode === 'resize-frameport',
  // As on the host: the limiter runs but never refuses, so its cost is in the figures.
  rateLimit: { burst: 1e9, perSecond: 1e9 },
});
tell({ kind: 'timing', start, connected: epoch() });
if (mode === 'flooder') {
  let flooding = false;
  commands.flood = async ({ on }) => {
    flooding = on;
    while (flooding) await Promise.allSettled(Array.from({ length: 500 }, (_, n) => connection.remote.ping({ n })));
  };
}
