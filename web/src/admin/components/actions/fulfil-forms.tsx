import { Field } from '../../../components/field/index.tsx';
import { formatDateTime } from '../../lib/words.ts';
import { actionForm, type FormProps } from './action-form.tsx';
import { need, responseNote, told } from './spec-field.tsx';

/*
 * Doing the work a request asks for: the product erases, restricts, or records an objection, and
 * (except for the restriction's lifting) completes the request, emailing the requester what was done.
 */

/** What the request covers, in words: "all their data", or the categories it names. */
function covers(d: FormProps['detail']['request']['details']): string {
  const names = d.categoryNames;
  return d.scope === 'some' && names ? [names].flat().join(', ') : 'all their data';
}

export const CarryOutErasure = actionForm(({ detail: { request: r, subject } }: FormProps) => {
  const whole = r.details.scope !== 'some';
  const what = whole ? `everything held about ${subject.name}` : `${subject.name}’s ${covers(r.details)}`;
  const kept =
    'Records under a legal hold, or that the law makes us keep (such as payments), stay: the requester is told which, and why.';
  // A whole erasure leaves no one to answer their other open requests: each is decided first.
  const others = whole ? subject.otherRequests.filter((o) => o.open) : [];
  const field = (id: string) => `other-${id}`;
  const problem = (reference: string, decision: string | undefined) =>
    decision === 'first' ? `Complete ${reference} first, then come back to erase` : `Choose what happens to ${reference}`;
  return {
    id: 'erase',
    title: 'Carry out the erasure',
    submit: 'Erase the data',
    intro: (
      <>
        Erases {what}. {kept}{' '}
        {whole && <strong>This ends their sessions and removes their account: they can no longer sign in. </strong>}
        The request is completed and the letter sent to the address they had.
      </>
    ),
    more: [...others.map((o) => field(o.id)), ...(others.length ? ['reason'] : [])],
    check: (v) => [
      ...others
        .filter((o) => v[field(o.id)] !== 'superseded')
        .map((o) => ({ field: field(o.id), message: problem(o.reference, v[field(o.id)]) })),
      ...(others.length ? need(v.reason ?? '', 'reason', 'Say why they are closed as superseded (kept on the record)') : []),
    ],
    action: (v) => ({
      type: 'carry-out-erasure',
      ...(others.length
        ? { others: others.map((o) => ({ requestId: o.id, decision: 'superseded' as const, reason: v.reason ?? '' })) }
        : {}),
    }),
    done: 'Erased and completed. The letter to the requester (what was erased, what was kept and why) is in the history below.',
    confirm: {
      question: `Erase ${what} now (${r.reference})? ${kept} ${whole ? 'They are signed out and their account is removed. ' : ''}${
        others.length ? `${others.map((o) => o.reference).join(', ')} will be closed as superseded. ` : ''
      }This completes the request and cannot be undone.`,
      yes: 'Yes, erase it',
    },
    children: (bind) =>
      others.length > 0 && (
        <fieldset class="others">
          <legend>Their other open requests: decide each first</legend>
          <p class="hint">
            After the erasure no one can answer them. Complete a request on its own page first, or close it here as superseded:
            the letter tells them.
          </p>
          {others.map((o) => (
            <Field
              key={o.id}
              {...bind(field(o.id))}
              label={`${o.reference}: ${o.kindName}, ${o.statusText.toLowerCase()}`}
              options={[
                { value: '', label: 'Choose…' },
                { value: 'superseded', label: 'Close it as superseded by this erasure' },
                { value: 'first', label: 'Complete it first (on its own page)' },
              ]}
            />
          ))}
          <Field
            {...bind('reason')}
            label="Why they are closed as superseded"
            hint="Kept on the record (internal, erased with the person's data); the person is not sent it."
            multiline
          />
        </fieldset>
      ),
  };
});

export const ApplyRestriction = actionForm(({ detail }: FormProps) => ({
  id: 'restrict',
  title: 'Restrict their data',
  submit: 'Restrict the data',
  intro: `We keep ${covers(detail.request.details)} but stop using it: no marketing, and no disclosure to anyone but them, until it is lifted. The request is completed and the requester emailed.`,
  action: () => ({ type: 'apply-restriction' }),
  done: 'Data restricted and request completed. The requester has been emailed.',
}));

export const NotifyRestrictionLift = actionForm(() => ({
  id: 'lift-notice',
  title: 'Tell them the restriction will be lifted',
  submit: 'Email the requester',
  intro:
    'The law (Art. 18(3)) requires the requester to be told before a restriction is lifted. They are emailed your reason and that it will be lifted; then you can lift it.',
  fields: { reason: told('Why it will be lifted', 'Say why the restriction will be lifted', 2000) },
  action: (v) => ({ type: 'notify-restriction-lift', reason: v.reason }),
  done: 'The requester has been emailed that the restriction will be lifted, and why. You can lift it now.',
}));

export const LiftRestriction = actionForm(({ detail: { subject } }: FormProps) => {
  const noticeAt = subject.restriction?.liftNoticeAt;
  return {
    id: 'lift',
    title: 'Lift the restriction',
    submit: 'Lift the restriction',
    intro: `${noticeAt ? `The requester was told on ${formatDateTime(noticeAt)} that it will be lifted. ` : ''}Their data is then used again as before.`,
    action: () => ({ type: 'lift-restriction' }),
    done: 'Restriction lifted.',
    confirm: {
      question: `Lift the restriction on ${subject.name}’s data? We then use it again as before.`,
      yes: 'Yes, lift it',
    },
  };
});

export const UpholdObjection = actionForm(() => ({
  id: 'uphold',
  title: 'Uphold the objection',
  submit: 'Uphold the objection',
  intro:
    'Stops the use of their data they objected to (see what they asked), recorded so that marketing checks honour it. The request is completed and the requester emailed your note.',
  fields: { message: responseNote('They are emailed it. Say what you have stopped.') },
  action: (v) => ({ type: 'uphold-objection', message: v.message }),
  done: 'Objection upheld and request completed. The requester has been emailed your note.',
}));
