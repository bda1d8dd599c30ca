import { useState } from 'preact/hooks';
import { Field } from '../../../components/field/index.tsx';
import { formatDateTime } from '../../lib/words.ts';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

/*
 * Doing the work a request asks for: the product erases, restricts, or records an objection, and
 * (except for the restriction's lifting) completes the request, emailing the requester what was done.
 */

/** What the request covers, in words: "all their data", or the categories it names. */
function covers(d: FormProps['detail']['request']['details']): string {
  const names = d.categoryNames;
  return d.scope === 'some' && names ? [names].flat().join(', ') : 'all their data';
}

export function CarryOutErasure(props: FormProps) {
  const { request: r, subject } = props.detail;
  const whole = r.details.scope !== 'some';
  const what = whole ? `everything held about ${subject.name}` : `${subject.name}’s ${covers(r.details)}`;
  const kept =
    'Records under a legal hold, or that the law makes us keep (such as payments), stay: the requester is told which, and why.';
  // A whole erasure leaves no one to answer their other open requests: each is decided first.
  const others = whole ? subject.otherRequests.filter((o) => o.open) : [];
  const [decisions, setDecisions] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const field = (id: string) => `other-${id}`;
  const check = () => [
    ...others.flatMap((o) =>
      decisions[o.id] === 'superseded'
        ? []
        : [
            {
              field: field(o.id),
              message:
                decisions[o.id] === 'first'
                  ? `Complete ${o.reference} first, then come back to erase`
                  : `Choose what happens to ${o.reference}`,
            },
          ],
    ),
    ...(others.length ? need(reason, 'reason', 'Say why they are closed as superseded (kept on the record)') : []),
  ];
  return (
    <ActionForm
      id="erase"
      title="Carry out the erasure"
      submit="Erase the data"
      fields={[...others.map((o) => field(o.id)), ...(others.length ? ['reason'] : [])]}
      check={check}
      action={() => ({
        type: 'carry-out-erasure',
        ...(others.length
          ? { others: others.map((o) => ({ requestId: o.id, decision: 'superseded' as const, reason: reason.trim() })) }
          : {}),
      })}
      done="Erased and completed. The letter to the requester (what was erased, what was kept and why) is in the history below."
      confirm={{
        question: `Erase ${what} now (${r.reference})? ${kept} ${whole ? 'They are signed out and their account is removed. ' : ''}${
          others.length ? `${others.map((o) => o.reference).join(', ')} will be closed as superseded. ` : ''
        }This completes the request and cannot be undone.`,
        yes: 'Yes, erase it',
      }}
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            Erases {what}. {kept}{' '}
            {whole && <strong>This ends their sessions and removes their account: they can no longer sign in. </strong>}
            The request is completed and the letter sent to the address they had.
          </p>
          {others.length > 0 && (
            <fieldset class="others">
              <legend>Their other open requests: decide each first</legend>
              <p class="hint">
                After the erasure no one can answer them. Complete a request on its own page first, or close it here as
                superseded: the letter tells them.
              </p>
              {others.map((o) => (
                <Field
                  key={o.id}
                  id={idOf(field(o.id))}
                  label={`${o.reference}: ${o.kindName}, ${o.statusText.toLowerCase()}`}
                  value={decisions[o.id] ?? ''}
                  onValue={(v) => setDecisions({ ...decisions, [o.id]: v })}
                  error={errors[field(o.id)]}
                  options={[
                    { value: '', label: 'Choose…' },
                    { value: 'superseded', label: 'Close it as superseded by this erasure' },
                    { value: 'first', label: 'Complete it first (on its own page)' },
                  ]}
                />
              ))}
              <Field
                id={idOf('reason')}
                label="Why they are closed as superseded"
                hint="Kept on the record (internal, erased with the person's data); the person is not sent it."
                value={reason}
                onValue={setReason}
                error={errors.reason}
                multiline
              />
            </fieldset>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function ApplyRestriction(props: FormProps) {
  return (
    <ActionForm
      id="restrict"
      title="Restrict their data"
      submit="Restrict the data"
      fields={[]}
      action={() => ({ type: 'apply-restriction' })}
      done="Data restricted and request completed. The requester has been emailed."
      post={props.post}
    >
      {() => (
        <p class="hint">
          We keep {covers(props.detail.request.details)} but stop using it: no marketing, and no disclosure to anyone but them,
          until it is lifted. The request is completed and the requester emailed.
        </p>
      )}
    </ActionForm>
  );
}

export function NotifyRestrictionLift(props: FormProps) {
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      id="lift-notice"
      title="Tell them the restriction will be lifted"
      submit="Email the requester"
      fields={['reason']}
      check={() => need(reason, 'reason', 'Say why the restriction will be lifted: the requester is told it')}
      action={() => ({ type: 'notify-restriction-lift', reason: reason.trim() })}
      done="The requester has been emailed that the restriction will be lifted, and why. You can lift it now."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            The law (Art. 18(3)) requires the requester to be told before a restriction is lifted. They are emailed your reason
            and that it will be lifted; then you can lift it.
          </p>
          <Field
            id={idOf('reason')}
            label="Why it will be lifted (the requester is told it)"
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

export function LiftRestriction(props: FormProps) {
  const told = props.detail.subject.restriction?.liftNoticeAt;
  return (
    <ActionForm
      id="lift"
      title="Lift the restriction"
      submit="Lift the restriction"
      fields={[]}
      action={() => ({ type: 'lift-restriction' })}
      done="Restriction lifted."
      confirm={{
        question: `Lift the restriction on ${props.detail.subject.name}’s data? We then use it again as before.`,
        yes: 'Yes, lift it',
      }}
      post={props.post}
    >
      {() => (
        <p class="hint">
          {told && `The requester was told on ${formatDateTime(told)} that it will be lifted. `}Their data is then used again as
          before.
        </p>
      )}
    </ActionForm>
  );
}

export function UpholdObjection(props: FormProps) {
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      id="uphold"
      title="Uphold the objection"
      submit="Uphold the objection"
      fields={['message']}
      check={() => need(message, 'message', 'Write a response note for the requester')}
      action={() => ({ type: 'uphold-objection', message: message.trim() })}
      done="Objection upheld and request completed. The requester has been emailed your note."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            Stops the use of their data they objected to (see what they asked), recorded so that marketing checks honour it. The
            request is completed and the requester emailed your note.
          </p>
          <Field
            id={idOf('message')}
            label="Response note for the requester"
            hint="They are emailed it. Say what you have stopped."
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
