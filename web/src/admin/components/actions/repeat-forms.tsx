import { useState } from 'preact/hooks';
import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { formatDate } from '../../lib/words.ts';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

/** Merge a likely duplicate into the request received first (its deadline stands). */
export function MergeDuplicate(props: FormProps) {
  const { duplicates } = props.detail.related;
  const [id, setId] = useState(duplicates[0]?.id ?? '');
  if (duplicates.length === 0) return null;
  const chosen = duplicates.find((d) => d.id === id);
  return (
    <ActionForm
      id="merge"
      title="Merge a duplicate"
      submit="Merge"
      fields={['duplicateId']}
      check={() => need(id, 'duplicateId', 'Choose the duplicate to merge')}
      action={() => ({ type: 'merge-duplicate', duplicateId: id })}
      done="Merged. The request received first stands with the earliest deadline; the other is closed, pointing to it, and the requester is told."
      confirm={{
        question: `Merge ${props.detail.request.reference} and ${chosen?.reference ?? 'the duplicate'}? The one received later closes. It cannot be undone.`,
        yes: 'Yes, merge',
      }}
      post={props.post}
    >
      {(errors, idOf) => (
        <Choices
          id={idOf('duplicateId')}
          type="radio"
          legend="Which duplicate?"
          options={duplicates.map((d) => ({
            value: d.id,
            label: `${d.reference}, received ${formatDate(d.receivedOn)}, due ${formatDate(d.dueOn)}`,
          }))}
          selected={[id]}
          onChange={([value]) => setId(value ?? '')}
          error={errors.duplicateId}
        />
      )}
    </ActionForm>
  );
}

/** A repeat of a request answered before, nothing changed: answer by pointing to that answer. */
export function AnswerByReference(props: FormProps) {
  const earlier = props.detail.related.earlier.filter(
    (e) => e.statusText === 'Completed' && e.kindName === props.detail.request.kindName,
  );
  const [id, setId] = useState(earlier.find((e) => e.recentSameScope)?.id ?? earlier[0]?.id ?? '');
  const [message, setMessage] = useState('');
  if (earlier.length === 0) return null;
  return (
    <ActionForm
      id="by-reference"
      title="Answer by pointing to an earlier answer"
      submit="Answer by reference"
      fields={['earlierId', 'message']}
      check={() => [
        ...need(id, 'earlierId', 'Choose the earlier request'),
        ...need(message, 'message', 'Say why the earlier answer still stands: the requester is told it'),
      ]}
      action={() => ({ type: 'answer-by-reference', earlierId: id, message: message.trim() })}
      done="Answered by reference. The requester is emailed the earlier reference, your reason and their right to complain."
      confirm={{ question: 'Complete this request by pointing to the earlier answer? It cannot be undone.', yes: 'Yes, answer' }}
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            For a request that repeats one answered recently when nothing has changed. The requester is told which answer stands
            and why, and of their right to complain here and to the ICO. You may instead ask for a further-copy fee (if this
            centre set one) or refuse it as manifestly excessive.
          </p>
          <Choices
            id={idOf('earlierId')}
            type="radio"
            legend="Which earlier answer?"
            options={earlier.map((e) => ({
              value: e.id,
              label: `${e.reference}, answered ${e.answeredOn ? formatDate(e.answeredOn) : ''}`,
            }))}
            selected={[id]}
            onChange={([value]) => setId(value ?? '')}
            error={errors.earlierId}
          />
          <Field
            id={idOf('message')}
            label="Why the earlier answer still stands (the requester is told it)"
            multiline
            value={message}
            onValue={setMessage}
            error={errors.message}
          />
        </>
      )}
    </ActionForm>
  );
}

/** Ask for the fee this centre set, where the law allows one: the clock stops until it is paid. */
export function AskFee(props: FormProps) {
  const { fees } = props.detail.related;
  const options = [
    ...(fees.furtherCopy && props.detail.request.kind === 'access'
      ? [{ value: 'further-copy', label: `A further copy of data already given: ${fees.furtherCopy} (Art. 15(3))` }]
      : []),
    ...(fees.unfoundedOrExcessive
      ? [
          { value: 'manifestly-excessive', label: `Manifestly excessive: ${fees.unfoundedOrExcessive} (Art. 12(5))` },
          { value: 'manifestly-unfounded', label: `Manifestly unfounded: ${fees.unfoundedOrExcessive} (Art. 12(5))` },
        ]
      : []),
  ];
  const [grounds, setGrounds] = useState(options[0]?.value ?? '');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      id="ask-fee"
      title="Ask for a fee"
      submit="Ask for the fee"
      fields={['grounds', 'reason']}
      check={() => [
        ...need(grounds, 'grounds', 'Choose why a fee is asked'),
        ...need(reason, 'reason', 'Give the reason for the fee: the requester is told it'),
      ]}
      action={() => ({ type: 'ask-fee', grounds: grounds as 'further-copy', reason: reason.trim() })}
      done="Fee asked. The clock is stopped until it is paid; the requester is emailed how much, why, how to pay and their right to complain."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            Requests are free. A reasonable fee only for a further copy or a manifestly unfounded or excessive request. The time
            limit starts when it is paid (UK GDPR Article 12A); unpaid by the day to pay, the request closes.
          </p>
          <Choices
            id={idOf('grounds')}
            type="radio"
            legend="Why a fee?"
            options={options}
            selected={[grounds]}
            onChange={([value]) => setGrounds(value ?? '')}
            error={errors.grounds}
          />
          <Field
            id={idOf('reason')}
            label="Reason (the requester is told it)"
            multiline
            value={reason}
            onValue={setReason}
            error={errors.reason}
          />
        </>
      )}
    </ActionForm>
  );
}

const paidWays = [
  { value: 'bank-transfer', label: 'Bank transfer' },
  { value: 'card', label: 'Card' },
  { value: 'cheque', label: 'Cheque' },
  { value: 'cash', label: 'Cash' },
  { value: 'other', label: 'Another way' },
];

/** The fee arrived (the centre takes no payment): the month counts from the day it was paid. */
export function FeePaid(props: FormProps) {
  const [v, setV] = useState({ paidOn: new Date().toISOString().slice(0, 10), via: 'bank-transfer' });
  return (
    <ActionForm
      id="fee-paid"
      title="Record the fee as paid"
      submit="Record it and start the clock"
      fields={['paidOn', 'via']}
      action={() => ({ type: 'fee-paid', paidOn: v.paidOn, via: v.via as 'bank-transfer' })}
      done="Recorded. The month counts from the day it was paid; the requester is emailed the new date."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <Field
            id={idOf('paidOn')}
            label="Day it was paid"
            type="date"
            value={v.paidOn}
            onValue={(paidOn) => setV({ ...v, paidOn })}
            error={errors.paidOn}
          />
          <Choices
            id={idOf('via')}
            type="radio"
            legend="How was it paid?"
            options={paidWays}
            selected={[v.via]}
            onChange={([via]) => setV({ ...v, via: via ?? 'bank-transfer' })}
            error={errors.via}
          />
        </>
      )}
    </ActionForm>
  );
}
