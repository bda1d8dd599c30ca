import type { ComponentChildren } from 'preact';
import { grouped } from '../../../../shared/uk-time.ts';
import { useFocus } from '../../lib/use-focus.ts';

/** The attributes of an input that vary by field. */
interface Control {
  /** `email`: not spell-checked. */
  type?: string;
  autoComplete?: string;
  spellcheck?: boolean;
  autoCapitalize?: string;
  /** Bounds of a date (or number) input, e.g. no date after today. */
  min?: string;
  max?: string;
}

/** A control's error message, read out as "Error: …" (its id `<id>-error`, for aria-describedby). */
export function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p id={`${props.id}-error`} class="field-error">
      <span class="vh">Error: </span>
      {props.error}
    </p>
  ) : null;
}

/**
 * One labelled form control with its hint and error message, wired up for assistive technology
 * (aria-describedby, aria-invalid). An input by default; a select with `options`, a textarea
 * with `multiline`, or a select of grouped options with `<optgroup>` children.
 */
export function Field(
  props: Control & {
    id: string;
    label: string;
    value: string;
    onValue: (value: string) => void;
    hint?: string;
    error?: string;
    options?: { value: string; label: string }[];
    multiline?: boolean;
    /** The most characters the server takes: shown, with a live count, under the control. */
    maxLength?: number;
    children?: ComponentChildren;
  },
) {
  const { id, label, value, onValue, hint, error, options, multiline, maxLength, children, ...rest } = props;
  const described =
    [hint && `${id}-hint`, error && `${id}-error`, maxLength && `${id}-count`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    'aria-describedby': described,
    'aria-invalid': error ? true : undefined,
    onInput: (e: Event) => onValue((e.currentTarget as HTMLInputElement).value),
    // Read by the form before sending: a text over the limit is a problem here, not a refused request.
    'data-max': maxLength,
  };
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
      {options || children ? (
        <select {...common}>
          {children ??
            options?.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
        </select>
      ) : multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        // An email address is never spell-checked, unless a field says otherwise.
        <input type="text" {...((rest.type === 'email' ? { spellcheck: false, ...rest } : rest) as object)} {...common} />
      )}
      {/* The limit and a live count: "1,950 of 2,000 characters" (over it, in the error colour). */}
      {maxLength && (
        <p id={`${id}-count`} class={value.length > maxLength ? 'hint count over' : 'hint count'}>
          {grouped(value.length)} of {grouped(maxLength)} characters
        </p>
      )}
    </div>
  );
}

/**
 * "There is a problem": every error of the form as a link to its field, shown and focused
 * after a submit that failed (each new `attempt`).
 */
export function ErrorSummary(props: { id: string; errors: { id: string; message: string }[]; attempt: number }) {
  const ref = useFocus<HTMLDivElement>(props.attempt);
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={props.id}>
      <h3 id={props.id}>There is a problem</h3>
      <ul>
        {props.errors.map((e) => (
          <li key={e.id}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(e.id)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The frame of the small forms on a record: a heading (h3, or h2 with `level`), the error
 * summary, the fields, and "submit" and (with `onCancel`) "Cancel" buttons. `form` is the form's
 * `useForm` state (its summary and whether it is sending); `sending` says so instead.
 */
export function Form(props: {
  id: string;
  title: string;
  level?: 2;
  submit: string;
  form?: { sending: boolean; summary: { id: string; message: string }[]; attempt: number };
  sending?: boolean;
  onSubmit: () => void;
  onCancel?: () => void;
  children: ComponentChildren;
}) {
  const Heading = props.level ? 'h2' : 'h3';
  const sending = props.sending ?? props.form?.sending ?? false;
  return (
    <form
      class="record-form"
      noValidate
      aria-labelledby={`${props.id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Heading id={`${props.id}-heading`}>{props.title}</Heading>
      <ErrorSummary id={`${props.id}-problem`} errors={props.form?.summary ?? []} attempt={props.form?.attempt ?? 0} />
      {props.children}
      <div class="actions">
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : props.submit}
        </button>
        {props.onCancel && (
          <button type="button" class="ghost" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
