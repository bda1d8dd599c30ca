import { useEffect, useState } from 'preact/hooks';
import { Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type Enrolled, type Enrolment } from '../../lib/admin-client.ts';
import { CodeField } from '../code-field/index.tsx';

/** The QR code as an image: the CSP allows `data:` images, and an image cannot run script. */
const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to type and check. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** First sign-in: add this centre to an authenticator app, then prove it with a code. */
export function Enrol(props: { tenant: string; onEnrolled: (enrolled: Enrolled) => void; onExpired: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | { error: string; expired: boolean } | null>(null);
  const [code, setCode] = useState('');
  // Too many wrong codes (429) or no session left (401): this sign-in is over, a new link is needed.
  const [over, setOver] = useState(false);
  const form = useForm();

  useEffect(() => {
    adminApi<Enrolment>(props.tenant, 'auth/enrolment', { quiet: true }).then(setEnrolment, (e: unknown) =>
      setEnrolment({ error: messageOf(e), expired: e instanceof ApiError && e.status === 401 }),
    );
  }, [props.tenant]);

  async function submit() {
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      return form.fail([{ field: 'code', message: 'Enter the 6-digit code from your authenticator app' }], () => 'enrol-code');
    }
    form.start();
    try {
      props.onEnrolled(
        await adminApi<Enrolled>(props.tenant, 'auth/enrol', { method: 'POST', body: { code: code.trim() }, quiet: true }),
      );
    } catch (e) {
      setOver(e instanceof ApiError && (e.status === 401 || e.status === 429));
      form.fail(
        [{ field: 'code', message: e instanceof ApiError && e.fields[0] ? e.fields[0].message : messageOf(e) }],
        () => 'enrol-code',
      );
    }
  }

  if (!enrolment) return <p aria-busy="true">Loading…</p>;
  if ('error' in enrolment) {
    return (
      <div class="panel" role="alert">
        <p class="error">{enrolment.error}</p>
        {enrolment.expired && (
          <button type="button" class="link" onClick={props.onExpired}>
            Ask for a new sign-in link
          </button>
        )}
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
      <div class="panel">
        <Form
          id="enrol"
          level={2}
          title="2. Enter the code your app shows"
          submit="Set up and continue"
          sending={form.sending}
          errors={form.summary}
          attempt={form.attempt}
          onSubmit={submit}
        >
          <CodeField id="enrol-code" value={code} onValue={setCode} error={form.errors.code} />
        </Form>
        {over && (
          <p>
            <button type="button" class="link" onClick={props.onExpired}>
              Ask for a new sign-in link
            </button>
          </p>
        )}
      </div>
    </>
  );
}
