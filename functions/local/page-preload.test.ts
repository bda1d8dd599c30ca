import { describe, expect, it } from 'vitest';
import { pagePreloadLink } from './page-preload.ts';

const tenant = '</api/t/it-mk>; rel=preload; as=fetch; crossorigin';
const me = '</api/t/it-mk/me>; rel=preload; as=fetch; crossorigin';

describe('the page preload (CloudFront viewer-response code, run as CloudFront would)', () => {
  it.each(['/t/it-mk', '/t/it-mk/', '/t/it-mk/verify', '/t/it-mk/requests/new', '/t/it-mk/complaints'])(
    'preloads the centre’s details for %s',
    (path) => {
      expect(pagePreloadLink(path, undefined, 200)).toBe(tenant);
    },
  );

  it('preloads GET /me on the home when the request carries that centre’s session cookie', () => {
    expect(pagePreloadLink('/t/it-mk/', '__Host-pc_it-mk=abc', 200)).toBe(`${tenant}, ${me}`);
    expect(pagePreloadLink('/t/it-mk', 'theme=dark; pc_it-mk=abc', 200)).toBe(`${tenant}, ${me}`);
  });

  it('does not preload GET /me without that centre’s session cookie, or off the home', () => {
    expect(pagePreloadLink('/t/it-mk/', '__Host-pc_northgate-it=abc; __Host-pcstaff_it-mk=x', 200)).toBe(tenant);
    expect(pagePreloadLink('/t/it-mk/verify', '__Host-pc_it-mk=abc', 200)).toBe(tenant);
  });

  it.each([
    ['/t/it-mk/admin', 200],
    ['/t/it-mk/admin/requests', 200],
    ['/t/it-mk/logo.svg', 200],
    ['/assets/index-abc.js', 200],
    ['/', 200],
    ['/t/no-such-tenant/', 404],
  ] as const)('adds nothing to %s (%i)', (path, status) => {
    expect(pagePreloadLink(path, '__Host-pc_it-mk=abc', status)).toBeUndefined();
  });
});
