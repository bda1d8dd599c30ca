import { useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/portal-client.ts';
import { navigate } from '../../lib/route.ts';
import { noteSignedIn } from '../../lib/session-hint.ts';
import { linkToken } from '../../lib/token.ts';
import { SignIn } from '../sign-in/index.tsx';

/**
 * The link lands here. Nothing happens until the person presses the button, so mail scanners
 * that fetch links cannot use them up.
 */
export function Verify(props: { tenant: string }) {
  const [token] = useState(linkToken);
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'error'; message: string }>(
    token ? { kind: 'idle' } : { kind: 'error', message: 'This link is incomplete. Please ask for a new one below.' },
  );

  async function confirm() {
    setState({ kind: 'working' });
    try {
      await api(`/t/${props.tenant}/auth/verify`, { method: 'POST', body: { token } });
      noteSignedIn(props.tenant);
      navigate(`/t/${props.tenant}/`);
    } catch (error) {
      setState({ kind: 'error', message: error instanceof ApiError ? error.message : 'Something went wrong.' });
    }
  }

  if (state.kind === 'error') {
    return (
      <>
        <p class="error panel" role="alert">
          {state.message}
        </p>
        <SignIn tenant={props.tenant} intro="Ask for a new sign-in link." />
      </>
    );
  }
  return (
    <div class="panel">
      <p>You are signing in to see the information held about you.</p>
      <button type="button" onClick={confirm} disabled={state.kind === 'working'}>
        {state.kind === 'working' ? 'Signing in…' : 'Confirm sign-in'}
      </button>
    </div>
  );
}
