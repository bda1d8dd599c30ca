import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../../components/field/index.tsx';
import { overLimit } from '../../../lib/over-limit.ts';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import { type Bind, useFields } from '../../../lib/use-fields.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import type { Ctx, RequestDetail, StaffAction } from '../../lib/admin-client.ts';
import { type FieldSpec, needs, SpecField, type Values } from './spec-field.tsx';

/** Sends an action; resolves to the problems to show (none when the request changed meanwhile), or null when it is done. */
export type Post = (action: StaffAction, done: string) => Promise<FieldErrors | null>;

/** What every action's form is given by the request page. */
export interface FormProps {
  ctx: Ctx;
  detail: RequestDetail;
  post: Post;
}

type Confirm = { question: string; yes: string };
/** The values of the fields named in `fields`, and of any `children` draws (perhaps not yet set). */
type Named<K extends string> = Values & Record<K, string>;
const trimmed = (v: Values): Values => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.trim()]));

/** One action's form, described: what `ActionForm` draws, checks and sends. */
export interface ActionSpec<K extends string = never> {
  id: string;
  title: string;
  submit: string;
  /** The hint above the fields. */
  intro?: ComponentChildren;
  fields?: Record<K, FieldSpec>;
  /** The names of the fields `children` draws, after `fields`: server errors for anything else land on the first. */
  more?: string[];
  check?: (v: Named<K>) => FieldErrors;
  /** The action to send; `raw` holds the values as typed. */
  action: (v: Named<K>, raw: Named<K>) => StaffAction;
  /** What the status message says once it is done. */
  done: string | ((v: Named<K>) => string);
  confirm?: Confirm | ((v: Named<K>) => Confirm);
  children?: (bind: Bind) => ComponentChildren;
}

/** A staff action's form component, from its description given the request (none: the action is not offered). */
export function actionForm<K extends string = never>(
  describe: (p: FormProps) => ActionSpec<K> | null,
): FunctionComponent<FormProps> {
  return function Action(props: FormProps) {
    const spec = describe(props);
    return spec && <ActionForm {...spec} post={props.post} />;
  };
}

/** The values with any choice of a select that its options no longer offer emptied (the same object when there is none). */
function withoutStaleChoices(fields: Record<string, FieldSpec>, values: Values): Values {
  const stale = Object.entries(fields).filter(
    ([name, s]) => s.type === 'select' && values[name] && !s.options?.some((o) => o.value === values[name]),
  );
  return stale.length ? { ...values, ...Object.fromEntries(stale.map(([name]) => [name, ''])) } : values;
}

/**
 * One action on a request, behind a disclosure: a hint, its fields (described in `fields`, or
 * drawn by `children` with `bind`), checked here first and then by the server (errors next to
 * each field and in a summary), and with `confirm` a second press, in the page, before anything
 * final is sent. `check`, `action`, `done` and `confirm` read the values trimmed.
 */
export function ActionForm<K extends string = never>(props: ActionSpec<K> & { post: Post }) {
  const fields: Record<string, FieldSpec> = props.fields ?? {};
  const names = [...Object.keys(fields), ...(props.more ?? [])];
  const form = useForm();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useFocus<HTMLFieldSetElement>(confirming);
  // "Go back" returns the focus to the first button, where the person was.
  const [back, setBack] = useState(0);
  const buttonsRef = useFocus<HTMLDivElement>(back, 'button');
  const idOf = (field: string) => `${props.id}-${field}`;
  const formRef = useRef<HTMLFormElement>(null);
  const place = (field: string) => (names.includes(field) ? field : (names[0] ?? 'submit'));
  const {
    values: kept,
    setValues,
    bind,
  } = useFields<Values>(
    () => Object.fromEntries(Object.entries(fields).map(([name, s]) => [name, s.initial ?? ''])),
    idOf,
    form.errors,
  );
  // A choice no longer offered (the request moved on since the form was drawn, e.g. the system
  // chosen has answered) is no choice: never sent, and the field asks again.
  const values = withoutStaleChoices(fields, kept);
  useEffect(() => {
    if (values !== kept) setValues(values);
  });
  const v = trimmed(values) as Named<K>;
  const raw = values as Named<K>;
  const confirm = typeof props.confirm === 'function' ? props.confirm(v) : props.confirm;

  async function send() {
    form.start();
    const problems = await props.post(props.action(v, raw), typeof props.done === 'function' ? props.done(v) : props.done);
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
      ...needs(fields, v),
      ...(props.check?.(v) ?? []),
      ...tooLong.map((p) => ({ field: p.id.slice(props.id.length + 1), message: p.message })),
    ];
    if (problems.length > 0) return form.fail(problems, idOf);
    if (confirm && !confirming) {
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
        {props.intro && <p class="hint">{props.intro}</p>}
        {Object.entries(fields).map(([name, spec]) =>
          (spec.when?.(values) ?? true) ? <SpecField key={name} name={name} spec={spec} bind={bind} /> : null,
        )}
        {props.children?.(bind)}
        {form.errors.submit && (
          <p class="error" id={idOf('submit-error')}>
            {form.errors.submit}
          </p>
        )}
        {confirm && confirming ? (
          <fieldset class="confirm" ref={confirmRef} tabIndex={-1}>
            <legend>{confirm.question}</legend>
            <div class="actions">
              <button type="button" class="danger" disabled={form.sending} onClick={send}>
                {form.sending ? 'Sending…' : confirm.yes}
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
