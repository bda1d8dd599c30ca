import { useRef, useState } from 'preact/hooks';
import { requestKindInfo } from '../../../../shared/requests/kinds.ts';
import { overLimit } from '../../lib/over-limit.ts';
import { ApiError, api, type MyDataResponse, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { follow, navigate } from '../../lib/route.ts';
import { useForm } from '../../lib/use-form.ts';
import { Form } from '../field/index.tsx';
import { AlreadyOpen } from './already-open.tsx';
import { type Draft, fieldOf, type Kind, problemsOf, requestOf } from './check.ts';
import { KindFields } from './kind-fields.tsx';
import { type BehalfDraft, behalfFieldOf, behalfOf, behalfProblems, noOne, OnBehalfFields } from './on-behalf.tsx';

/** What the form's history entry remembers once it is sent, so that Back shows it was. */
type Sent = { id: string; reference: string };

/**
 * The form of one kind of request, with what the right covers and where it stops. One
 * idempotency key per form: a double click or a retry after a lost answer makes one request.
 * Once sent, the form's place in the history remembers it: Back shows the request was sent, with
 * its reference, not an empty form.
 */
export function RequestForm(props: { tenant: string; kind: Kind; data: MyDataResponse }) {
  const { kind, tenant } = props;
  const info = requestKindInfo[kind];
  const [sent, setSent] = useState<Sent | undefined>(() => (history.state as { sent?: Sent } | null)?.sent);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState<Draft>({ values: {}, categories: [] });
  const [behalf, setBehalf] = useState<BehalfDraft>(noOne);
  const [notice, setNotice] = useState('');
  const [open, setOpen] = useState<RequestSummary | undefined>();
  const form = useForm();
  // The button is disabled from the next render; this stops a second click within the same one.
  const sending = useRef(false);
  const idOf = (field: string) => `rq-${field}`;

  async function submit() {
    if (sending.current) return;
    setNotice('');
    const tooLong = overLimit(document.body).map((p) => ({ field: p.id.replace(/^rq-/, ''), message: p.message }));
    const problems = [...problemsOf(kind, draft), ...behalfProblems(behalf), ...tooLong];
    if (problems.length > 0) return form.fail(problems, idOf);
    sending.current = true;
    form.start();
    try {
      const request = await api<RequestSummary & { alreadyOpen?: boolean }>(`/t/${tenant}/me/requests`, {
        method: 'POST',
        body: { idempotencyKey, request: requestOf(kind, draft), ...(behalfOf(behalf) ? { onBehalf: behalfOf(behalf) } : {}) },
      });
      if (request.alreadyOpen) return setOpen(request);
      history.replaceState({ sent: { id: request.id, reference: request.reference } }, '');
      navigate(`/t/${tenant}/requests/${request.id}`);
    } catch (error) {
      sending.current = false;
      if (error instanceof ApiError && error.fields.length > 0) {
        return form.fail(
          error.fields.map((f) => ({ field: behalfFieldOf(f.field) ?? fieldOf(kind, draft, f.field), message: f.message })),
          idOf,
        );
      }
      form.fail([]);
      setNotice(messageOf(error));
    }
  }

  if (open) return <AlreadyOpen tenant={tenant} request={open} />;
  if (sent) {
    return (
      <div class="panel" role="status">
        <h2>Your request is sent</h2>
        <p>
          You sent this request already: its reference is <strong>{sent.reference}</strong>. Its page shows where it stands and
          the date we will reply by.
        </p>
        <p>
          <a href={`/t/${tenant}/requests/${sent.id}`} onClick={follow}>
            See your request
          </a>
        </p>
        <p>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              history.replaceState(null, '');
              setSent(undefined);
            }}
          >
            Make another request of this kind
          </button>
        </p>
      </div>
    );
  }

  return (
    <>
      <p class="lead">{info.covers}</p>
      <p class="wording">{info.limits}</p>
      <p>
        <a href={`/t/${tenant}/requests/new`} onClick={follow}>
          Choose a different request
        </a>
      </p>
      <div class="panel">
        <Form
          id="rq"
          level={2}
          title="Your request"
          submit="Send request"
          form={form}
          onSubmit={submit}
          onCancel={() => navigate(`/t/${tenant}/`)}
        >
          {notice && (
            <p class="notice" role="alert">
              {notice}
            </p>
          )}
          <KindFields
            kind={kind}
            data={props.data}
            draft={draft}
            set={(name) => (value) => setDraft((d) => ({ ...d, values: { ...d.values, [name]: value } }))}
            setCategories={(categories) => setDraft((d) => ({ ...d, categories }))}
            errors={form.errors}
          />
          <OnBehalfFields
            draft={behalf}
            set={(name) => (value) => setBehalf((b) => ({ ...b, [name]: value }))}
            errors={form.errors}
          />
          <p class="hint">We will email you to confirm, with your reference and the date we will reply by.</p>
        </Form>
      </div>
    </>
  );
}
