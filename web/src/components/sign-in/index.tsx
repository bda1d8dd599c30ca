import { useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/portal-client.ts';

/** Ask for a sign-in link. The answer is the same whether or not the address is known. */
export function SignIn(props: { tenant: string; intro?: string }) {
  const [email, setEmail] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });

  async function submit(event: Event) {
    event.preventDefault();
    if (!email.trim()) {
      setState({ kind: 'error', message: 'Enter your email address.' });
      return;
    }
    setState({ kind: 'sending' });
    try {
      await api(`/t/${props.tenant}/auth/link`, { method: 'POST', body: { email: email.trim() } });
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof ApiError ? error.message : 'Something went wrong.' });
    }
  }

  if (state.kind === 'sent') {
    return (
      <div class="panel" role="status">
        <h2>Check your email</h2>
        <p>
          If <strong>{email.trim()}</strong> is known to us, we have sent it a sign-in link. It works once, for 15 minutes.
        </p>
        <p class="muted">Nothing arrived? Check your spam folder, or try again in a few minutes.</p>
        <button type="button" class="link" onClick={() => setState({ kind: 'idle' })}>
          Use a different address
        </button>
      </div>
    );
  }

  const error = state.kind === 'error' ? state.message : '';
  return (
    <form class="panel" onSubmit={submit} noValidate>
      <p>{props.intro ?? 'See the information held about you, why it is held and for how long.'}</p>
      <label for="email">Your email address</label>
      <p id="email-hint" class="muted">
        We will email you a link to sign in. No password needed.
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
