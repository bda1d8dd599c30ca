import { CorrectionTable } from '../request/correction.tsx';
import { ActionForm } from './action-form.tsx';
import type { FormProps } from './forms.tsx';

/** A rectification: offer the accepted correction to every connected system holding the field, after seeing what will change where. */
export function CorrectInSystems(props: FormProps) {
  const correction = props.detail.systems?.correction;
  const changing = (correction?.lines ?? []).filter((l) => l.state === 'will-change');
  const where = [...new Set((correction?.lines ?? []).map((l) => l.systemName))].join(', ');
  return (
    <ActionForm
      id="correct-systems"
      title="Correct in the connected systems"
      submit="Correct in the systems"
      fields={[]}
      action={() => ({ type: 'correct-in-systems' })}
      done="The correction in the connected systems has started. Progress shows under Connected systems."
      confirm={{
        question: `Change ${correction?.label ?? 'the field'} to “${correction?.value ?? ''}” in ${where || 'the connected systems'} now? ${changing.length} field${changing.length === 1 ? '' : 's'} will change.`,
        yes: 'Yes, correct there',
      }}
      post={props.post}
    >
      {() => (
        <>
          <p class="hint">
            Each system reads the record first and changes only what differs, in the background. A system the centre cannot change
            by itself becomes a task for a handler. Apply the correction to the centre’s own record once every system is resolved.
          </p>
          {correction && <CorrectionTable correction={correction} />}
        </>
      )}
    </ActionForm>
  );
}
