import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

export interface StaticOptions {
  /** URL prefixes (and the repo folders they map to, same name) that may be served. */
  folders: readonly string[];
  /** Where `/` redirects to. */
  index?: string;
  /**
   * Lets a page ask for response headers with `?header=Name:Value` (repeatable).
   * Test pages use it to get COOP or a CSP sandbox; never turn it on outside tests.
   */
  headersFromQuery?: boolean;
}

/** Serves files below the listed repo folders, with no caching so a rebuild shows at once. */
export function staticFiles({ folders, index, headersFromQuery = false }: StaticOptions): Handler {
  return async (_req, res, url) => {
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return true;
    }
    if (url.pathname === '/' && index) {
      res.writeHead(302, { location: index }).end();
      return true;
    }
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    const folder = path.split(sep)[0] ?? '';
    if (!folders.includes(folder)) return false;
    let file = join(repoRoot, path);
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) return false;
    const headers: Record<string, string> = {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (headersFromQuery) {
      for (const header of url.searchParams.getAll('header')) {
        const colon = header.indexOf(':');
        if (colon > 0) headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
      }
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
    return true;
  };
}

export interface SiteSpec {
  /** The host name the browser uses: `localhost`, `127.0.0.1`, `127.0.0.2`... */
  hostname: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  handlers: Handler[];
}

export interface Site {
  origin: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Starts one HTTP site. Loopback addresses other than 127.0.0.1 (127.0.0.2...) are separate
 * sites to the browser, which is how tests get cross-site frames without DNS.
 */
export async function startSite({ hostname, port = 0, handlers }: SiteSpec): Promise<Site> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? hostname}`);
    try {
      for (const handler of handlers) {
        if (await handler(req, res, url)) return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  };
  const servers: Server[] = [];
  const main = createServer((req, res) => void handle(req, res));
  servers.push(main);
  const address = hostname === 'localhost' ? '127.0.0.1' : hostname;
  const bound = await listen(main, port, address);
  if (hostname === 'localhost') {
    // Chromium may try ::1 first for "localhost"; answer there too where the machine has IPv6.
    const v6 = createServer((req, res) => void handle(req, res));
    if (
      await listen(v6, bound, '::1').then(
        () => true,
        () => false,
      )
    )
      servers.push(v6);
  }
  return {
    origin: `http://${hostname}:${bound}`,
    close: async () => {
      await Promise.all(servers.map(close));
    },
  };
}
