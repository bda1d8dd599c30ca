import { explainedTitles } from '../../../../../shared/admin/actions/titles.ts';
import { optionsOf } from '../../../components/choices/index.tsx';
import type { IdentityMethod } from '../../lib/admin-client.ts';
import { formatDate, identityMethodNames } from '../../lib/words.ts';
import { actionForm, type FormProps } from './action-form.tsx';
import { responseNote, told } from './spec-field.tsx';

/* The actions most requests see, in the chunk every staff visit loads; the rarer ones are in rare-forms.ts. */

export const Assign = actionForm(({ detail, ctx }: FormProps) => ({
  id: 'assign',
  title: 'Assign',
  submit: 'Save',
  fields: {
    assignee: {
      label: 'Who works on this request?',
      type: 'select',
      initial: detail.request.assignee?.email ?? '',
      options: [
        { value: '', label: 'Unassigned' },
        ...detail.staff.map((s) => ({
          value: s.email,
          label: `${s.name || s.email}${s.email === ctx.me.email ? ' (you)' : ''}`,
        })),
      ],
    },
  },
  action: (v) => ({ type: 'assign', assignee: v.assignee || null }),
  done: ({ assignee }) =>
    assignee
      ? `Assigned to ${assignee === ctx.me.email ? 'you' : detail.staff.find((s) => s.email === assignee)?.name || assignee}.`
      : 'No one is assigned now.',
}));

export const VerifyIdentity = actionForm(() => ({
  id: 'identity',
  title: 'Record the identity check',
  submit: 'Record the check',
  intro: 'How you know the request comes from the person whose data it is. Ask only for what you need to be sure.',
  fields: {
    method: {
      label: 'How did you check?',
      type: 'select',
      options: [{ value: '', label: 'Choose…' }, ...optionsOf(identityMethodNames)],
      need: 'Choose how you checked who the requester is',
    },
    note: {
      label: 'What did you check?',
      hint: 'For example: called back on the number on their contract and confirmed their postcode.',
      type: 'multiline',
      maxLength: 2000,
      need: 'Say how you checked who the requester is',
    },
  },
  action: (v) => ({ type: 'verify-identity', method: v.method as IdentityMethod, note: v.note }),
  done: 'Identity check recorded.',
}));

export const Start = actionForm(() => ({
  id: 'start',
  title: 'Start work',
  submit: 'Start work on it',
  intro: 'Marks the request as in progress, so others can see someone is working on it.',
  action: () => ({ type: 'start' }),
  done: 'Marked as in progress.',
}));

/** Only an access request's clarification stops the clock (shared/requests/clock.ts, `clarificationStopsClock`). */
const purposes = (access: boolean) => [
  {
    value: 'identity',
    label: 'To confirm who they are',
    hint: 'The clock stops; once they answer, the one calendar month counts again from that day (UK GDPR Art. 12A).',
  },
  {
    value: 'clarification',
    label: 'To clarify what they are asking for',
    hint: access
      ? 'The clock stops until they answer; the due date then moves on by the days it was stopped.'
      : 'The clock keeps running: the law stops it for a clarification only on an access request.',
  },
];

/**
 * Once the request is overdue only a clarification may be asked (the API refuses anything else,
 * shared/requests/lifecycle.ts): a question to confirm who they are would start the month again.
 */
export const AskInformation = actionForm(({ detail: { request: r } }: FormProps) => ({
  id: 'ask',
  title: explainedTitles['ask-information'],
  submit: 'Send the question',
  intro: r.overdue
    ? 'The requester is emailed your question. This request is overdue, so you may only ask them to clarify it: asking them to confirm who they are now would start the month again. The clock keeps running while you wait.'
    : 'The requester is emailed your question. Ask only for what you need to confirm who they are or to find their data.',
  fields: {
    purpose: {
      label: 'What is the information for?',
      type: 'radio',
      options: purposes(r.kind === 'access').filter((p) => !r.overdue || p.value === 'clarification'),
      initial: 'clarification',
    },
    message: { label: 'Your question', type: 'multiline', maxLength: 5000, need: 'Write the question for the requester' },
  },
  action: (v) => ({
    type: 'ask-information',
    message: v.message,
    purpose: v.purpose === 'identity' ? 'identity' : 'clarification',
  }),
  done: (v) =>
    v.purpose === 'identity'
      ? 'Question sent. The month will count again from the day the requester answers.'
      : r.kind === 'access'
        ? 'Question sent. The clock is stopped until the requester answers.'
        : 'Question sent. The clock keeps running while you wait for the answer.',
}));

const monthsWords = (months: string) => (months === '1' ? '1 month' : '2 months');

export const Extend = actionForm(({ detail: { request: r } }: FormProps) => {
  const offered = ['1', '2'].filter((m) => Number(m) + r.extensionMonths <= 2);
  return {
    id: 'extend',
    title: explainedTitles.extend,
    submit: 'Extend the deadline',
    intro: (
      <>
        You may extend by up to two further months if the request is complex or the requester has made several. You can extend
        only before the first deadline, <strong>{formatDate(r.firstDeadline)}</strong>. The requester is emailed the reason.
      </>
    ),
    fields: {
      months: {
        label: 'Extend by',
        type: 'radio',
        options: offered.map((m) => ({ value: m, label: monthsWords(m) })),
        initial: offered[0] ?? '1',
      },
      reason: told('Reason for the extension', 'Give the reason for the extension', 2000),
    },
    action: (v) => ({ type: 'extend', months: Number(v.months) as 1 | 2, reason: v.reason }),
    done: (v) => `Deadline extended by ${monthsWords(v.months)}. The requester has been emailed the reason.`,
  };
});

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

export const Refuse = actionForm(({ ctx, detail }: FormProps) => ({
  id: 'refuse',
  title: explainedTitles.refuse,
  submit: 'Refuse the request',
  intro: `The requester is emailed your reason. The email tells them of their right to complain to the Information Commissioner’s Office (ICO) and to ${ctx.tenant.name}, and that they can go to court.`,
  fields: {
    grounds: { label: 'Grounds', type: 'radio', options: grounds, need: 'Choose the grounds for refusing' },
    reason: told('Reason for refusing', 'Give the reason for refusing', 2000),
  },
  action: (v) => ({ type: 'refuse', grounds: v.grounds as 'manifestly-unfounded', reason: v.reason }),
  done: 'Request refused. The requester has been emailed the reason and their right to complain.',
  confirm: {
    question: `Refuse ${detail.request.reference}? This closes the request and emails the requester. It cannot be undone.`,
    yes: 'Yes, refuse',
  },
}));

export const Complete = actionForm(({ detail }: FormProps) => ({
  id: 'complete',
  title: explainedTitles.complete,
  submit: 'Complete the request',
  // An export can be prepared only while the request is open: after this, none can be.
  ...(['access', 'portability'].includes(detail.request.kind)
    ? {
        intro:
          'Have the export above ready first if they are to download their data: none can be prepared once the request is complete.',
      }
    : {}),
  fields: {
    message: responseNote('They are emailed it. Say what you did, and where something was kept or left out, why.'),
    outcome: {
      label: 'How it ended',
      hint: 'Partly done: part of what they asked could not be done. Say which, and why, in the note. Counted in the reports.',
      type: 'select',
      initial: 'done',
      options: optionsOf({ done: 'Done as asked', 'partly-done': 'Partly done' }),
    },
    withheld: {
      label: 'Anything withheld, and why (for the evidence pack)',
      hint: 'Optional. For example: another person’s data, or an exemption. Not emailed.',
      type: 'multiline',
      maxLength: 2000,
    },
  },
  action: (v) => ({
    type: 'complete',
    message: v.message,
    outcome: v.outcome === 'partly-done' ? 'partly-done' : 'done',
    ...(v.withheld ? { withheld: v.withheld } : {}),
  }),
  done: 'Request completed. The requester has been emailed your note.',
  confirm: {
    question: `Complete ${detail.request.reference}? This closes the request and emails the requester your note.`,
    yes: 'Yes, complete it',
  },
}));

export const Note = actionForm(() => ({
  id: 'note',
  title: 'Add an internal note',
  submit: 'Add the note',
  fields: {
    text: {
      label: 'Note',
      hint: 'Only staff see it. It goes into the history and the evidence pack.',
      type: 'multiline',
      maxLength: 2000,
      need: 'Write the note',
    },
  },
  action: (v) => ({ type: 'note', text: v.text }),
  done: 'Note added.',
}));
