import { api } from '../../lib/portal-client.ts';
import { EmailLinkForm } from './email-link.tsx';

/** Ask for a sign-in link. The answer is the same whether or not the address is known. */
export function SignIn(props: { tenant: string; intro?: string }) {
  return (
    <EmailLinkForm
      intro={props.intro ?? 'See the information held about you, why it is held and for how long.'}
      label="Your email address"
      hint="We will email you a link to sign in. No password needed."
      empty="Enter your email address."
      send={(email) => api(`/t/${props.tenant}/auth/link`, { method: 'POST', body: { email } })}
      sent={(email) => (
        <>
          <p>
            If <strong>{email}</strong> is known to us, we have sent it a sign-in link. It works once, for 15 minutes.
          </p>
          <p class="muted">Nothing arrived? Check your spam folder, or try again in a few minutes.</p>
        </>
      )}
    />
  );
}
