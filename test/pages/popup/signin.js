// Shared by the top-level app page and the widget page: a "Sign in" button whose click
// handler calls openAuthPopup synchronously, as an app would. Tests set window.config first.
window.results = [];
window.signIn = () => {
  const { issuer, prompt, authPath = '/auth', extra = {}, ...options } = window.config;
  const url = new URL(authPath, issuer);
  url.searchParams.set('client_id', 'frameport-test');
  url.searchParams.set('redirect_uri', new URL('/test/pages/popup/callback.html', location.origin).href);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  if (prompt) url.searchParams.set('prompt', prompt);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  const result = FrameportPopup.openAuthPopup({ url, pkce: true, ...options }).then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );
  window.results.push(result);
};
window.tokens = async ({ issuer, code, codeVerifier }) => {
  const response = await fetch(new URL('/token', issuer), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      client_id: 'frameport-test',
      redirect_uri: new URL('/test/pages/popup/callback.html', location.origin).href,
    }),
  });
  return response.json();
};
document.querySelector('#signin').addEventListener('click', () => window.signIn());
