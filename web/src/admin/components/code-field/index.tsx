import { FieldError } from '../../../components/field/index.tsx';

/**
 * The code from an authenticator app (six digits, the phone's number pad, filled in from an SMS
 * or app where the device offers it) or, with `recovery`, a recovery code.
 */
export function CodeField(props: {
  id: string;
  recovery?: boolean;
  value: string;
  onValue: (value: string) => void;
  error?: string;
}) {
  const { id, recovery, error } = props;
  const hint = recovery
    ? 'One of the recovery codes you saved when you set up sign-in: 10 letters and digits, like abcde-12345. Each works once.'
    : 'The 6-digit code your authenticator app shows now. It changes every 30 seconds.';
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{recovery ? 'Recovery code' : '6-digit code'}</label>
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={id}
        type="text"
        class={recovery ? 'code recovery' : 'code'}
        inputMode={recovery ? 'text' : 'numeric'}
        autoComplete={recovery ? 'off' : 'one-time-code'}
        autoCapitalize="none"
        spellcheck={false}
        maxLength={recovery ? 13 : 7}
        value={props.value}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}
