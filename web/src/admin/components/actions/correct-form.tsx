import { CorrectionTable } from '../request/correction.tsx';
import { actionForm, type FormProps } from './action-form.tsx';

/** A rectification: offer the accepted correction to every connected system holding the field, after seeing what will change where. */
export const CorrectInSystems = actionForm(({ detail }: FormProps) => {
  const correction = detail.systems?.correction;
  const changing = (correction?.lines ?? []).filter((l) => l.state === 'will-change');
  const where = [...new Set((correction?.lines ?? []).map((l) => l.systemName))].join(', ');
  return {
    id: 'correct-systems',
    title: 'Correct in the connected systems',
    submit: 'Correct in the systems',
    intro:
      'Each system reads the record first and changes only what differs, in the background. A system the centre cannot change by itself becomes a task for a handler. Apply the correction to the centre’s own record once every system is resolved.',
    action: () => ({ type: 'correct-in-systems' }),
    done: 'The correction in the connected systems has started. Progress shows under Connected systems.',
    confirm: {
      question: `Change ${correction?.label ?? 'the field'} to “${correction?.value ?? ''}” in ${where || 'the connected systems'} now? ${changing.length} field${changing.length === 1 ? '' : 's'} will change.`,
      yes: 'Yes, correct there',
    },
    children: () => correction && <CorrectionTable correction={correction} />,
  };
});
