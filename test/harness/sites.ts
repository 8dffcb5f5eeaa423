import { startSite, staticFiles, type Site } from '../../scripts/server.ts';

/**
 * The sites a browser test can use, each cross-site to the others (different loopback hosts):
 * the embedding page, the widget, an attacker, and an identity provider.
 */
export interface Origins {
  host: string;
  guest: string;
  evil: string;
  idp: string;
}

const hostnames: Record<keyof Origins, string> = {
  host: 'localhost',
  guest: '127.0.0.1',
  evil: '127.0.0.2',
  idp: '127.0.0.3',
};

export async function startTestSites(): Promise<{ origins: Origins; close(): Promise<void> }> {
  const handlers = [staticFiles({ folders: ['test', 'dist', 'node_modules'], headersFromQuery: true })];
  const entries = await Promise.all(
    Object.entries(hostnames).map(async ([role, hostname]) => [role, await startSite({ hostname, handlers })] as const),
  );
  const sites = Object.fromEntries(entries) as Record<keyof Origins, Site>;
  return {
    origins: {
      host: sites.host.origin,
      guest: sites.guest.origin,
      evil: sites.evil.origin,
      idp: sites.idp.origin,
    },
    close: async () => {
      await Promise.all(Object.values(sites).map((site) => site.close()));
    },
  };
}
