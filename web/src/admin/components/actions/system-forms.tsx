import { optionsOf } from '../../../components/choices/index.tsx';
import { actionForm, type FormProps } from './action-form.tsx';

/*
 * The connected systems of a request: erase the person there, try a failed system again, or
 * record what a handler found or did in a system (or why it stays as it is).
 */

export const reasonWords = {
  'done-by-hand': 'Done by hand: I searched or acted in the system myself',
  'not-held': 'Nothing held: the system holds nothing about them',
  'legal-hold': 'Legal hold: the data must stay for a claim or investigation',
  'retention-obligation': 'Retention obligation: the law makes us keep it',
  unreachable: 'Unreachable: the system could not be searched or changed',
} as const;

const results = (p: FormProps) => p.detail.systems?.results ?? [];

const names = (results: { systemName: string }[]) => results.map((s) => s.systemName).join(', ');

export const EraseInSystems = actionForm((p: FormProps) => {
  // A system the centre cannot act in by itself is not erased by this: it becomes a handler's task.
  const byHand = results(p).filter((s) => !s.automatic);
  const itself = results(p).filter((s) => s.automatic);
  return {
    id: 'erase-systems',
    title: 'Erase in the connected systems',
    submit: 'Erase in the systems',
    intro:
      'Erases or anonymises them in each system as its declaration says, in the background. Systems the centre cannot change by itself become a task for a handler. Carry out the erasure of the centre’s own data once every system is resolved.',
    action: () => ({ type: 'erase-in-systems' }),
    done: 'The erasure in the connected systems has started. Progress shows under Connected systems.',
    confirm: {
      question: `Erase this person in ${names(itself) || 'the connected systems'} now?${byHand.length ? ` ${names(byHand)}: a task for a handler, not erased by this.` : ''} What each system's declaration says to keep is kept. This cannot be undone.`,
      yes: 'Yes, erase there',
    },
  };
});

export const RetrySystems = actionForm((p: FormProps) => ({
  id: 'retry-systems',
  title: 'Try the failed systems again',
  submit: 'Try again',
  intro: `Tries ${names(results(p).filter((s) => s.state === 'failed'))} again. A system that still fails after three attempts becomes a task for a handler.`,
  action: () => ({ type: 'retry-systems' }),
  done: 'Trying the failed systems again. Progress shows under Connected systems.',
}));

export const ResolveSystem = actionForm((p: FormProps) => {
  const open = results(p).filter((s) => ['failed', 'waiting-for-handler', 'pending'].includes(s.state));
  // Chosen for them only when one system is plainly waiting for a handler; one not yet searched may answer meanwhile.
  const waiting = open.filter((s) => s.state !== 'pending');
  return {
    id: 'resolve-system',
    title: 'Record what was found or done in a system',
    submit: 'Record it',
    intro:
      'For a system the centre cannot search or change by itself, or one that keeps failing: what you found or did there, or why it stays as it is. An erasure’s or correction’s letter to the person quotes your note, and the evidence pack keeps it.',
    fields: {
      systemId: {
        label: 'System',
        type: 'select',
        initial: waiting.length === 1 ? (waiting[0]?.systemId ?? '') : '',
        options: [
          { value: '', label: 'Choose a system…' },
          ...open.map((s) => ({ value: s.systemId, label: `${s.systemName} (${s.text})` })),
        ],
        need: 'Choose the system',
      },
      // Not chosen for them: a default the handler did not pick was recorded, and quoted to the person (a user trial).
      reason: {
        label: 'What happened there',
        type: 'select',
        options: [{ value: '', label: 'Choose…' }, ...optionsOf(reasonWords)],
        need: 'Choose what happened there',
      },
      count: {
        label: 'How many records you found there (optional)',
        hint: ['access', 'portability'].includes(p.detail.request.kind)
          ? 'Kept in the search record, the evidence pack and their export.'
          : 'Kept in the evidence pack.',
        when: (v) => v.reason === 'done-by-hand',
      },
      note: {
        label: 'What you found or did, or why',
        ...(p.detail.systems?.operation === 'erase'
          ? { hint: 'The person’s letter quotes it: say whether their data there is erased.' }
          : {}),
        type: 'multiline',
        need: 'Say what you found or did there, or why it stays as it is',
      },
    },
    action: (v, raw) => ({
      type: 'resolve-system',
      systemId: v.systemId,
      reason: v.reason as keyof typeof reasonWords,
      note: v.note,
      // Anything typed goes to the server, which says if it is not a whole number of 1 or more;
      // only digits (with a minus) are read as one (not "0x10" or "1e3"), anything else as no number.
      ...(v.reason === 'done-by-hand' && raw.count.trim()
        ? { count: /^-?\d+$/.test(raw.count.trim()) ? Number(raw.count.trim()) : Number.NaN }
        : {}),
    }),
    done: 'Recorded. The system is resolved, and it is in the evidence pack.',
  };
});
