import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'picker' }
  | { name: 'home'; tenant: string }
  | { name: 'verify'; tenant: string }
  | { name: 'confirm-email'; tenant: string }
  | { name: 'new-request'; tenant: string; kind: string }
  | { name: 'request'; tenant: string; id: string }
  | { name: 'complaints'; tenant: string }
  | { name: 'complaint'; tenant: string; id: string }
  | { name: 'not-found' }
  /** An address in a centre that is none of its pages. */
  | { name: 'no-page'; tenant: string };

export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/' || pathname === '') return { name: 'picker' };
  const match = pathname.match(/^\/t\/([a-z0-9-]+)(\/.*)?$/);
  const tenant = match?.[1];
  if (!tenant) return { name: 'not-found' };
  const rest = (match[2] ?? '/').replace(/\/+$/, '');
  if (rest === '') return { name: 'home', tenant };
  if (rest === '/verify') return { name: 'verify', tenant };
  if (rest === '/confirm-email') return { name: 'confirm-email', tenant };
  if (rest === '/requests/new') return { name: 'new-request', tenant, kind: new URLSearchParams(search).get('kind') ?? '' };
  const request = rest.match(/^\/requests\/([\w-]+)$/)?.[1];
  if (request) return { name: 'request', tenant, id: request };
  if (rest === '/complaints') return { name: 'complaints', tenant };
  const complaint = rest.match(/^\/complaints\/([\w-]+)$/)?.[1];
  if (complaint) return { name: 'complaint', tenant, id: complaint };
  return { name: 'no-page', tenant };
}

/** `state`: kept with the new entry (`history.state`), e.g. 'signed-out' for the home page to say so. */
export function navigate(path: string, state?: string): void {
  history.pushState(state, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** A link's click handler: the page changes in place, except when the person asks for a new tab or window. */
export function follow(event: MouseEvent): void {
  if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const link = event.currentTarget as HTMLAnchorElement;
  navigate(link.pathname + link.search);
}

/** What `read` makes of the address, read again after each pushState and the back button (or each `event`). */
export function useAddress<T>(read: () => T, event = 'popstate'): T {
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () => setState(read());
    addEventListener(event, update);
    return () => removeEventListener(event, update);
  }, []);
  return state;
}

/** The current route, following pushState and the back button. */
export const useRoute = (): Route => useAddress(() => parseRoute(location.pathname, location.search));
