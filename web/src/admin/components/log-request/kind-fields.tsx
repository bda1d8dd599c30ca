import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { DIRECT_MARKETING, scopeLabels } from '../../../lib/request-words.ts';
import { type Category, type Draft, hasNote, objectable, RECORDS, type Scope } from './draft.ts';
import { RecordPicker } from './record-picker.tsx';

/** Why a person wants their data restricted (Art. 18(1) a–d), as staff record what they were told. */
const restrictionReasons: Record<string, string> = {
  accuracy: 'They say the data is wrong, and want it restricted while it is checked',
  unlawful: 'It is used unlawfully, but they want it kept rather than deleted',
  'legal-claims': 'It is no longer needed, but they need it kept for a legal claim',
  objection: 'They have objected, and want it restricted while that is weighed',
};

/** The scope question of each kind that has one, as staff ask it. */
const scopeQuestion: Record<string, string> = {
  access: 'Which data do they want a copy of?',
  erasure: 'Which data do they want deleted?',
  restriction: 'Which data do they want us to stop using?',
  portability: 'Which data do they want to take elsewhere?',
};

/** The records choice of an erasure for someone held: who they are, and the records ticked so far. */
export interface Picking {
  tenant: string;
  subjectId: string;
  picked: string[];
  setPicked: (ids: string[]) => void;
}

/**
 * "Everything" or "Only some kinds of data", and then which kinds (of those this kind can cover);
 * for an erasure of someone held, "Only some records" too, and then which records.
 */
function ScopeFields(props: {
  kind: string;
  policy: Category[];
  scope: Scope;
  draft: Draft;
  set: (name: string) => (value: string) => void;
  ticked: string[];
  setTicked: (ids: string[]) => void;
  picking?: Picking | undefined;
  errors: Record<string, string>;
}) {
  const { kind, scope, draft, errors } = props;
  const left = props.policy.filter((c) => !scope.offered.includes(c));
  return (
    <>
      <Choices
        id="log-scope"
        type="radio"
        legend={scopeQuestion[kind] ?? ''}
        hint={
          left.length > 0
            ? `Portability covers only the data they gave us themselves, so not: ${left.map((c) => c.name).join(', ')}. For those, log an access request.`
            : undefined
        }
        options={[
          ...Object.entries(scopeLabels).map(([value, label]) => ({ value, label })),
          ...(scope.byRecord
            ? [{ value: RECORDS, label: 'Only some records', hint: 'Single records, for example one call recording.' }]
            : []),
        ]}
        selected={[draft.scope ?? '']}
        onChange={([value]) => props.set('scope')(value ?? '')}
        error={errors.scope}
      />
      {draft.scope === 'some' && (
        <div class="reveal">
          <Choices
            id="log-categories"
            type="checkbox"
            legend="Which kinds of data?"
            hint="Tick every kind they asked about."
            options={scope.offered.map((c) => ({ value: c.id, label: c.name }))}
            selected={props.ticked}
            onChange={props.setTicked}
            error={errors.categories}
          />
        </div>
      )}
      {draft.scope === RECORDS && scope.byRecord && props.picking && <RecordPicker {...props.picking} error={errors.recordIds} />}
    </>
  );
}

/** The fields the chosen kind of request needs, and nothing else. */
export function KindFields(props: {
  draft: Draft;
  set: (name: string) => (value: string) => void;
  /** The centre's categories, from StaffMe. */
  policy: Category[];
  scope: Scope;
  ticked: string[];
  setTicked: (ids: string[]) => void;
  /** Present for someone the centre holds: an erasure may then name single records. */
  picking?: Picking | undefined;
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
      maxLength={2000}
      value={draft[name] ?? ''}
      onValue={set(name)}
      error={errors[name]}
    />
  );
  return (
    <>
      {props.scope.offered.length > 0 && <ScopeFields kind={kind} {...props} />}
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
            hint="Direct marketing, or a use based on our legitimate interests or a public task: only those can be objected to."
            value={draft.processing ?? ''}
            onValue={set('processing')}
            error={errors.processing}
            options={[
              { value: '', label: 'Choose…' },
              { value: DIRECT_MARKETING, label: 'Direct marketing' },
              ...objectable(props.policy).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          {draft.processing === DIRECT_MARKETING && (
            <p class="notice">
              An objection to direct marketing is absolute: logging it stops all marketing to them at once, by every channel.
            </p>
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
