import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Lazy } from '../lib/lazy.tsx';
import { ApiError, api, messageOf, type TenantPublic } from '../lib/portal-client.ts';
import { maybeSignedIn, noteSignedIn, noteSignedOut } from '../lib/session-hint.ts';
import { Queue } from './components/queue/index.tsx';
import { Shell } from './components/shell/index.tsx';
import { StaffSignIn } from './components/sign-in/index.tsx';
import { adminApi, type Ctx, type NextStep, nextStepOf, type StaffMe, staffHint, whenSignedOut } from './lib/admin-client.ts';
import { hasTenant, pagePath, redirect, type TenantRoute, useAdminRoute } from './lib/route.ts';
import './admin.css';

type Session =
  | { kind: 'loading' }
  | { kind: 'signed-in'; me: StaffMe }
  | { kind: 'signed-out'; next?: NextStep }
  | { kind: 'error'; message: string };

type Tenant = { slug: string; name: string };
type Body = { ctx: Ctx };

// On demand: the sign-in steps once per session, the rest only by those who use them.
const loadSteps = () => import('./components/sign-in-steps/index.tsx').then((m) => m.SignInSteps);
const bodies = {
  complaints: { title: 'Complaints', load: () => import('./components/complaints/index.tsx').then((m) => m.Complaints) },
  log: { title: 'Log a request', load: () => import('./components/log-request/index.tsx').then((m) => m.LogRequest) },
  reports: { title: 'Reports', load: () => import('./components/reports/index.tsx').then((m) => m.Reports) },
  staff: { title: 'Staff', load: () => import('./components/staff/index.tsx').then((m) => m.StaffPage) },
  audit: { title: 'Audit trail', load: () => import('./components/audit/index.tsx').then((m) => m.Audit) },
  people: { title: 'Find a person', load: () => import('./components/people/index.tsx').then((m) => m.People) },
  import: { title: 'Import data', load: () => import('./components/import/index.tsx').then((m) => m.Import) },
};
const loadPerson = () => import('./components/person/index.tsx').then((m) => m.Person);
/** A request's page: its own chunk (with the action forms), so the queue, where a visit starts, loads less. */
const loadRequest = () => import('./components/request/index.tsx').then((m) => m.RequestView);

function Loading() {
  return (
    <main class="wrap">
      <p aria-busy="true">Loading…</p>
    </main>
  );
}

function NotFound(props: { tenant?: Tenant; ctx?: Ctx }) {
  const tenant = props.ctx?.tenant ?? props.tenant;
  const text = 'There is no such page here. Check the link you followed.';
  if (!tenant) {
    return (
      <main id="main" class="wrap">
        <h1>Page not found</h1>
        <p>There are no staff pages at this address. Check the link you followed.</p>
      </main>
    );
  }
  return (
    <Shell tenant={tenant} me={props.ctx?.me} title="Page not found">
      <p>{text}</p>
    </Shell>
  );
}

/** The home address only decides where to go: the queue once signed in. */
function Redirect(props: { to: string }) {
  useEffect(() => redirect(props.to), [props.to]);
  return <Loading />;
}

/** The view of a route for a signed-in member of staff. */
function SignedIn(props: { ctx: Ctx; route: Exclude<TenantRoute, { name: 'not-found' | 'verify' }>; search: string }) {
  const { ctx, route } = props;
  switch (route.name) {
    case 'home':
      return <Redirect to={pagePath(ctx.tenant.slug, 'requests')} />;
    case 'queue':
      return <Queue ctx={ctx} search={props.search} />;
    case 'person':
      return (
        <Lazy
          key={route.subjectId}
          load={loadPerson}
          props={{ ctx, subjectId: route.subjectId }}
          fallback={
            <Shell tenant={ctx.tenant} me={ctx.me} current="people" title="Person">
              <p aria-busy="true">Loading…</p>
            </Shell>
          }
        />
      );
    case 'request':
      return (
        <Lazy
          key={route.requestId}
          load={loadRequest}
          props={{ ctx, subjectId: route.subjectId, requestId: route.requestId }}
          fallback={
            <Shell tenant={ctx.tenant} me={ctx.me} current="requests" title="Request">
              <p aria-busy="true">Loading…</p>
            </Shell>
          }
        />
      );
  }
  const body = bodies[route.name];
  const refused =
    route.name === 'log' && !ctx.me.can.act
      ? 'Your role cannot log requests. Ask a handler or an admin of this centre.'
      : route.name === 'staff' && !ctx.me.can.manageStaff
        ? 'Only admins can manage staff.'
        : route.name === 'import' && !ctx.me.can.act
          ? 'Your role cannot import data. Ask a handler or an admin of this centre.'
          : '';
  return (
    <Shell tenant={ctx.tenant} me={ctx.me} current={route.name} title={body.title}>
      {refused ? <p class="notice">{refused}</p> : <Lazy<Body> load={body.load} props={{ ctx }} />}
    </Shell>
  );
}

/** One tenant's staff pages: who is signed in decides what every route shows. */
function TenantAdmin(props: { route: TenantRoute; search: string }) {
  const { route } = props;
  const slug = route.tenant;
  const [tenant, setTenant] = useState<Tenant | 'missing'>();
  // Never signed in to this centre's staff pages in this browser (or signed out): the sign-in form
  // at once, without a `GET me` whose expected 401 the browser logs as an error (lib/session-hint).
  const hint = staffHint(slug);
  const [session, setSession] = useState<Session>(
    route.name === 'verify' || !maybeSignedIn(hint) ? { kind: 'signed-out' } : { kind: 'loading' },
  );

  useEffect(() => {
    whenSignedOut((error) => {
      const next = nextStepOf(error);
      // Part-way through signing in (the link used, the second factor to come) the hint stays: a reload asks where.
      if (!next) noteSignedOut(hint);
      setSession({ kind: 'signed-out', next });
    });
    api<TenantPublic>(`/t/${slug}`).then(
      (t) => setTenant({ slug, name: t.name }),
      () => setTenant('missing'),
    );
    // The link page asks nothing: it notes the session once the link is accepted (sign-in-steps/verify).
    if (route.name === 'verify' || !maybeSignedIn(hint)) return;
    // A 401 arrives through whenSignedOut, with the step still to come if the link was used.
    adminApi<StaffMe>(slug, 'me').then(
      (me) => {
        noteSignedIn(hint);
        setSession({ kind: 'signed-in', me });
      },
      (error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) setSession({ kind: 'error', message: messageOf(error) });
      },
    );
  }, [slug]);

  if (tenant === 'missing') return <NotFound />;
  if (!tenant || session.kind === 'loading') return <Loading />;

  const signedIn = (me: StaffMe) => {
    noteSignedIn(hint);
    setSession({ kind: 'signed-in', me });
    if (route.name === 'home' || route.name === 'verify') redirect(pagePath(slug, 'requests'));
  };
  const signingIn = (
    <Shell tenant={tenant} title="Signing in">
      <p aria-busy="true">Loading…</p>
    </Shell>
  );
  if (route.name === 'verify' && session.kind !== 'signed-in') {
    return <Lazy load={loadSteps} props={{ tenant, start: 'verify' as const, onSignedIn: signedIn }} fallback={signingIn} />;
  }
  if (session.kind === 'signed-out') {
    if (session.next) {
      return (
        <Lazy
          key={session.next}
          load={loadSteps}
          props={{ tenant, start: session.next, onSignedIn: signedIn }}
          fallback={signingIn}
        />
      );
    }
    return (
      <Shell tenant={tenant} title="Staff sign in">
        <StaffSignIn tenant={slug} />
      </Shell>
    );
  }
  if (session.kind === 'error') {
    return (
      <Shell tenant={tenant} title="Something went wrong">
        <p class="error" role="alert">
          {session.message}
        </p>
      </Shell>
    );
  }
  const ctx: Ctx = { tenant: { slug, name: session.me.tenant.name || tenant.name }, me: session.me };
  if (route.name === 'not-found' || route.name === 'verify') return <NotFound ctx={ctx} />;
  return <SignedIn ctx={ctx} route={route} search={props.search} />;
}

function AdminApp() {
  const { route, search } = useAdminRoute();
  if (!hasTenant(route)) return <NotFound />;
  return <TenantAdmin key={route.tenant} route={route} search={search} />;
}

const root = document.getElementById('app');
if (root) render(<AdminApp />, root);
