import { createIdp } from '../../scripts/idp.ts';
import { startSite, staticFiles, type Handler, type Site } from '../../scripts/server.ts';

/**
 * The sites a browser test can use, each cross-site to the others (different loopback hosts):
 * the embedding page, the widget, an attacker, and two OpenID providers, one that sends
 * `Cross-Origin-Opener-Policy: same-origin` (as large providers do) and one that does not.
 */
export interface Origins {
  host: string;
  guest: string;
  evil: string;
  idp: string;
  idpPlain: string;
}

const hostnames: Record<keyof Origins, string> = {
  host: 'localhost',
  guest: '127.0.0.1',
  evil: '127.0.0.2',
  idp: '127.0.0.3',
  idpPlain: '127.0.0.4',
};

export const testClientId = 'frameport-test';
export const callbackPath = '/test/pages/popup/callback.html';

export async function startTestSites(): Promise<{ origins: Origins; close(): Promise<void> }> {
  const files = staticFiles({ folders: ['test', 'dist', 'node_modules'], headersFromQuery: true });
  // Providers need their own origin as issuer, known only once their site listens.
  const providers = new Map<string, Handler>();
  const provider: Handler = (req, res, url) => providers.get(url.host)?.(req, res, url) ?? false;
  const entries = await Promise.all(
    Object.entries(hostnames).map(async ([role, hostname]) => [role, await startSite({ hostname, handlers: [files, provider] })] as const),
  );
  const sites = Object.fromEntries(entries) as Record<keyof Origins, Site>;
  const origins = Object.fromEntries(Object.entries(sites).map(([role, site]) => [role, site.origin])) as unknown as Origins;
  const redirectUris = [`${origins.host}${callbackPath}`, `${origins.guest}${callbackPath}`];
  for (const role of ['idp', 'idpPlain'] as const) {
    const issuer = origins[role];
    providers.set(new URL(issuer).host, createIdp({ issuer, clientId: testClientId, redirectUris, coop: role === 'idp' }));
  }
  return {
    origins,
    close: async () => {
      await Promise.all(Object.values(sites).map((site) => site.close()));
    },
  };
}
