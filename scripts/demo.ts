import { join, normalize } from 'node:path';
import { build } from 'esbuild';
import { createIdp } from './idp.ts';
import type { Handler, Site } from './server.ts';
import { repoRoot, startSite, staticFiles } from './server.ts';

export interface DemoSites {
  shop: string;
  pay: string;
  chat: string;
  idp: string;
  promo: string;
  contacts: string;
  game: string;
}

const roles: { role: keyof DemoSites; hostname: string }[] = [
  { role: 'shop', hostname: 'localhost' },
  { role: 'pay', hostname: '127.0.0.1' },
  { role: 'chat', hostname: '127.0.0.2' },
  { role: 'idp', hostname: '127.0.0.3' },
  { role: 'promo', hostname: '127.0.0.4' },
  { role: 'contacts', hostname: '127.0.0.5' },
  { role: 'game', hostname: '127.0.0.6' },
];

export const demoClientId = 'frameport-demo-chat';

/**
 * `*.worker.js` under demo/, bundled on request as an app's bundler would emit a module worker:
 * import maps do not reach workers, and frameport's ESM build imports penpal by name.
 */
const bundledWorkers: Handler = async (_req, res, url) => {
  const path = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
  if (!/^demo\/[\w/-]+\.worker\.js$/.test(path)) return false;
  const result = await build({ entryPoints: [join(repoRoot, path)], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
  res.end(result.outputFiles[0]?.text ?? '');
  return true;
};

/**
 * Starts the demo: each role on its own loopback site, cross-site to the others as a shop, its
 * widget vendors, an identity provider and a hostile third party would be. Pages learn the
 * others' origins from `/demo/origins.js`. `firstPort` 0 picks free ports (tests); otherwise
 * roles take consecutive ports.
 */
export async function startDemo(firstPort = 0): Promise<{ sites: DemoSites; close(): Promise<void> }> {
  const sites = {} as DemoSites;
  // The provider needs its own origin as issuer, known only once its site listens.
  const providers = new Map<string, Handler>();
  const originsModule: Handler = (_req, res, url) => {
    if (url.pathname !== '/demo/origins.js') return false;
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`export const origins = ${JSON.stringify(sites)};\n`);
    return true;
  };
  // Widget pages may be framed by the shop only; the callback page must not leak its code.
  const headers: Handler = (_req, res, url) => {
    if (/^\/demo\/(pay|chat|promo|contacts|game)\/(index\.html)?$/.test(url.pathname))
      res.setHeader('content-security-policy', `frame-ancestors ${sites.shop}`);
    if (url.pathname === '/demo/shop/' || url.pathname === '/demo/shop/index.html') {
      res.setHeader('content-security-policy', `frame-src ${sites.pay} ${sites.chat} ${sites.promo} ${sites.contacts} ${sites.game}`);
    }
    if (url.pathname.startsWith('/demo/chat/callback')) res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    return false;
  };
  const files = staticFiles({ folders: ['demo', 'dist', 'node_modules'], index: '/demo/shop/' });
  const provider: Handler = (req, res, url) => providers.get(url.origin)?.(req, res, url) ?? false;
  const handlers = [originsModule, headers, bundledWorkers, files, provider];
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
  // The provider sends COOP, as large ones do: the chat widget's sign-in must survive it.
  providers.set(
    sites.idp,
    createIdp({ issuer: sites.idp, clientId: demoClientId, redirectUris: [`${sites.chat}/demo/chat/callback.html`], coop: true }),
  );
  return {
    sites,
    close: async () => {
      await Promise.all(started.map((site) => site.close()));
    },
  };
}
