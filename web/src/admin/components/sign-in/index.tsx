import { EmailLinkForm } from '../../../components/sign-in/email-link.tsx';
import { adminApi } from '../../lib/admin-client.ts';

/**
 * Staff sign-in, first step: a link by email. The answer is the same whether or not the
 * address belongs to staff, so the form tells no one who works here.
 */
export function StaffSignIn(props: { tenant: string; intro?: string }) {
  return (
    <EmailLinkForm
      intro={props.intro ?? 'Sign in to work the privacy requests of this centre.'}
      label="Your work email address"
      hint="We will email you a link. Then you enter the code from your authenticator app."
      empty="Enter your work email address."
      send={(email) => adminApi(props.tenant, 'auth/link', { method: 'POST', body: { email }, quiet: true })}
      sent={(email) => (
        <>
          <p>
            If <strong>{email}</strong> belongs to staff here, we have sent a sign-in link to it. It works once, for 15 minutes.
            After the link you will need the code from your authenticator app.
          </p>
          <p class="muted">Nothing arrived? Check your spam folder, or ask an admin of this centre to check your address.</p>
        </>
      )}
      focusSent
    />
  );
}
