import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { DIRECT_MARKETING } from '../../../lib/request-words.ts';
import { type Draft, hasNote, OTHER_USE } from './draft.ts';

/** Why a person wants their data restricted (Art. 18(1) a–d), as staff record what they were told. */
const restrictionReasons: Record<string, string> = {
  accuracy: 'They say the data is wrong, and want it restricted while it is checked',
  unlawful: 'It is used unlawfully, but they want it kept rather than deleted',
  'legal-claims': 'It is no longer needed, but they need it kept for a legal claim',
  objection: 'They have objected, and want it restricted while that is weighed',
};

/** The fields the chosen kind of request needs, and nothing else. */
export function KindFields(props: {
  draft: Draft;
  set: (name: string) => (value: string) => void;
  errors: Record<string, string>;
}) {
  const { draft, set, errors } = props;
  const kind = draft.kind ?? '';
  const id = (name: string) => `log-${name}`;
  const text = (name: string, label: string, hint?: string, multiline = false) => (
    <Field
      id={id(name)}
      label={label}
      hint={hint}
      multiline={multiline}
      value={draft[name] ?? ''}
      onValue={set(name)}
      error={errors[name]}
    />
  );
  return (
    <>
      {(kind === 'access' || kind === 'erasure' || kind === 'portability' || kind === 'restriction') && (
        <p class="hint">Logged as covering all their data. If they asked about only some of it, say which in the note below.</p>
      )}
      {kind === 'restriction' && (
        <Choices
          id={id('reason')}
          type="radio"
          legend="Why do they want their data restricted?"
          options={Object.entries(restrictionReasons).map(([value, label]) => ({ value, label }))}
          selected={[draft.reason ?? '']}
          onChange={([value]) => set('reason')(value ?? '')}
          error={errors.reason}
        />
      )}
      {kind === 'rectification' && (
        <>
          {text('field', 'Which information do they say is wrong?', 'For example: their job title.')}
          {text('value', 'What do they say it should be?')}
        </>
      )}
      {kind === 'objection' && (
        <>
          <Field
            id={id('processing')}
            label="Which use of their data do they object to?"
            value={draft.processing ?? ''}
            onValue={set('processing')}
            error={errors.processing}
            options={[
              { value: '', label: 'Choose…' },
              { value: DIRECT_MARKETING, label: 'Direct marketing' },
              { value: OTHER_USE, label: 'Another use of their data' },
            ]}
          />
          {draft.processing === DIRECT_MARKETING && (
            <p class="notice">
              An objection to direct marketing is absolute: logging it stops all marketing to them at once, by every channel.
            </p>
          )}
          {draft.processing === OTHER_USE &&
            text(
              'processingOther',
              'Which kind of data?',
              'Its id in this centre’s policy settings, for example “support-tickets”.',
            )}
          {text(
            'reason',
            draft.processing === DIRECT_MARKETING ? 'Their reasons (optional)' : 'Their reasons',
            draft.processing === DIRECT_MARKETING ? undefined : 'Their reasons must be weighed against ours.',
            true,
          )}
        </>
      )}
      {kind === 'automated-decision' && (
        <>
          {text('decision', 'Which decision is it about?', 'For example: their job application was turned down on 3 March.')}
          {text('question', 'What do they want to know?', undefined, true)}
        </>
      )}
      {hasNote(kind) && kind && text('note', 'Anything else they said about the request (optional)', undefined, true)}
    </>
  );
}
