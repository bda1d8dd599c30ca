import { useState } from 'preact/hooks';
import { Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type StaffMe } from '../../lib/admin-client.ts';
import { CodeField } from '../code-field/index.tsx';

/** After the email link: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactor(props: { tenant: string; onSignedIn: (me: StaffMe) => void; onExpired: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [expired, setExpired] = useState(false);
  const form = useForm();
  const id = 'second-factor-code';
  const fieldRef = useFocus<HTMLDivElement>(recovery ? 'recovery' : 'app', 'input');

  async function submit() {
    const typed = value.trim();
    const ok = recovery ? /^[a-z0-9]{10}$/i.test(typed.replace(/[\s-]+/g, '')) : /^\d{6}$/.test(typed.replace(/\s+/g, ''));
    if (!ok) {
      const message = recovery
        ? 'Recovery codes are 10 letters and digits, like abcde-12345'
        : 'Enter the 6-digit code from your authenticator app';
      return form.fail([{ field: 'code', message }], () => id);
    }
    form.start();
    try {
      props.onSignedIn(
        await adminApi<StaffMe>(props.tenant, 'auth/second-factor', {
          method: 'POST',
          body: recovery ? { recoveryCode: typed } : { code: typed },
          quiet: true,
        }),
      );
    } catch (e) {
      // No session (401), or too many wrong codes (429): this sign-in is over, a new link is needed.
      setExpired(e instanceof ApiError && (e.status === 401 || e.status === 429));
      form.fail(
        [{ field: 'code', message: e instanceof ApiError && e.fields[0] ? e.fields[0].message : messageOf(e) }],
        () => id,
      );
    }
  }

  return (
    <div class="panel">
      <Form
        id="second-factor"
        level={2}
        title={recovery ? 'Use a recovery code' : 'Enter the code from your app'}
        submit="Sign in"
        sending={form.sending}
        errors={form.summary}
        attempt={form.attempt}
        onSubmit={submit}
      >
        <div ref={fieldRef}>
          <CodeField id={id} recovery={recovery} value={value} onValue={setValue} error={form.errors.code} />
        </div>
      </Form>
      <p>
        <button
          type="button"
          class="link"
          onClick={() => {
            setRecovery(!recovery);
            setValue('');
          }}
        >
          {recovery ? 'Use the code from my app instead' : 'Use a recovery code instead'}
        </button>
      </p>
      <p class="muted">
        Lost your phone, or no recovery codes left? Ask an admin of this centre to reset your authenticator: at your next sign-in
        you set up an app again.
      </p>
      {expired && (
        <p>
          <button type="button" class="link" onClick={props.onExpired}>
            Ask for a new sign-in link
          </button>
        </p>
      )}
    </div>
  );
}
