import { api } from '../../lib/portal-client.ts';
import { navigate, useAddress } from '../../lib/route.ts';
import { noteSignedIn } from '../../lib/session-hint.ts';
import { linkToken, takeToken } from '../../lib/token.ts';
import { SignIn } from '../sign-in/index.tsx';
import { ConfirmLink } from './confirm-link.tsx';

/** The link lands here: a press of the button signs the person in and brings them to their data. */
export function Verify(props: { tenant: string }) {
  // A link opened in a tab already on this page changes only the fragment: take its token then.
  const token = useAddress(() => takeToken() || linkToken, 'hashchange');
  return (
    <ConfirmLink
      key={token}
      token={token}
      intro="You are signing in to see the information held about you."
      button="Confirm sign-in"
      incomplete="This link is incomplete. Please ask for a new one below."
      confirm={async (token) => {
        await api(`/t/${props.tenant}/auth/verify`, { method: 'POST', body: { token } });
        noteSignedIn(props.tenant);
        navigate(`/t/${props.tenant}/`);
      }}
      again={<SignIn tenant={props.tenant} intro="Ask for a new sign-in link." />}
    />
  );
}
