import { optionsOf } from '../../../components/choices/index.tsx';
import { formatDate } from '../../lib/words.ts';
import { actionForm, type FormProps } from './action-form.tsx';
import { today, told } from './spec-field.tsx';

/** Merge a likely duplicate into the request received first (its deadline stands). */
export const MergeDuplicate = actionForm(({ detail }: FormProps) => {
  const { duplicates } = detail.related;
  if (duplicates.length === 0) return null;
  return {
    id: 'merge',
    title: 'Merge a duplicate',
    submit: 'Merge',
    fields: {
      duplicateId: {
        label: 'Which duplicate?',
        type: 'radio',
        initial: duplicates[0]?.id ?? '',
        need: 'Choose the duplicate to merge',
        options: duplicates.map((d) => ({
          value: d.id,
          label: `${d.reference}, received ${formatDate(d.receivedOn)}, due ${formatDate(d.dueOn)}`,
        })),
      },
    },
    action: (v) => ({ type: 'merge-duplicate', duplicateId: v.duplicateId }),
    done: 'Merged. The request received first stands with the earliest deadline; the other is closed, pointing to it, and the requester is told.',
    confirm: (v) => ({
      question: `Merge ${detail.request.reference} and ${duplicates.find((d) => d.id === v.duplicateId)?.reference ?? 'the duplicate'}? The one received later closes. It cannot be undone.`,
      yes: 'Yes, merge',
    }),
  };
});

/** A repeat of a request answered before, nothing changed: answer by pointing to that answer. */
export const AnswerByReference = actionForm(({ detail }: FormProps) => {
  const earlier = detail.related.earlier.filter((e) => e.statusText === 'Completed' && e.kindName === detail.request.kindName);
  if (earlier.length === 0) return null;
  return {
    id: 'by-reference',
    title: 'Answer by pointing to an earlier answer',
    submit: 'Answer by reference',
    intro:
      'For a request that repeats one answered recently when nothing has changed. The requester is told which answer stands and why, and of their right to complain here and to the ICO. You may instead ask for a further-copy fee (if this centre set one) or refuse it as manifestly excessive.',
    fields: {
      earlierId: {
        label: 'Which earlier answer?',
        type: 'radio',
        initial: earlier.find((e) => e.recentSameScope)?.id ?? earlier[0]?.id ?? '',
        need: 'Choose the earlier request',
        options: earlier.map((e) => ({
          value: e.id,
          label: `${e.reference}, answered ${e.answeredOn ? formatDate(e.answeredOn) : ''}`,
        })),
      },
      message: told('Why the earlier answer still stands', 'Say why the earlier answer still stands'),
    },
    action: (v) => ({ type: 'answer-by-reference', earlierId: v.earlierId, message: v.message }),
    done: 'Answered by reference. The requester is emailed the earlier reference, your reason and their right to complain.',
    confirm: { question: 'Complete this request by pointing to the earlier answer? It cannot be undone.', yes: 'Yes, answer' },
  };
});

/** Ask for the fee this centre set, where the law allows one: the clock stops until it is paid. */
export const AskFee = actionForm(({ detail }: FormProps) => {
  const { fees } = detail.related;
  const options = [
    ...(fees.furtherCopy && detail.request.kind === 'access'
      ? [{ value: 'further-copy', label: `A further copy of data already given: ${fees.furtherCopy} (Art. 15(3))` }]
      : []),
    ...(fees.unfoundedOrExcessive
      ? [
          { value: 'manifestly-excessive', label: `Manifestly excessive: ${fees.unfoundedOrExcessive} (Art. 12(5))` },
          { value: 'manifestly-unfounded', label: `Manifestly unfounded: ${fees.unfoundedOrExcessive} (Art. 12(5))` },
        ]
      : []),
  ];
  return {
    id: 'ask-fee',
    title: 'Ask for a fee',
    submit: 'Ask for the fee',
    intro:
      'Requests are free. A reasonable fee only for a further copy or a manifestly unfounded or excessive request. The time limit starts when it is paid (UK GDPR Article 12A); unpaid by the day to pay, the request closes.',
    fields: {
      grounds: {
        label: 'Why a fee?',
        type: 'radio',
        options,
        initial: options[0]?.value ?? '',
        need: 'Choose why a fee is asked',
      },
      reason: told('Reason', 'Give the reason for the fee'),
    },
    action: (v) => ({ type: 'ask-fee', grounds: v.grounds as 'further-copy', reason: v.reason }),
    done: 'Fee asked. The clock is stopped until it is paid; the requester is emailed how much, why, how to pay and their right to complain.',
  };
});

const paidWays = optionsOf({
  'bank-transfer': 'Bank transfer',
  card: 'Card',
  cheque: 'Cheque',
  cash: 'Cash',
  other: 'Another way',
});

/** The fee arrived (the centre takes no payment): the month counts from the day it was paid. */
export const FeePaid = actionForm(() => ({
  id: 'fee-paid',
  title: 'Record the fee as paid',
  submit: 'Record it and start the clock',
  fields: {
    paidOn: { label: 'Day it was paid', type: 'date', initial: today() },
    via: { label: 'How was it paid?', type: 'radio', options: paidWays, need: 'Choose how it was paid' },
  },
  action: (v) => ({ type: 'fee-paid', paidOn: v.paidOn, via: v.via as 'bank-transfer' }),
  done: 'Recorded. The month counts from the day it was paid; the requester is emailed the new date.',
}));
