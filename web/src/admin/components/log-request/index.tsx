import { useRef, useState } from 'preact/hooks';
import { optionsOf } from '../../../components/choices/index.tsx';
import { Field, Form } from '../../../components/field/index.tsx';
import { overLimit } from '../../../lib/over-limit.ts';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { navigate } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type Ctx, type LogRequest as LogBody, type RequestDetail } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { kindNames, loggedViaNames, ukToday } from '../../lib/words.ts';
import { type Draft, fieldOf, problemsOf, requestOf, scopeOf } from './draft.ts';
import { FindSubject, type Subject } from './find-subject.tsx';
import { KindFields } from './kind-fields.tsx';
import { RepresentativeFields, repFieldOf, representativeOf, representativeProblems } from './representative.tsx';

const via = [{ value: '', label: 'Choose…' }, ...optionsOf(loggedViaNames)];

/** Step 2: what they asked for, how and when it reached us. */
function RequestStep(props: { ctx: Ctx; subject: Subject; onChangeSubject: () => void }) {
  const slug = props.ctx.tenant.slug;
  const today = ukToday();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState<Draft>({ receivedOn: today });
  const [ticked, setTicked] = useState<string[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const policy = props.ctx.me.tenant.categories;
  const scope = scopeOf(draft.kind ?? '', policy, ticked, Boolean(props.subject.id), picked);
  const [notice, setNotice] = useState('');
  const form = useForm();
  const sending = useRef(false);
  const set = (name: string) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const idOf = (field: string) => `log-${field}`;

  async function submit() {
    if (sending.current) return;
    setNotice('');
    const tooLong = overLimit(document.body).map((p) => ({ field: p.id.replace(/^log-/, ''), message: p.message }));
    const problems = [...problemsOf(draft, scope, today), ...representativeProblems(draft), ...tooLong];
    if (problems.length > 0) return form.fail(problems, idOf);
    sending.current = true;
    form.start();
    const body: LogBody = {
      idempotencyKey,
      // Someone not held is logged by address: the centre searches and may hold nothing.
      ...(props.subject.id ? { subjectId: props.subject.id } : { email: props.subject.email }),
      ...(representativeOf(draft) ? { onBehalf: representativeOf(draft) } : {}),
      via: draft.via as LogBody['via'],
      receivedOn: draft.receivedOn ?? today,
      ...(draft.recordNote?.trim() ? { note: draft.recordNote.trim() } : {}),
      request: requestOf(draft, scope),
    };
    try {
      const created = await adminApi<RequestDetail>(slug, 'requests', { method: 'POST', body });
      navigate(pagePath(slug, `requests/${created.request.subjectId}/${created.request.id}`));
    } catch (error) {
      sending.current = false;
      if (error instanceof ApiError && error.fields.length > 0) {
        return form.fail(
          error.fields.map((f) => ({ field: repFieldOf(f.field) ?? fieldOf(f.field), message: f.message })),
          idOf,
        );
      }
      form.fail([]);
      setNotice(messageOf(error));
    }
  }

  return (
    <div class="panel">
      <p>
        Requester: <strong>{props.subject.name}</strong>
        {props.subject.id
          ? ` (${props.subject.email}) `
          : ': not held in this centre. The centre searches, and answers if nothing is held. '}
        <button type="button" class="link" onClick={props.onChangeSubject}>
          Choose someone else
        </button>
      </p>
      <Form id="log" level={2} title="2. What did they ask for?" submit="Log the request" form={form} onSubmit={submit}>
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <Field
          id={idOf('kind')}
          label="Kind of request"
          hint="A request counts whatever words they used: “send me what you have on me” is an access request."
          value={draft.kind ?? ''}
          onValue={set('kind')}
          error={form.errors.kind}
          options={[{ value: '', label: 'Choose…' }, ...Object.entries(kindNames).map(([value, label]) => ({ value, label }))]}
        />
        <KindFields
          draft={draft}
          set={set}
          policy={policy}
          scope={scope}
          ticked={ticked}
          setTicked={setTicked}
          picking={props.subject.id ? { tenant: slug, subjectId: props.subject.id, picked, setPicked } : undefined}
          errors={form.errors}
        />
        <RepresentativeFields draft={draft} set={set} errors={form.errors} />
        <Field
          id={idOf('via')}
          label="How did it reach you?"
          value={draft.via ?? ''}
          onValue={set('via')}
          error={form.errors.via}
          options={via}
        />
        <Field
          id={idOf('receivedOn')}
          label="Date received"
          hint="The time limit counts from the day it reached the organisation, not from today."
          type="date"
          max={today}
          value={draft.receivedOn ?? ''}
          onValue={set('receivedOn')}
          error={form.errors.receivedOn}
        />
        <Field
          id={idOf('recordNote')}
          label="Note for the record (optional)"
          hint="What they said, in brief: who took the call, the letter’s date, anything that helps whoever handles it."
          multiline
          maxLength={2000}
          value={draft.recordNote ?? ''}
          onValue={set('recordNote')}
          error={form.errors.recordNote}
        />
        <p class="hint">They are emailed an acknowledgement with the reference and the due date.</p>
      </Form>
    </div>
  );
}

/** Log a request that arrived by phone, letter, email or in person, so its clock starts on the right day. */
export function LogRequest(props: { ctx: Ctx }) {
  const [subject, setSubject] = useState<Subject | null>(null);
  const stepRef = useFocus<HTMLDivElement>(subject?.id, 'select');
  return (
    <>
      <p>
        A request made by phone, letter, email or in person counts from the day it arrived. Log it here so its time limit is
        tracked like any other.
      </p>
      {subject ? (
        <div ref={stepRef}>
          <RequestStep ctx={props.ctx} subject={subject} onChangeSubject={() => setSubject(null)} />
        </div>
      ) : (
        <FindSubject tenant={props.ctx.tenant.slug} onFound={setSubject} anyone />
      )}
    </>
  );
}
