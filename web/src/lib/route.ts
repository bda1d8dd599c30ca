import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'picker' }
  | { name: 'home'; tenant: string }
  | { name: 'verify'; tenant: string }
  | { name: 'confirm-email'; tenant: string }
  | { name: 'not-found' };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'picker' };
  const match = pathname.match(/^\/t\/([a-z0-9-]+)(\/.*)?$/);
  if (!match?.[1]) return { name: 'not-found' };
  const rest = (match[2] ?? '/').replace(/\/+$/, '');
  if (rest === '') return { name: 'home', tenant: match[1] };
  if (rest === '/verify') return { name: 'verify', tenant: match[1] };
  if (rest === '/confirm-email') return { name: 'confirm-email', tenant: match[1] };
  return { name: 'not-found' };
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route, following pushState and the back button. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
