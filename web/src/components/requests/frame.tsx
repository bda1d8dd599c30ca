import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api, type TenantPublic } from '../../lib/portal-client.ts';
import { follow, navigate } from '../../lib/route.ts';
import { noteSignedOut } from '../../lib/session-hint.ts';
import { Page } from '../page/index.tsx';
import { SignIn } from '../sign-in/index.tsx';

export type Load<T> =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; status: number; message: string }
  | { kind: 'ready'; data: T };

/** GET `path` once; a 401 means the person has to sign in first. */
export function useLoad<T>(path: string) {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  useEffect(() => {
    setLoad({ kind: 'loading' });
    api<T>(path)
      .then((data) => setLoad({ kind: 'ready', data }))
      .catch((e: ApiError) =>
        setLoad(e.status === 401 ? { kind: 'signed-out' } : { kind: 'error', status: e.status, message: e.message }),
      );
  }, [path]);
  return [load, (data: T) => setLoad({ kind: 'ready', data })] as const;
}

/** The page frame of a signed-in view, with a way back to "Your data" and to sign out. */
export function Frame(props: { tenant: TenantPublic; title: string; children: ComponentChildren }) {
  const home = `/t/${props.tenant.slug}/`;
  async function signOut() {
    noteSignedOut(props.tenant.slug);
    await api(`/t/${props.tenant.slug}/auth/logout`, { method: 'POST' }).catch(() => undefined);
    navigate(home, 'signed-out');
  }
  return (
    <Page
      tenant={props.tenant}
      title={props.title}
      actions={
        <button type="button" class="secondary" onClick={signOut}>
          Sign out
        </button>
      }
    >
      <p class="back">
        <a href={home} onClick={follow}>
          Back to your data
        </a>
      </p>
      {props.children}
    </Page>
  );
}

/** What a view shows until its data is there: loading, sign in, or what went wrong. */
export function NotReady(props: { tenant: TenantPublic; load: Exclude<Load<unknown>, { kind: 'ready' }>; missing: string }) {
  const { tenant, load } = props;
  if (load.kind === 'signed-out') {
    return (
      <Page tenant={tenant} title="Sign in to continue">
        <SignIn tenant={tenant.slug} intro="Sign in to see and make your requests. We will bring you to your data page." />
      </Page>
    );
  }
  if (load.kind === 'loading') {
    return (
      <Page tenant={tenant} title="Loading">
        <p aria-busy="true">Loading…</p>
      </Page>
    );
  }
  const missing = load.status === 404;
  return (
    <Frame tenant={tenant} title={missing ? props.missing : 'Something went wrong'}>
      <p class={missing ? undefined : 'error'} role={missing ? undefined : 'alert'}>
        {missing ? 'We cannot find it among your requests. Check the link, or find it under “Your requests”.' : load.message}
      </p>
    </Frame>
  );
}
