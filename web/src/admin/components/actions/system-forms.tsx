import { useState } from 'preact/hooks';
import { Field } from '../../../components/field/index.tsx';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

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

export function EraseInSystems(props: FormProps) {
  const names = (props.detail.systems?.results ?? []).map((s) => s.systemName).join(', ');
  return (
    <ActionForm
      id="erase-systems"
      title="Erase in the connected systems"
      submit="Erase in the systems"
      fields={[]}
      action={() => ({ type: 'erase-in-systems' })}
      done="The erasure in the connected systems has started. Progress shows under Connected systems."
      confirm={{
        question: `Erase this person in ${names || 'the connected systems'} now? What each system's declaration says to keep is kept. This cannot be undone.`,
        yes: 'Yes, erase there',
      }}
      post={props.post}
    >
      {() => (
        <p class="hint">
          Erases or anonymises them in each system as its declaration says, in the background. Systems the centre cannot change by
          itself become a task for a handler. Carry out the erasure of the centre’s own data once every system is resolved.
        </p>
      )}
    </ActionForm>
  );
}

export function RetrySystems(props: FormProps) {
  const failed = (props.detail.systems?.results ?? []).filter((s) => s.state === 'failed');
  return (
    <ActionForm
      id="retry-systems"
      title="Try the failed systems again"
      submit="Try again"
      fields={[]}
      action={() => ({ type: 'retry-systems' })}
      done="Trying the failed systems again. Progress shows under Connected systems."
      post={props.post}
    >
      {() => (
        <p class="hint">
          Tries {failed.map((s) => s.systemName).join(', ')} again. A system that still fails after three attempts becomes a task
          for a handler.
        </p>
      )}
    </ActionForm>
  );
}

export function ResolveSystem(props: FormProps) {
  const open = (props.detail.systems?.results ?? []).filter((s) =>
    ['failed', 'waiting-for-handler', 'pending'].includes(s.state),
  );
  const [v, setV] = useState({ systemId: open[0]?.systemId ?? '', reason: 'done-by-hand', note: '' });
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  return (
    <ActionForm
      id="resolve-system"
      title="Record what was found or done in a system"
      submit="Record it"
      fields={['systemId', 'reason', 'note']}
      check={() => need(v.note, 'note', 'Say what you found or did there, or why it stays as it is')}
      action={() => ({
        type: 'resolve-system',
        systemId: v.systemId,
        reason: v.reason as keyof typeof reasonWords,
        note: v.note.trim(),
      })}
      done="Recorded. The system is resolved, and it is in the evidence pack."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            For a system the centre cannot search or change by itself, or one that keeps failing: what you found or did there, or
            why it stays as it is. It goes into the letter and the evidence pack.
          </p>
          <Field
            id={idOf('systemId')}
            label="System"
            value={v.systemId}
            onValue={set('systemId')}
            options={open.map((s) => ({ value: s.systemId, label: `${s.systemName} (${s.text})` }))}
            error={errors.systemId}
          />
          <Field
            id={idOf('reason')}
            label="What happened there"
            value={v.reason}
            onValue={set('reason')}
            options={Object.entries(reasonWords).map(([value, label]) => ({ value, label }))}
            error={errors.reason}
          />
          <Field
            id={idOf('note')}
            label="What you found or did, or why"
            multiline
            value={v.note}
            onValue={set('note')}
            error={errors.note}
          />
        </>
      )}
    </ActionForm>
  );
}
