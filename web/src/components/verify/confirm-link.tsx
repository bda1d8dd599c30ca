import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { messageOf } from '../../lib/portal-client.ts';

/**
 * An emailed sign-in link lands here. Nothing happens until the button is pressed, so mail
 * scanners that open links cannot use them up. A link without its token, or one refused, shows
 * why and `again`: the form to ask for a new one.
 */
export function ConfirmLink(props: {
  /** The link's token, as its page took it from the address. */
  token: string;
  intro: string;
  button: string;
  /** What a link without its token says. */
  incomplete: string;
  confirm: (token: string) => Promise<void>;
  again: ComponentChildren;
}) {
  const { token } = props;
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'error'; message: string }>(
    token ? { kind: 'idle' } : { kind: 'error', message: props.incomplete },
  );

  async function confirm() {
    setState({ kind: 'working' });
    try {
      await props.confirm(token);
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
        {props.again}
      </>
    );
  }
  return (
    <div class="panel">
      <p>{props.intro}</p>
      <button type="button" onClick={confirm} disabled={state.kind === 'working'}>
        {state.kind === 'working' ? 'Signing in…' : props.button}
      </button>
    </div>
  );
}
