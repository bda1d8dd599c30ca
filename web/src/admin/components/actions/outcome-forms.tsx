import { actionForm, type FormProps } from './action-form.tsx';
import { told } from './spec-field.tsx';

/*
 * Ways a request ends beyond "done" and a refusal (issue 18): nothing held, an objection not
 * upheld, a rectification refused because the data is accurate, or applied from the request.
 */

export const AnswerNothingHeld = actionForm(({ detail: { subject } }: FormProps) => ({
  id: 'nothing-held',
  title: 'Answer: nothing held',
  submit: 'Search and answer',
  intro: `The centre searches every category of its privacy policy for ${subject.email || 'this person'} and records the search. Connected systems are searched by their own run for this request. If nothing is held, the requester is told so, in words for this kind of request; if anything is held, nothing is sent and you are told what.`,
  fields: { note: { label: 'Anything else searched by hand (optional, kept with the search record)', type: 'multiline' } },
  action: (v) => ({ type: 'answer-nothing-held', ...(v.note ? { note: v.note } : {}) }),
  done: 'Searched: nothing held. The request is completed and the answer queued to the requester (in the history below).',
}));

export const ObjectionNotUpheld = actionForm(() => ({
  id: 'not-upheld',
  title: 'Objection not upheld',
  submit: 'Send the decision',
  fields: {
    grounds: {
      label: 'The compelling legitimate grounds that override their interests (the requester is told them)',
      type: 'multiline',
      need: 'Give the compelling legitimate grounds: the requester is told them',
    },
  },
  action: (v) => ({ type: 'objection-not-upheld', grounds: v.grounds }),
  done: 'Objection not upheld. The request is completed; the decision and its grounds are in the history below.',
}));

export const DataAccurate = actionForm(() => ({
  id: 'accurate',
  title: 'The data is accurate',
  submit: 'Send the decision',
  fields: { explanation: told('Why the data is accurate', 'Say why the data is accurate') },
  action: (v) => ({ type: 'data-accurate', explanation: v.explanation }),
  done: 'Answered: the data is accurate and was not changed. The answer is in the history below.',
}));

export const ApplyRectification = actionForm(({ detail }: FormProps) => {
  const d = detail.request.details;
  return {
    id: 'rectify',
    title: 'Apply the correction',
    submit: 'Correct and complete',
    intro: `Changes ${String(d.fieldLabel ?? d.field)} from “${String(d.currentValue ?? '')}” to “${String(d.value ?? '')}” on the record, audited, and completes the request telling the requester what changed.`,
    action: () => ({ type: 'apply-rectification' }),
    done: 'Corrected, and the request completed. The answer is in the history below.',
  };
});
