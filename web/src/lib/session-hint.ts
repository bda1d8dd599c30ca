/**
 * Whether this browser may be signed in to a centre. The session cookie is HttpOnly, so the page
 * cannot see it; without a hint every first visit asked `GET /me`, got the expected 401, and the
 * browser logged that as an error (and the sign-in form waited for the answer). Set when a
 * sign-in is confirmed or a signed-in call succeeds, cleared by signing out or a 401. One flag
 * per centre, and one per centre's staff pages (`staff:<slug>`, set once the email link is
 * accepted, since a reload part-way through the second factor must ask which step is next), nothing that
 * identifies anyone. Where storage is blocked, assume "maybe": ask.
 */
const key = (tenant: string) => `pc-signed-in:${tenant}`;

export function maybeSignedIn(tenant: string): boolean {
  try {
    return localStorage.getItem(key(tenant)) === '1';
  } catch {
    return true;
  }
}

export function noteSignedIn(tenant: string): void {
  try {
    localStorage.setItem(key(tenant), '1');
  } catch {
    // Storage blocked: maybeSignedIn answers "maybe" anyway.
  }
}

export function noteSignedOut(tenant: string): void {
  try {
    localStorage.removeItem(key(tenant));
  } catch {
    // As above.
  }
}
