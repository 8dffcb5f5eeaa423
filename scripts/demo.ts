import type { Handler, Site } from './server.ts';
import { startSite, staticFiles } from './server.ts';

export interface DemoSites {
  shop: string;
  pay: string;
}

const roles: { role: keyof DemoSites; hostname: string }[] = [
  { role: 'shop', hostname: 'localhost' },
  { role: 'pay', hostname: '127.0.0.1' },
];

/**
 * Starts the demo: each role on its own loopback site, cross-site to the others as a shop and
 * its widget vendors would be. Pages learn the others' origins from `/demo/origins.js`.
 * `firstPort` 0 picks free ports (tests); otherwise roles take consecutive ports.
 */
export async function startDemo(firstPort = 0): Promise<{ sites: DemoSites; close(): Promise<void> }> {
  const sites = {} as DemoSites;
  const originsModule: Handler = (_req, res, url) => {
    if (url.pathname !== '/demo/origins.js') return false;
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`export const origins = ${JSON.stringify(sites)};\n`);
    return true;
  };
  // Widget pages may be framed by the shop only.
  const frameAncestors: Handler = (_req, res, url) => {
    if (url.pathname.startsWith('/demo/pay/')) res.setHeader('content-security-policy', `frame-ancestors ${sites.shop}`);
    return false;
  };
  const handlers = [originsModule, frameAncestors, staticFiles({ folders: ['demo', 'dist', 'node_modules'], index: '/demo/shop/' })];
  const started: Site[] = [];
  try {
    for (const [index, { role, hostname }] of roles.entries()) {
      const site = await startSite({ hostname, port: firstPort && firstPort + index, handlers });
      started.push(site);
      sites[role] = site.origin;
    }
  } catch (error) {
    await Promise.all(started.map((site) => site.close()));
    throw error;
  }
  return {
    sites,
    close: async () => {
      await Promise.all(started.map((site) => site.close()));
    },
  };
}
