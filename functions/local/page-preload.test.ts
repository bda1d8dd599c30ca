import { describe, expect, it } from 'vitest';
import { pageModules } from '../http/page-preload.ts';
import { pagePreloader } from './page-preload.ts';

const every = ['/assets/index-123.js', '/assets/route-456.js'];
const view = ['/assets/my-data-abc.js', '/assets/request-list-def.js'];
const pagePreloadLink = pagePreloader({ every, signedIn: view });
const modules = (files: string[]) => files.map((file) => `<${file}>; rel=modulepreload`).join(', ');

const tenant = '</api/t/it-mk>; rel=preload; as=fetch; crossorigin';
const me = '</api/t/it-mk/me>; rel=preload; as=fetch; crossorigin';

describe('the page preload (CloudFront viewer-response code, run as CloudFront would)', () => {
  it.each(['/t/it-mk', '/t/it-mk/', '/t/it-mk/verify', '/t/it-mk/requests/new', '/t/it-mk/complaints'])(
    'preloads the page’s own scripts, then the centre’s details, for %s',
    (path) => {
      expect(pagePreloadLink(path, undefined, 200)).toBe(`${modules(every)}, ${tenant}`);
    },
  );

  it('preloads GET /me and the signed-in view’s scripts on the home when the request carries that centre’s session cookie', () => {
    const signedIn = `${modules(every)}, ${tenant}, ${me}, ${modules(view)}`;
    expect(pagePreloadLink('/t/it-mk/', '__Host-pc_it-mk=abc', 200)).toBe(signedIn);
    expect(pagePreloadLink('/t/it-mk', 'theme=dark; pc_it-mk=abc', 200)).toBe(signedIn);
    expect(pagePreloader()('/t/it-mk', 'pc_it-mk=abc', 200)).toBe(`${tenant}, ${me}`);
  });

  it('does not preload GET /me without that centre’s session cookie, or off the home', () => {
    expect(pagePreloadLink('/t/it-mk/', '__Host-pc_northgate-it=abc; __Host-pcstaff_it-mk=x', 200)).toBe(
      `${modules(every)}, ${tenant}`,
    );
    expect(pagePreloadLink('/t/it-mk/verify', '__Host-pc_it-mk=abc', 200)).toBe(`${modules(every)}, ${tenant}`);
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

describe('the subject page’s scripts, from the build manifest', () => {
  const manifest = {
    'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_route-2.js'] },
    '_route-2.js': { file: 'assets/route-2.js' },
    '_list-3.js': { file: 'assets/list-3.js', imports: ['_route-2.js'] },
    'src/components/my-data/index.tsx': { file: 'assets/my-data-4.js', imports: ['_route-2.js', '_list-3.js', 'index.html'] },
    'src/components/requests/index.tsx': { file: 'assets/requests-5.js', imports: ['_list-3.js'] },
    'admin.html': { file: 'assets/admin-6.js', isEntry: true, imports: ['_route-2.js'] },
  };

  it('every visit: the entry chunk and what it imports statically, not what it loads on demand or the staff page', () => {
    expect(pageModules(manifest).every).toEqual(['/assets/index-1.js', '/assets/route-2.js']);
  });

  it('signed in: the view’s own chunk and what it imports that the page does not load every visit', () => {
    expect(pageModules(manifest).signedIn).toEqual(['/assets/my-data-4.js', '/assets/list-3.js']);
  });

  it('signed in: none when the view is in the page’s own script', () => {
    expect(pageModules({ 'index.html': { file: 'assets/index-1.js', isEntry: true } })).toEqual({
      every: ['/assets/index-1.js'],
      signedIn: [],
    });
  });
});
