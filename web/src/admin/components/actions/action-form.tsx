import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../../components/field/index.tsx';
import { overLimit } from '../../../lib/over-limit.ts';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import type { StaffAction } from '../../lib/admin-client.ts';

/** Sends an action; resolves to the problems to show (none when the request changed meanwhile), or null when it is done. */
export type Post = (action: StaffAction, done: string) => Promise<FieldErrors | null>;

/**
 * One action on a request, behind a disclosure: its fields, checked here first and then by the
 * server (errors next to each field and in a summary), and with `confirm` a second press, in
 * the page, before anything final is sent.
 */
export function ActionForm(props: {
  id: string;
  title: string;
  submit: string;
  /** The form's fields by name, in order: server errors for anything else land on the first. */
  fields: string[];
  check?: () => FieldErrors;
  action: () => StaffAction;
  /** What the status message says once it is done. */
  done: string;
  post: Post;
  confirm?: { question: string; yes: string };
  children: (errors: Record<string, string>, idOf: (field: string) => string) => ComponentChildren;
}) {
  const form = useForm();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useFocus<HTMLFieldSetElement>(confirming);
  // "Go back" returns the focus to the first button, where the person was.
  const [back, setBack] = useState(0);
  const buttonsRef = useFocus<HTMLDivElement>(back, 'button');
  const idOf = (field: string) => `${props.id}-${field}`;
  const formRef = useRef<HTMLFormElement>(null);
  const place = (field: string) => (props.fields.includes(field) ? field : (props.fields[0] ?? 'submit'));

  async function send() {
    form.start();
    const problems = await props.post(props.action(), props.done);
    if (!problems) return;
    setConfirming(false);
    form.fail(
      problems.map((p) => ({ field: place(p.field), message: p.message })),
      idOf,
    );
  }

  function submit() {
    if (form.sending) return;
    const tooLong = formRef.current ? overLimit(formRef.current) : [];
    const problems = [
      ...(props.check?.() ?? []),
      ...tooLong.map((p) => ({ field: p.id.slice(props.id.length + 1), message: p.message })),
    ];
    if (problems.length > 0) return form.fail(problems, idOf);
    if (props.confirm && !confirming) {
      form.fail([]);
      setConfirming(true);
      return;
    }
    send();
  }

  return (
    <details class="action">
      <summary>{props.title}</summary>
      <form
        ref={formRef}
        noValidate
        aria-label={props.title}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <ErrorSummary id={`${props.id}-problem`} errors={form.summary} attempt={form.attempt} />
        {props.children(form.errors, idOf)}
        {form.errors.submit && (
          <p class="error" id={idOf('submit-error')}>
            {form.errors.submit}
          </p>
        )}
        {props.confirm && confirming ? (
          <fieldset class="confirm" ref={confirmRef} tabIndex={-1}>
            <legend>{props.confirm.question}</legend>
            <div class="actions">
              <button type="button" class="danger" disabled={form.sending} onClick={send}>
                {form.sending ? 'Sending…' : props.confirm.yes}
              </button>
              <button
                type="button"
                class="ghost"
                onClick={() => {
                  setConfirming(false);
                  setBack((n) => n + 1);
                }}
              >
                Go back
              </button>
            </div>
          </fieldset>
        ) : (
          <div class="actions" ref={buttonsRef}>
            <button type="submit" id={idOf('submit')} disabled={form.sending}>
              {form.sending ? 'Sending…' : props.submit}
            </button>
          </div>
        )}
      </form>
    </details>
  );
}
