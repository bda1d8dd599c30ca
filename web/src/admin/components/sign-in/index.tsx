import { useState } from 'preact/hooks';
import { messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { adminApi } from '../../lib/admin-client.ts';

/**
 * Staff sign-in, first step: a link by email. The answer is the same whether or not the
 * address belongs to staff, so the form tells no one who works here.
 */
export function StaffSignIn(props: { tenant: string; intro?: string }) {
  const [email, setEmail] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const sentRef = useFocus<HTMLDivElement>(state.kind === 'sent');

  async function submit(event: Event) {
    event.preventDefault();
    if (!email.trim()) return setState({ kind: 'error', message: 'Enter your work email address.' });
    setState({ kind: 'sending' });
    try {
      await adminApi(props.tenant, 'auth/link', { method: 'POST', body: { email: email.trim() }, quiet: true });
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }

  if (state.kind === 'sent') {
    return (
      <div class="panel" role="status" ref={sentRef} tabIndex={-1}>
        <h2>Check your email</h2>
        <p>
          If <strong>{email.trim()}</strong> belongs to staff here, we have sent a sign-in link to it. It works once, for 15
          minutes. After the link you will need the code from your authenticator app.
        </p>
        <p class="muted">Nothing arrived? Check your spam folder, or ask an admin of this centre to check your address.</p>
        <button type="button" class="link" onClick={() => setState({ kind: 'idle' })}>
          Use a different address
        </button>
      </div>
    );
  }

  const error = state.kind === 'error' ? state.message : '';
  return (
    <form class="panel" onSubmit={submit} noValidate>
      <p>{props.intro ?? 'Sign in to work the privacy requests of this centre.'}</p>
      <label for="email">Your work email address</label>
      <p id="email-hint" class="muted">
        We will email you a link. Then you enter the code from your authenticator app.
      </p>
      {error && (
        <p id="email-error" class="error" role="alert">
          {error}
        </p>
      )}
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellcheck={false}
        value={email}
        aria-describedby={error ? 'email-hint email-error' : 'email-hint'}
        aria-invalid={error ? true : undefined}
        onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Email me a sign-in link'}
      </button>
    </form>
  );
}
