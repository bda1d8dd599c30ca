import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { messageOf } from '../../lib/portal-client.ts';
import { useFocus } from '../../lib/use-focus.ts';

/**
 * Ask for a sign-in link by email (the subject's and the staff page's first step). The answer is
 * the same whether or not the address is known, so the form tells no one who is.
 */
export function EmailLinkForm(props: {
  intro: string;
  label: string;
  hint: string;
  /** The problem when no address is given. */
  empty: string;
  send: (email: string) => Promise<unknown>;
  /** What "Check your email" says about the address, after the heading. */
  sent: (email: string) => ComponentChildren;
  /** Move the focus to "Check your email" once it is sent. */
  focusSent?: boolean;
}) {
  const [email, setEmail] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const sentRef = useFocus<HTMLDivElement>(props.focusSent && state.kind === 'sent');

  async function submit(event: Event) {
    event.preventDefault();
    if (!email.trim()) return setState({ kind: 'error', message: props.empty });
    setState({ kind: 'sending' });
    try {
      await props.send(email.trim());
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }

  if (state.kind === 'sent') {
    return (
      <div class="panel" role="status" ref={sentRef} tabIndex={props.focusSent ? -1 : undefined}>
        <h2>Check your email</h2>
        {props.sent(email.trim())}
        <button type="button" class="link" onClick={() => setState({ kind: 'idle' })}>
          Use a different address
        </button>
      </div>
    );
  }

  const error = state.kind === 'error' ? state.message : '';
  return (
    <form class="panel" onSubmit={submit} noValidate>
      <p>{props.intro}</p>
      <label for="email">{props.label}</label>
      <p id="email-hint" class="muted">
        {props.hint}
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
