import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import type { Handler } from './server.ts';

export interface IdpOptions {
  /** The issuer: this site's origin. */
  issuer: string;
  clientId: string;
  redirectUris: string[];
  /** Send `Cross-Origin-Opener-Policy: same-origin`, as big identity providers do. */
  coop: boolean;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem;color:#1d2430}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input,button{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}
button{margin-top:1rem;background:#2456d3;color:#fff;border:0;border-radius:.4rem}button:focus-visible,input:focus-visible{outline:3px solid #f2b705}</style>
<main><h1>${escape(title)}</h1>${body}</main></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

/**
 * A real OpenID provider (oidc-provider, a certified implementation), in memory: authorization
 * code flow with PKCE for one public client, and a plain sign-in page of our own (the built-in
 * development pages load web fonts, which fail on a machine without a network).
 */
export function createIdp({ issuer, clientId, redirectUris, coop }: IdpOptions): Handler {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: ['frameport-local-idp-only'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => true,
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: sub }) }),
  });
  // The demo and tests run on http://127.0.0.x; tell the provider it may trust that.
  provider.proxy = false;
  const handleProvider = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && url.pathname.endsWith('/login')) {
      const login = (await formBody(req)).get('login')?.trim() || 'demo user';
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        page(
          'Sign in to the demo provider',
          `<form method="post" action="/interaction/${escape(details.uid)}/login" autocomplete="off">
<label for="login">Username</label><input id="login" name="login" value="demo user" required>
<button type="submit">Sign in</button></form>`,
        ),
      );
      return;
    }
    // Consent: this provider trusts its one client, so it grants what was asked.
    const { prompt, params, session } = details;
    const grant = new provider.Grant({ accountId: session?.accountId ?? 'demo user', clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  return async (req, res, url) => {
    if (coop) res.setHeader('cross-origin-opener-policy', 'same-origin');
    if (url.pathname.startsWith('/interaction/')) {
      await interaction(req, res, url);
      return true;
    }
    await new Promise<void>((resolve) => {
      res.on('close', resolve);
      handleProvider(req, res);
    });
    return true;
  };
}
