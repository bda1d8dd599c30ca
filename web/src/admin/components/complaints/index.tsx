import { useState } from 'preact/hooks';
import type { ComplaintDetailT, ComplaintQueueItemT } from '../../../../../shared/complaints/complaint-api.ts';
import { optionsOf } from '../../../components/choices/index.tsx';
import { Field, Form } from '../../../components/field/index.tsx';
import { Terms } from '../../../components/terms/index.tsx';
import { formatDate, formatDateTime, messageOf } from '../../../lib/portal-client.ts';
import { follow, navigate } from '../../../lib/route.ts';
import { useFields } from '../../../lib/use-fields.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, adminPath, type Ctx } from '../../lib/admin-client.ts';
import { complaintInAddress, pagePath, useAdminRoute } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { loggedViaNames } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { DataTable } from '../data-table/index.tsx';
import { LoadState } from '../load-state/index.tsx';
import { FindSubject, type Subject } from '../log-request/find-subject.tsx';

type Ids = { subjectId: string; id: string };
// Nothing chosen to start with: the evidence says how it came and what about only as the handler chose.
const choose = { value: '', label: 'Choose…' };
const abouts = [
  choose,
  ...optionsOf({ 'request-handling': 'How a request was handled', 'data-use': 'How personal data is used' }),
];
const vias = [choose, ...optionsOf(loggedViaNames)];
/** Each step's choice, its box's label, and what the page says once it is done. */
const actionWords: Record<string, [string, string, string]> = {
  acknowledge: ['Acknowledge (the person is emailed)', 'Message to add (optional)', 'Acknowledged: the person is emailed.'],
  'ask-information': ['Ask the person for more', 'Your question', 'Asked: the person is emailed your question.'],
  'record-enquiry': ['Record an enquiry made', 'What you looked into and found', 'Enquiry recorded.'],
  note: ['Add an internal note', 'Note', 'Note added.'],
  close: ['Close with an outcome (emailed)', 'The outcome, in plain words', 'Closed: the person is emailed the outcome.'],
};

function due(c: ComplaintQueueItemT) {
  if (c.daysLeft === null) return c.statusText;
  const when = `Acknowledge by ${formatDate(c.acknowledgeBy)}`;
  const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
  return c.overdue ? (
    <>
      {when} <Chip tone="danger">{`${days(-c.daysLeft)} overdue`}</Chip>
    </>
  ) : (
    `${when} (${days(c.daysLeft)} left)`
  );
}

/** Log a complaint received by phone, letter, email or in person, from the day it arrived. */
function LogComplaint(props: { ctx: Ctx; onLogged: (ids: Ids) => void }) {
  const [subject, setSubject] = useState<Subject>();
  const form = useForm();
  const idOf = (f: string) => `lc-${f}`;
  const { values: v, bind } = useFields({ via: '', receivedOn: '', about: '', what: '' }, idOf, form.errors);
  if (!subject) return <FindSubject tenant={props.ctx.tenant.slug} onFound={setSubject} made="complaint" />;
  const submit = () =>
    form.send(
      async () => {
        const d = await adminApi<ComplaintDetailT>(props.ctx.tenant.slug, 'complaints', {
          method: 'POST',
          body: { subjectId: subject.id, ...v },
        });
        props.onLogged({ subjectId: d.complaint.subjectId, id: d.complaint.id });
      },
      'what',
      idOf,
    );
  return (
    <Form
      id="lc"
      level={2}
      title={`Log a complaint from ${subject.email}`}
      submit="Log the complaint"
      form={form}
      onSubmit={submit}
    >
      <Field {...bind('via')} label="How it reached you" options={vias} />
      <Field {...bind('receivedOn')} label="Date received (the 30 days count from it)" type="date" />
      <Field {...bind('about')} label="What it is about" options={abouts} />
      <Field {...bind('what')} maxLength={5000} label="What the person said happened" multiline />
    </Form>
  );
}

function ComplaintCase(props: { ctx: Ctx; ids: Ids; onChange: () => void }) {
  const slug = props.ctx.tenant.slug;
  const path = `subjects/${props.ids.subjectId}/complaints/${props.ids.id}`;
  const { load, set } = useLoad<ComplaintDetailT>(slug, path);
  const [type, setType] = useState('');
  const [text, setText] = useState('');
  // What the last step did; and a closing asks once more before the outcome is emailed.
  const [done, setDone] = useState('');
  const [sure, setSure] = useState(false);
  const form = useForm();
  if (load.kind !== 'ready') return <LoadState load={load} />;
  const { complaint: c, person, actions } = load.data;
  // The action taken last may no longer be offered (closing leaves only a note): fall back to what is.
  const chosen = (actions.includes(type as (typeof actions)[number]) ? type : '') || actions.find((a) => a !== 'assign') || '';
  async function submit() {
    const key = chosen === 'close' ? 'outcome' : chosen === 'record-enquiry' || chosen === 'note' ? 'text' : 'message';
    if (chosen === 'close' && text.trim() && !sure) return setSure(true);
    setDone('');
    form.start();
    try {
      set(
        await adminApi<ComplaintDetailT>(slug, `${path}/actions`, {
          method: 'POST',
          body: { expectedVersion: c.version, action: { type: chosen, ...(text.trim() ? { [key]: text.trim() } : {}) } },
        }),
      );
      setText('');
      setType('');
      setSure(false);
      setDone(actionWords[chosen]?.[2] ?? '');
      form.fail([]);
      props.onChange();
    } catch (e) {
      form.fail([{ field: 'text', message: messageOf(e) }], () => 'ca-text');
    }
  }
  return (
    <section class="panel" aria-labelledby="case-heading">
      <h2 id="case-heading">Complaint {c.reference}</h2>
      <Terms
        class="summary"
        rows={[
          ['Status', due(c)],
          ['Person', person.email],
          ['About', c.aboutText],
          ['Received', `${formatDate(c.receivedOn)}, by ${c.receivedVia}`],
          ['Request', c.request?.reference],
          ['What happened', c.what],
          ['Outcome', c.outcome],
        ]}
      />
      <p>
        <a href={`/api${adminPath(slug, `${path}/evidence`)}`} download>
          Download evidence pack
        </a>
      </p>
      <h3>History</h3>
      <ul>
        {c.history.map((h) => (
          <li key={h.at + h.type}>
            {formatDateTime(h.at)} · {h.text} · {h.by}
            {h.internal && ' (internal)'}
            {h.message && `: ${h.message}`}
          </li>
        ))}
      </ul>
      {actions.includes('assign') && !c.assignee && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            adminApi<ComplaintDetailT>(slug, `${path}/actions`, {
              method: 'POST',
              body: { expectedVersion: c.version, action: { type: 'assign', assignee: props.ctx.me.email } },
            }).then(set)
          }
        >
          Assign to me
        </button>
      )}
      {done && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      {chosen && (
        <Form
          id="ca"
          title="Act on this complaint"
          submit={sure ? 'Yes, close it and email the outcome' : 'Save'}
          form={form}
          onSubmit={submit}
        >
          <Field
            id="ca-type"
            label="What to do"
            options={actions.filter((a) => actionWords[a]).map((a) => ({ value: a, label: actionWords[a]?.[0] ?? a }))}
            value={chosen}
            // Another step starts with an empty box: an internal note must never become an emailed outcome.
            onValue={(v) => {
              setType(v);
              setText('');
              setSure(false);
            }}
          />
          <Field
            id="ca-text"
            maxLength={5000}
            label={actionWords[chosen]?.[1] ?? 'Text'}
            multiline
            value={text}
            onValue={(v) => {
              setText(v);
              setSure(false);
            }}
            error={form.errors.text}
          />
          {sure && <p class="notice">This closes the complaint and emails the outcome to the person. It cannot be undone.</p>}
        </Form>
      )}
    </section>
  );
}

/** Complaints (DPA 2018 s.164A) beside requests: due to acknowledge within 30 days, then open until an outcome. */
export function Complaints(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const { load, reload } = useLoad<{ complaints: ComplaintQueueItemT[]; counts: Record<string, number> }>(
    slug,
    'complaints?all=1',
  );
  // The complaint shown is the one in the address (`…/admin/complaints/<subject>/<complaint>`):
  // it can be linked to, reloaded, and left with the back button.
  useAdminRoute();
  const ids = complaintInAddress(location.pathname);
  const address = (i: Ids) => pagePath(slug, `complaints/${i.subjectId}/${i.id}`);
  const [logging, setLogging] = useState(false);
  const list = load.kind === 'ready' ? load.data : undefined;
  return (
    <>
      {list && (
        <p>
          {list.counts.open} open · {list.counts.toAcknowledge} to acknowledge · <strong>{list.counts.overdue} overdue</strong>.
          Each complaint must be acknowledged within 30 days of the day it arrived (DPA 2018 s.164A); log those received by phone,
          letter, email or in person with that day.
        </p>
      )}
      {props.ctx.me.can.act && !logging && (
        <button type="button" class="secondary" onClick={() => setLogging(true)}>
          Log a complaint
        </button>
      )}
      {logging && (
        <LogComplaint
          ctx={props.ctx}
          onLogged={(i) => {
            setLogging(false);
            navigate(address(i));
            reload();
          }}
        />
      )}
      {ids && <ComplaintCase key={ids.id} ctx={props.ctx} ids={ids} onChange={reload} />}
      <DataTable
        class="data queue"
        caption="Complaints, open first"
        rows={list?.complaints ?? []}
        rowClass={(c) => (c.overdue ? 'is-overdue' : undefined)}
        columns={[
          {
            head: 'Reference',
            cell: (c) => (
              <a href={address(c)} onClick={follow}>
                {c.reference}
              </a>
            ),
          },
          { head: 'About', cell: (c) => c.aboutText },
          { head: 'Received', cell: (c) => formatDate(c.receivedOn) },
          { head: 'Where it stands', cell: (c) => (c.open ? due(c) : c.statusText) },
        ]}
      />
    </>
  );
}
