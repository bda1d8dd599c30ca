import { actionForm, type FormProps } from './action-form.tsx';

/**
 * Someone acts for the person (a parent, a solicitor, an attorney): record, after logging, what
 * gives them authority and how it was checked. The request shows it, and so does the evidence pack.
 */
export const RecordAuthority = actionForm(({ detail }: FormProps) => {
  const rep = detail.request.onBehalf;
  return {
    id: 'authority',
    title: rep?.checked ? 'Record a new check of their authority' : 'Record how their authority was checked',
    submit: 'Record the check',
    intro: `${rep ? `${rep.name} acts for the person (${rep.capacity}). ` : ''}Check their authority before you disclose anything to them. Only staff see this.`,
    fields: {
      authority: {
        label: 'What gives them authority',
        hint: 'For example parental responsibility, a signed letter of authority, a lasting power of attorney.',
        type: 'multiline',
        maxLength: 1000,
        initial: rep?.authority ?? '',
        need: 'Say what gives them authority',
      },
      checked: {
        label: 'How you checked it',
        hint: 'For example: birth certificate seen at the office; LPA checked with the Office of the Public Guardian.',
        type: 'multiline',
        maxLength: 1000,
        need: 'Say how you checked their authority',
      },
    },
    action: (v) => ({ type: 'record-authority', authority: v.authority, checked: v.checked }),
    done: 'Recorded. The check is on the request and in its evidence pack.',
  };
});
