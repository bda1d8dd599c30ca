import { useState } from 'preact/hooks';
import { api, messageOf } from '../../lib/portal-client.ts';
import { useAddress } from '../../lib/route.ts';
import { linkToken, takeToken } from '../../lib/token.ts';
import { useFocus } from '../../lib/use-focus.ts';

type State = { kind: 'idle' | 'working' } | { kind: 'done' | 'error'; message: string };

/**
 * The link sent to a new email address lands here, on any device and without a session.
 * Nothing happens until the button is pressed, so mail scanners that fetch links change nothing.
 */
export function ConfirmEmail(props: { tenant: string }) {
  // A link opened in a tab already on this page changes only the fragment: take its token then.
  const token = useAddress(() => takeToken() || linkToken, 'hashchange');
  return <Confirm key={token} tenant={props.tenant} token={token} />;
}

function Confirm({ tenant, token }: { tenant: string; token: string }) {
  const [state, setState] = useState<State>(
    token ? { kind: 'idle' } : { kind: 'error', message: 'This link is incomplete. Open it from the email again.' },
  );
  const ref = useFocus<HTMLDivElement>(state.kind === 'done' || state.kind === 'error');

  async function confirm() {
    setState({ kind: 'working' });
    try {
      const res = await api<{ message: string }>(`/t/${tenant}/auth/confirm-email`, { method: 'POST', body: { token } });
      setState({ kind: 'done', message: res.message });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }

  if (state.kind === 'done' || state.kind === 'error') {
    return (
      <div class="panel" ref={ref} tabIndex={-1} role={state.kind === 'done' ? 'status' : 'alert'}>
        <p class={state.kind === 'error' ? 'error' : 'done'}>{state.message}</p>
        <p>
          <a href={`/t/${tenant}/`}>Go to your privacy centre page</a>
          {state.kind === 'error' ? ' to ask for a new link.' : '.'}
        </p>
      </div>
    );
  }
  return (
    <div class="panel">
      <p>You asked to use this email address for your privacy centre from now on. Press the button to confirm it.</p>
      <p class="muted">Until you do, nothing changes and we keep using your old address.</p>
      <button type="button" onClick={confirm} disabled={state.kind === 'working'}>
        {state.kind === 'working' ? 'Confirming…' : 'Confirm new email address'}
      </button>
    </div>
  );
}
