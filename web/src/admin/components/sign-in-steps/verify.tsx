import { ConfirmLink } from '../../../components/verify/confirm-link.tsx';
import { noteSignedIn } from '../../../lib/session-hint.ts';
import { adminApi, type NextStep, staffHint } from '../../lib/admin-client.ts';
import { linkToken } from '../../lib/route.ts';
import { StaffSignIn } from '../sign-in/index.tsx';

/** The emailed link lands here: a press of the button leads on to the authenticator app. */
export function Verify(props: { tenant: string; onNext: (next: NextStep) => void }) {
  return (
    <ConfirmLink
      token={linkToken}
      intro="You are signing in to the staff pages of this privacy centre. Next you will need your authenticator app."
      button="Continue signing in"
      incomplete="This link is incomplete or has been used. Ask for a new one below."
      confirm={async (token) => {
        const res = await adminApi<{ next: NextStep }>(props.tenant, 'auth/verify', {
          method: 'POST',
          body: { token },
          quiet: true,
        });
        // The link started a session: until it is whole, a reload must ask which step is next.
        noteSignedIn(staffHint(props.tenant));
        props.onNext(res.next);
      }}
      again={<StaffSignIn tenant={props.tenant} intro="Ask for a new sign-in link." />}
    />
  );
}
