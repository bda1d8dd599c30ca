import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { adminApi, type Enrolled, type Enrolment } from '../../lib/admin-client.ts';
import { appCodeProblem, CodeForm, NewLink } from './code-form.tsx';

/** The QR code as an image: the CSP allows `data:` images, and an image cannot run script. */
const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to type and check. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** First sign-in: add this centre to an authenticator app, then prove it with a code. */
export function Enrol(props: { tenant: string; onEnrolled: (enrolled: Enrolled) => void; onExpired: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | { error: string; expired: boolean } | null>(null);
  const [code, setCode] = useState('');

  useEffect(() => {
    adminApi<Enrolment>(props.tenant, 'auth/enrolment', { quiet: true }).then(setEnrolment, (e: unknown) =>
      setEnrolment({ error: messageOf(e), expired: e instanceof ApiError && e.status === 401 }),
    );
  }, [props.tenant]);

  if (!enrolment) return <p aria-busy="true">Loading…</p>;
  if ('error' in enrolment) {
    return (
      <div class="panel" role="alert">
        <p class="error">{enrolment.error}</p>
        {enrolment.expired && <NewLink onClick={props.onExpired} />}
      </div>
    );
  }
  return (
    <>
      <p class="lead">
        Staff sign in with an email link and a code from an authenticator app on their phone. Set it up once, now.
      </p>
      <section class="panel" aria-labelledby="enrol-scan">
        <h2 id="enrol-scan">1. Add this centre to your app</h2>
        <p>
          Open an authenticator app (for example Microsoft Authenticator, Google Authenticator or 1Password), choose to add an
          account, and scan this code.
        </p>
        <img
          class="qr"
          src={qrSource(enrolment.qrSvg)}
          alt={`QR code to add ${enrolment.issuer} (${enrolment.account}) to your authenticator app`}
          width={200}
          height={200}
        />
        <p>
          Setting up on this phone? <a href={enrolment.otpauthUri}>Open it in your authenticator app</a>.
        </p>
        <p>If you cannot scan it, choose to enter a key instead and type this one:</p>
        <dl class="setup-key">
          <div>
            <dt>Setup key</dt>
            <dd>
              <code class="secret">{grouped(enrolment.secret)}</code>
            </dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>
              {enrolment.issuer}: {enrolment.account}
            </dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>Time-based, 6 digits</dd>
          </div>
        </dl>
      </section>
      <CodeForm
        id="enrol"
        title="2. Enter the code your app shows"
        submit="Set up and continue"
        value={code}
        onValue={setCode}
        check={appCodeProblem}
        send={(typed) => adminApi<Enrolled>(props.tenant, 'auth/enrol', { method: 'POST', body: { code: typed }, quiet: true })}
        onDone={props.onEnrolled}
        onExpired={props.onExpired}
      />
    </>
  );
}
