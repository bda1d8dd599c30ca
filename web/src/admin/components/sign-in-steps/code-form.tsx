import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { CodeField } from '../code-field/index.tsx';

/** The problem with a code from the authenticator app as typed, if any: six digits, spaces aside. */
export const appCodeProblem = (typed: string) =>
  /^\d{6}$/.test(typed.replace(/\s+/g, '')) ? undefined : 'Enter the 6-digit code from your authenticator app';

/** The way back to the start once this sign-in is over. */
export function NewLink(props: { onClick: () => void }) {
  return (
    <button type="button" class="link" onClick={props.onClick}>
      Ask for a new sign-in link
    </button>
  );
}

/**
 * A code from the authenticator app (or with `recovery`, a recovery code) in a form of its own:
 * checked here first, then sent; the server's problem shows by the field. No session (401) or
 * too many wrong codes (429) ends this sign-in: then it offers a new link.
 */
export function CodeForm<T>(props: {
  id: string;
  title: string;
  submit: string;
  recovery?: boolean;
  value: string;
  onValue: (value: string) => void;
  /** The problem with a code as typed (trimmed), if any, before anything is sent. */
  check: (typed: string) => string | undefined;
  send: (typed: string) => Promise<T>;
  onDone: (result: T) => void;
  onExpired: () => void;
  /** With a key, the code field takes the focus whenever it changes. */
  focusKey?: string;
  children?: ComponentChildren;
}) {
  const form = useForm();
  const [over, setOver] = useState(false);
  const id = `${props.id}-code`;
  const fieldRef = useFocus<HTMLDivElement>(props.focusKey, 'input');

  async function submit() {
    const typed = props.value.trim();
    const problem = props.check(typed);
    if (problem) return form.fail([{ field: 'code', message: problem }], () => id);
    form.start();
    try {
      props.onDone(await props.send(typed));
    } catch (e) {
      setOver(e instanceof ApiError && (e.status === 401 || e.status === 429));
      form.fail(
        [{ field: 'code', message: e instanceof ApiError && e.fields[0] ? e.fields[0].message : messageOf(e) }],
        () => id,
      );
    }
  }

  const field = (
    <CodeField id={id} recovery={props.recovery} value={props.value} onValue={props.onValue} error={form.errors.code} />
  );
  return (
    <div class="panel">
      <Form id={props.id} level={2} title={props.title} submit={props.submit} form={form} onSubmit={submit}>
        {props.focusKey === undefined ? field : <div ref={fieldRef}>{field}</div>}
      </Form>
      {props.children}
      {over && (
        <p>
          <NewLink onClick={props.onExpired} />
        </p>
      )}
    </div>
  );
}
