/**
 * The token of an emailed link (`…#<token>`), read once at start-up: it leaves the address bar
 * (and history) at once, so it is not left in the history, a bookmark or a shared screen.
 */
export function takeToken(): string {
  const token = location.hash.slice(1);
  if (token) history.replaceState(null, '', location.pathname);
  return token;
}

export const linkToken = typeof location !== 'undefined' ? takeToken() : '';
