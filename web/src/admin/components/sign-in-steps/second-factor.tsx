import { useState } from 'preact/hooks';
import { adminApi, type StaffMe } from '../../lib/admin-client.ts';
import { appCodeProblem, CodeForm } from './code-form.tsx';

/** The problem with a recovery code as typed, if any: 10 letters and digits, spaces and dashes aside. */
const recoveryCodeProblem = (typed: string) =>
  /^[a-z0-9]{10}$/i.test(typed.replace(/[\s-]+/g, '')) ? undefined : 'Recovery codes are 10 letters and digits, like abcde-12345';

/** After the email link: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactor(props: { tenant: string; onSignedIn: (me: StaffMe) => void; onExpired: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  return (
    <CodeForm
      id="second-factor"
      title={recovery ? 'Use a recovery code' : 'Enter the code from your app'}
      submit="Sign in"
      recovery={recovery}
      value={value}
      onValue={setValue}
      check={recovery ? recoveryCodeProblem : appCodeProblem}
      send={(typed) =>
        adminApi<StaffMe>(props.tenant, 'auth/second-factor', {
          method: 'POST',
          body: recovery ? { recoveryCode: typed } : { code: typed },
          quiet: true,
        })
      }
      onDone={props.onSignedIn}
      onExpired={props.onExpired}
      focusKey={recovery ? 'recovery' : 'app'}
    >
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
    </CodeForm>
  );
}
