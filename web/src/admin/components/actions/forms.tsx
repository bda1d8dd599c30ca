import { useState } from 'preact/hooks';
import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import type { Ctx, IdentityMethod, RequestDetail } from '../../lib/admin-client.ts';
import { formatDate, identityMethodNames } from '../../lib/words.ts';
import { ActionForm, type Post } from './action-form.tsx';

export interface FormProps {
  ctx: Ctx;
  detail: RequestDetail;
  post: Post;
}

/** A check that a text was given: the problem, or none. */
export const need = (value: string, field: string, message: string): FieldErrors => (value.trim() ? [] : [{ field, message }]);

export function Assign(props: FormProps) {
  const { detail, ctx } = props;
  const [assignee, setAssignee] = useState(detail.request.assignee?.email ?? '');
  const name = detail.staff.find((s) => s.email === assignee)?.name || assignee;
  return (
    <ActionForm
      id="assign"
      title="Assign"
      submit="Save"
      fields={['assignee']}
      action={() => ({ type: 'assign', assignee: assignee || null })}
      done={assignee ? `Assigned to ${assignee === ctx.me.email ? 'you' : name}.` : 'No one is assigned now.'}
      post={props.post}
    >
      {(errors, idOf) => (
        <Field
          id={idOf('assignee')}
          label="Who works on this request?"
          value={assignee}
          onValue={setAssignee}
          error={errors.assignee}
          options={[
            { value: '', label: 'Unassigned' },
            ...detail.staff.map((s) => ({
              value: s.email,
              label: `${s.name || s.email}${s.email === ctx.me.email ? ' (you)' : ''}`,
            })),
          ]}
        />
      )}
    </ActionForm>
  );
}

export function VerifyIdentity(props: FormProps) {
  const [method, setMethod] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      id="identity"
      title="Record the identity check"
      submit="Record the check"
      fields={['method', 'note']}
      check={() => [
        ...need(method, 'method', 'Choose how you checked who the requester is'),
        ...need(note, 'note', 'Say how you checked who the requester is'),
      ]}
      action={() => ({ type: 'verify-identity', method: method as IdentityMethod, note: note.trim() })}
      done="Identity check recorded."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            How you know the request comes from the person whose data it is. Ask only for what you need to be sure.
          </p>
          <Field
            id={idOf('method')}
            label="How did you check?"
            value={method}
            onValue={setMethod}
            error={errors.method}
            options={[
              { value: '', label: 'Choose…' },
              ...Object.entries(identityMethodNames).map(([value, label]) => ({ value, label })),
            ]}
          />
          <Field
            id={idOf('note')}
            label="What did you check?"
            hint="For example: called back on the number on their contract and confirmed their postcode."
            multiline
            maxLength={2000}
            value={note}
            onValue={setNote}
            error={errors.note}
          />
        </>
      )}
    </ActionForm>
  );
}

export function Start(props: FormProps) {
  return (
    <ActionForm
      id="start"
      title="Start work"
      submit="Start work on it"
      fields={[]}
      action={() => ({ type: 'start' })}
      done="Marked as in progress."
      post={props.post}
    >
      {() => <p class="hint">Marks the request as in progress, so others can see someone is working on it.</p>}
    </ActionForm>
  );
}

const purposes = [
  {
    value: 'identity',
    label: 'To confirm who they are',
    hint: 'The clock stops; once they answer, the one calendar month counts again from that day (UK GDPR Art. 12A).',
  },
  {
    value: 'clarification',
    label: 'To clarify what they are asking for',
    hint: 'The clock stops until they answer; the due date then moves on by the days it was stopped.',
  },
];

export function AskInformation(props: FormProps) {
  const [message, setMessage] = useState('');
  const [purpose, setPurpose] = useState('clarification');
  const identity = purpose === 'identity';
  return (
    <ActionForm
      id="ask"
      title="Ask the requester for information"
      submit="Send the question"
      fields={['purpose', 'message']}
      check={() => need(message, 'message', 'Write the question for the requester')}
      action={() => ({ type: 'ask-information', message: message.trim(), purpose: identity ? 'identity' : 'clarification' })}
      done={
        identity
          ? 'Question sent. The month will count again from the day the requester answers.'
          : 'Question sent. The clock is stopped until the requester answers.'
      }
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            The requester is emailed your question. Ask only for what you need to confirm who they are or to find their data.
          </p>
          <Choices
            id={idOf('purpose')}
            type="radio"
            legend="What is the information for?"
            options={purposes}
            selected={[purpose]}
            onChange={([value]) => setPurpose(value ?? 'clarification')}
            error={errors.purpose}
          />
          <Field
            id={idOf('message')}
            label="Your question"
            multiline
            maxLength={5000}
            value={message}
            onValue={setMessage}
            error={errors.message}
          />
        </>
      )}
    </ActionForm>
  );
}

export function Extend(props: FormProps) {
  const r = props.detail.request;
  const offered = [1, 2].filter((m) => m + r.extensionMonths <= 2);
  const [months, setMonths] = useState(String(offered[0] ?? 1));
  const [reason, setReason] = useState('');
  const n = Number(months) as 1 | 2;
  return (
    <ActionForm
      id="extend"
      title="Extend the deadline"
      submit="Extend the deadline"
      fields={['months', 'reason']}
      check={() => need(reason, 'reason', 'Give the reason for the extension: the requester is told it')}
      action={() => ({ type: 'extend', months: n, reason: reason.trim() })}
      done={`Deadline extended by ${n === 1 ? '1 month' : '2 months'}. The requester has been emailed the reason.`}
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            You may extend by up to two further months if the request is complex or the requester has made several. You can extend
            only before the first deadline, <strong>{formatDate(r.firstDeadline)}</strong>. The requester is emailed the reason.
          </p>
          <Choices
            id={idOf('months')}
            type="radio"
            legend="Extend by"
            options={offered.map((m) => ({ value: String(m), label: m === 1 ? '1 month' : '2 months' }))}
            selected={[months]}
            onChange={([value]) => setMonths(value ?? '1')}
            error={errors.months}
          />
          <Field
            id={idOf('reason')}
            label="Reason for the extension (the requester is told it)"
            multiline
            maxLength={2000}
            value={reason}
            onValue={setReason}
            error={errors.reason}
          />
        </>
      )}
    </ActionForm>
  );
}

const grounds = [
  {
    value: 'manifestly-unfounded',
    label: 'Manifestly unfounded',
    hint: 'For example, made with no real wish to exercise the right, or to cause disruption.',
  },
  {
    value: 'manifestly-excessive',
    label: 'Manifestly excessive',
    hint: 'For example, clearly unreasonable in view of its burden, or repeating a request just answered.',
  },
];

export function Refuse(props: FormProps) {
  const [ground, setGround] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      id="refuse"
      title="Refuse the request"
      submit="Refuse the request"
      fields={['grounds', 'reason']}
      check={() => [
        ...need(ground, 'grounds', 'Choose the grounds for refusing'),
        ...need(reason, 'reason', 'Give the reason for refusing: the requester is told it'),
      ]}
      action={() => ({ type: 'refuse', grounds: ground as 'manifestly-unfounded', reason: reason.trim() })}
      done="Request refused. The requester has been emailed the reason and their right to complain."
      confirm={{
        question: `Refuse ${props.detail.request.reference}? This closes the request and emails the requester. It cannot be undone.`,
        yes: 'Yes, refuse',
      }}
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            The requester is emailed your reason. The email tells them of their right to complain to the Information
            Commissioner’s Office (ICO) and to {props.ctx.tenant.name}, and that they can go to court.
          </p>
          <Choices
            id={idOf('grounds')}
            type="radio"
            legend="Grounds"
            options={grounds}
            selected={[ground]}
            onChange={([value]) => setGround(value ?? '')}
            error={errors.grounds}
          />
          <Field
            id={idOf('reason')}
            label="Reason for refusing (the requester is told it)"
            multiline
            maxLength={2000}
            value={reason}
            onValue={setReason}
            error={errors.reason}
          />
        </>
      )}
    </ActionForm>
  );
}

export function Complete(props: FormProps) {
  const [message, setMessage] = useState('');
  const [withheld, setWithheld] = useState('');
  const [outcome, setOutcome] = useState('done');
  return (
    <ActionForm
      id="complete"
      title="Complete the request"
      submit="Complete the request"
      fields={['message', 'outcome', 'withheld']}
      check={() => need(message, 'message', 'Write a response note for the requester')}
      action={() => ({
        type: 'complete',
        message: message.trim(),
        outcome: outcome === 'partly-done' ? 'partly-done' : 'done',
        ...(withheld.trim() ? { withheld: withheld.trim() } : {}),
      })}
      done="Request completed. The requester has been emailed your note."
      confirm={{
        question: `Complete ${props.detail.request.reference}? This closes the request and emails the requester your note.`,
        yes: 'Yes, complete it',
      }}
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <Field
            id={idOf('message')}
            label="Response note for the requester"
            hint="They are emailed it. Say what you did, and where something was kept or left out, why."
            multiline
            maxLength={5000}
            value={message}
            onValue={setMessage}
            error={errors.message}
          />
          <Field
            id={idOf('outcome')}
            label="How it ended"
            hint="Partly done: part of what they asked could not be done. Say which, and why, in the note. Counted in the reports."
            value={outcome}
            onValue={setOutcome}
            error={errors.outcome}
            options={[
              { value: 'done', label: 'Done as asked' },
              { value: 'partly-done', label: 'Partly done' },
            ]}
          />
          <Field
            id={idOf('withheld')}
            label="Anything withheld, and why (for the evidence pack)"
            hint="Optional. For example: another person’s data, or an exemption. Not emailed."
            multiline
            maxLength={2000}
            value={withheld}
            onValue={setWithheld}
            error={errors.withheld}
          />
        </>
      )}
    </ActionForm>
  );
}

export function Note(props: FormProps) {
  const [text, setText] = useState('');
  return (
    <ActionForm
      id="note"
      title="Add an internal note"
      submit="Add the note"
      fields={['text']}
      check={() => need(text, 'text', 'Write the note')}
      action={() => ({ type: 'note', text: text.trim() })}
      done="Note added."
      post={props.post}
    >
      {(errors, idOf) => (
        <Field
          id={idOf('text')}
          label="Note"
          hint="Only staff see it. It goes into the history and the evidence pack."
          multiline
          maxLength={2000}
          value={text}
          onValue={setText}
          error={errors.text}
        />
      )}
    </ActionForm>
  );
}
