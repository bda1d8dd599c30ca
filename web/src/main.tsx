import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { ConfirmEmail } from './components/confirm-email/index.tsx';
import { Lead } from './components/my-data/lead.tsx';
import { Page } from './components/page/index.tsx';
import { SignIn } from './components/sign-in/index.tsx';
import { TenantPicker } from './components/tenant-picker/index.tsx';
import { Verify } from './components/verify/index.tsx';
import { Keep } from './lib/keep.tsx';
import { Lazy } from './lib/lazy.tsx';
import { type ApiError, api, type MyDataResponse, type TenantPublic } from './lib/portal-client.ts';
import { follow, type Route, useRoute } from './lib/route.ts';
import { maybeSignedIn, noteSignedIn, noteSignedOut } from './lib/session-hint.ts';
import './styles.css';

/**
 * The signed-in view ("your data") is its own chunk: a first visit, which shows only the sign-in
 * form, does not load it. A visit that may be signed in starts loading it at once, beside `GET /me`
 * (and the page's `Link` header preloads it with the page: functions/http/page-preload.ts).
 */
type MyDataView = typeof import('./components/my-data/index.tsx').MyData;
let myData: Promise<MyDataView> | undefined;
const loadMyData = () => {
  myData ??= import('./components/my-data/index.tsx').then((m) => m.MyData);
  myData.catch(() => {
    myData = undefined; // a failed load is tried again next time
  });
  return myData;
};

type Home =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  /** `View` undefined: the data is here, the view's script not yet (or it is drawn in the next task). */
  | { kind: 'signed-in'; data: MyDataResponse; View?: MyDataView }
  | { kind: 'error'; message: string };

/** Resolves in a task after the next frame has been painted (a frame's callbacks run before its paint). */
const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * The centre's home: the sign-in form, or the person's data. Mounted before the centre's details
 * arrive (`tenant` undefined meanwhile), so a first visit shows the form, and a signed-in visit
 * asks for the data, at once instead of one round trip later. Signed in, the page draws its title
 * and lead paragraph as soon as the data is here, and the rest of the view in a task after that
 * frame has been painted, once the view's script is there too: the person sees the first line
 * sooner, and the task that draws it is short (BENCHMARKS.md, "your data" in Lighthouse). Until
 * then there is no footer: drawn under a placeholder, it would jump down (a layout shift).
 */
function TenantHome(props: { slug: string; tenant?: TenantPublic }) {
  const slug = props.slug;
  // Never signed in here (or signed out): the sign-in form at once, without asking the API.
  const [home, setHome] = useState<Home>(() => {
    if (!maybeSignedIn(slug)) return { kind: 'signed-out' };
    loadMyData();
    return { kind: 'loading' };
  });
  // A layout effect runs in the task that draws the page, not after its paint as an effect does:
  // the (preloaded) data is asked for, and drawn, a frame sooner. The same for the details below.
  useLayoutEffect(() => {
    if (!maybeSignedIn(slug)) return setHome({ kind: 'signed-out' });
    api<MyDataResponse>(`/t/${slug}/me`)
      .then(async (data) => {
        noteSignedIn(slug);
        setHome({ kind: 'signed-in', data });
        const View = await loadMyData();
        await afterNextPaint();
        // Not if the person signed out meanwhile.
        setHome((h) => (h.kind === 'signed-in' && h.data === data ? { ...h, View } : h));
      })
      .catch((e: ApiError | Error) => {
        if (!('status' in e)) {
          return setHome({ kind: 'error', message: 'This page did not load. Check your connection and reload the page.' });
        }
        if (e.status === 401) noteSignedOut(slug);
        setHome(e.status === 401 ? { kind: 'signed-out' } : { kind: 'error', message: e.message });
      });
  }, [slug]);

  async function signOut() {
    noteSignedOut(slug);
    await api(`/t/${slug}/auth/logout`, { method: 'POST' }).catch(() => undefined);
    history.replaceState('signed-out', '');
    setHome({ kind: 'signed-out' });
  }

  if (home.kind === 'signed-in') {
    return (
      <Page
        tenant={props.tenant}
        title={`Your data, ${home.data.subject.name}`}
        footer={home.View !== undefined}
        actions={
          <button type="button" class="secondary" onClick={signOut}>
            Sign out
          </button>
        }
      >
        <Lead data={home.data} />
        {home.View ? (
          <Keep deps={[slug, home.data, home.View]}>
            <home.View tenant={slug} data={home.data} />
          </Keep>
        ) : (
          <p aria-busy="true">Loading the details…</p>
        )}
      </Page>
    );
  }
  if (home.kind === 'signed-out') {
    return (
      <Page tenant={props.tenant} title="See your data">
        {/* Said after "Sign out" (here or on a request's page), so someone at a shared computer knows. */}
        {history.state === 'signed-out' && (
          <p role="status" class="status">
            You have signed out.
          </p>
        )}
        <SignIn tenant={slug} />
      </Page>
    );
  }
  return (
    // No footer while loading: the data would push it down (a layout shift).
    <Page tenant={props.tenant} title={home.kind === 'error' ? 'Something went wrong' : 'Loading'} footer={home.kind === 'error'}>
      {home.kind === 'error' ? (
        <p class="error" role="alert">
          {home.message}
        </p>
      ) : (
        <p aria-busy="true">Loading your data…</p>
      )}
    </Page>
  );
}

/** The request pages, loaded on demand: most visits never need them. */
const loadRequests = () => import('./components/requests/index.tsx').then((m) => m.RequestPages);

function Requests(props: { tenant: TenantPublic; route: import('./components/requests/index.tsx').PageRoute }) {
  return <Lazy load={loadRequests} props={props} />;
}

function TenantRoute(props: { route: Extract<Route, { tenant: string }> }) {
  const [tenant, setTenant] = useState<TenantPublic | null | 'missing'>(null);
  useLayoutEffect(() => {
    api<TenantPublic>(`/t/${props.route.tenant}`)
      .then(setTenant)
      .catch(() => setTenant('missing'));
  }, [props.route.tenant]);
  if (tenant === 'missing') return <NotFound />;
  if (props.route.name === 'home') {
    return <TenantHome key={location.pathname} slug={props.route.tenant} tenant={tenant ?? undefined} />;
  }
  if (!tenant) return <p aria-busy="true">Loading…</p>;
  if (props.route.name === 'confirm-email') {
    return (
      <Page tenant={tenant} title="Confirm new email address">
        <ConfirmEmail tenant={tenant.slug} />
      </Page>
    );
  }
  if (props.route.name === 'verify') {
    return (
      <Page tenant={tenant} title="Confirm sign-in">
        <Verify tenant={tenant.slug} />
      </Page>
    );
  }
  const { route } = props;
  if (route.name === 'new-request' || route.name === 'request' || route.name === 'complaints' || route.name === 'complaint') {
    return <Requests tenant={tenant} route={route} />;
  }
  return <NotFound tenant={tenant} />;
}

/** No such centre (a link to the list of centres), or, with `tenant`, no such page in it (a link to its home). */
function NotFound({ tenant }: { tenant?: TenantPublic }) {
  return (
    <Page tenant={tenant} title="Page not found">
      <p>
        {tenant ? 'There is no page at this address.' : 'There is no privacy centre at this address.'} Check the link in the
        privacy policy you came from.
      </p>
      <p>
        <a href={tenant ? `/t/${tenant.slug}/` : '/'} onClick={follow}>
          {tenant ? `Go to the ${tenant.name} privacy centre` : 'See the privacy centres served here'}
        </a>
      </p>
    </Page>
  );
}

function App() {
  const route = useRoute();
  if (route.name === 'picker') {
    return (
      <Page title="Privacy centres">
        <p>Choose the organisation whose privacy centre you want to use.</p>
        <TenantPicker />
      </Page>
    );
  }
  if (route.name === 'not-found') return <NotFound />;
  return <TenantRoute route={route} />;
}

const root = document.getElementById('app');
// Drawn in a task after the one that runs this module: Chromium lays the page out as the load event
// fires, at the end of that task, and Lighthouse counts every task that lays the page out before
// the largest paint, whole (BENCHMARKS.md, "The page drawn after the load event", issue 17, tenth round).
if (root) setTimeout(render, 0, <App />, root);
