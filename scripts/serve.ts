import { startSite, staticFiles, type Site } from './server.ts';

/**
 * `npm start`: the demo on four loopback sites, cross-site to each other as a shop and its
 * widget vendors would be. Ports can be moved with FRAMEPORT_PORT (the first of four).
 */
const first = Number(process.env.FRAMEPORT_PORT ?? 5170);
const roles = [
  { name: 'shop', hostname: 'localhost', page: '/demo/shop/' },
  { name: 'payment widget', hostname: '127.0.0.1', page: '/demo/pay/' },
  { name: 'chat widget', hostname: '127.0.0.2', page: '/demo/chat/' },
  { name: 'identity provider', hostname: '127.0.0.3', page: '/demo/idp/' },
] as const;

const handlers = [staticFiles({ folders: ['demo', 'dist', 'node_modules'], index: '/demo/shop/' })];
const sites: Site[] = [];
try {
  for (const [index, role] of roles.entries()) {
    sites.push(await startSite({ hostname: role.hostname, port: first + index, handlers }));
  }
} catch (error) {
  console.error(`Could not listen on ports ${first}-${first + roles.length - 1}: ${(error as Error).message}`);
  console.error('Set FRAMEPORT_PORT to another first port, e.g. FRAMEPORT_PORT=6170 npm start');
  process.exit(1);
}

console.log('frameport demo is running:');
for (const [index, role] of roles.entries()) console.log(`  ${role.name.padEnd(18)} ${sites[index]?.origin}${role.page}`);
console.log('Open the shop URL in a browser. Ctrl-C stops.');

const stop = async (): Promise<void> => {
  await Promise.all(sites.map((site) => site.close()));
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
