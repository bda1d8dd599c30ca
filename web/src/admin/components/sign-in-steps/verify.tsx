import { useState } from 'preact/hooks';
import { messageOf } from '../../../lib/portal-client.ts';
import { adminApi, type NextStep } from '../../lib/admin-client.ts';
import { linkToken } from '../../lib/route.ts';
import { StaffSignIn } from '../sign-in/index.tsx';

/**
 * The emailed link lands here. Nothing happens until the button is pressed, so mail scanners
 * that open links cannot use them up.
 */
export function Verify(props: { tenant: string; onNext: (next: NextStep) => void }) {
  const [token] = useState(linkToken);
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'error'; message: string }>(
    token ? { kind: 'idle' } : { kind: 'error', message: 'This link is incomplete or has been used. Ask for a new one below.' },
  );

  async function confirm() {
    setState({ kind: 'working' });
    try {
      const res = await adminApi<{ next: NextStep }>(props.tenant, 'auth/verify', {
        method: 'POST',
        body: { token },
        quiet: true,
      });
      props.onNext(res.next);
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }

  if (state.kind === 'error') {
    return (
      <>
        <p class="error panel" role="alert">
          {state.message}
        </p>
        <StaffSignIn tenant={props.tenant} intro="Ask for a new sign-in link." />
      </>
    );
  }
  return (
    <div class="panel">
      <p>You are signing in to the staff pages of this privacy centre. Next you will need your authenticator app.</p>
      <button type="button" onClick={confirm} disabled={state.kind === 'working'}>
        {state.kind === 'working' ? 'Signing in…' : 'Continue signing in'}
      </button>
    </div>
  );
}
