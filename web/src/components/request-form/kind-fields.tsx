import { display, shown } from '../../lib/fields.ts';
import { formatDate, type MyDataResponse } from '../../lib/portal-client.ts';
import { DIRECT_MARKETING, restrictionReasons, scopeLabels } from '../../lib/request-words.ts';
import type { Bind } from '../../lib/use-fields.ts';
import { Choices, optionsOf, Radios } from '../choices/index.tsx';
import { Field } from '../field/index.tsx';
import { type Draft, hasScope, type Kind, OTHER } from './check.ts';

export interface KindFieldsProps {
  kind: Kind;
  data: MyDataResponse;
  draft: Draft;
  set: (name: string) => (value: string) => void;
  setCategories: (ids: string[]) => void;
  errors: Record<string, string>;
}

const id = (name: string) => `rq-${name}`;
/** A field's control wired to the draft: its id, value, setter and error. */
const bindOf =
  (p: KindFieldsProps): Bind =>
  (name) => ({ id: id(name), value: p.draft.values[name] ?? '', onValue: p.set(name), error: p.errors[name] });

/** The request's text boxes, each taking up to 2,000 characters as the server does. */
const texts = {
  fieldText: { label: 'What information is wrong?', hint: 'For example: the date of my last order.' },
  value: { label: 'What should it say?' },
  decision: { label: 'Which decision is it about?', hint: 'For example: my job application was turned down on 3 March.' },
  question: {
    label: 'What do you want to ask?',
    hint: 'For example: whether a person was involved, how the decision was made, or that a person reviews it.',
    multiline: true,
  },
  note: { label: 'Anything else we should know? (optional)', multiline: true },
};
const Text = (props: { name: keyof typeof texts; of: KindFieldsProps }) => (
  <Field {...bindOf(props.of)(props.name)} maxLength={2000} {...texts[props.name]} />
);

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 58)}…` : text);

const scopeQuestion: Partial<Record<Kind, string>> = {
  access: 'Which data do you want a copy of?',
  erasure: 'Which data do you want us to delete?',
  restriction: 'Which data do you want us to stop using?',
  portability: 'Which data do you want to take elsewhere?',
};

/** "Everything" or "Only some kinds of data", and then which kinds. */
function Scope(props: KindFieldsProps) {
  const { kind, data, draft, errors } = props;
  const held = data.categories.filter((c) => c.records.length > 0);
  const pool = held.length > 0 ? held : data.categories;
  const offered = kind === 'portability' ? pool.filter((c) => c.providedBySubject) : pool;
  const left = pool.filter((c) => !offered.includes(c));
  return (
    <>
      <Radios
        {...bindOf(props)('scope')}
        legend={scopeQuestion[kind] ?? ''}
        hint={
          left.length > 0
            ? `Not included: ${left.map((c) => c.name).join(', ')}. This right covers only what you gave us yourself; ask for “A copy of my data” to see the rest.`
            : undefined
        }
        options={optionsOf(scopeLabels)}
      />
      {draft.values.scope === 'some' && (
        <div class="reveal">
          <Choices
            id={id('categories')}
            type="checkbox"
            legend="Which kinds of data?"
            hint="Choose all that apply."
            options={offered.map((c) => ({ value: c.id, label: c.name }))}
            selected={draft.categories}
            onChange={props.setCategories}
            error={errors.categories}
          />
        </div>
      )}
    </>
  );
}

/** Which detail is wrong: one of the person's own, shown with its value now, or something else in their words. */
function Rectification(props: KindFieldsProps) {
  const { data, draft } = props;
  const choice = draft.values.field ?? '';
  const [recordId, fieldId] = choice.split('|');
  const category = data.categories.find((c) => c.records.some((r) => r.id === recordId));
  const now = shown(category?.records.find((r) => r.id === recordId)?.data[fieldId ?? '']);
  return (
    <>
      <Field
        {...bindOf(props)('field')}
        label="Which information is wrong?"
        hint={now ? `Now: ${now}` : 'Your contact details you can also change yourself, straight away, on your data page.'}
      >
        <option value="">Choose…</option>
        {data.categories
          .filter((c) => c.records.length > 0)
          .map((c) => (
            <optgroup key={c.id} label={c.name}>
              {c.records.flatMap((r) =>
                c.fields
                  .filter((f) => f.kind !== 'email' && display(r.data[f.id]))
                  .map((f) => (
                    <option key={`${r.id}|${f.id}`} value={`${r.id}|${f.id}`}>
                      {f.label}: {short(shown(r.data[f.id]))}
                      {c.records.length > 1 ? ` (recorded ${formatDate(r.recordedOn)})` : ''}
                    </option>
                  )),
              )}
            </optgroup>
          ))}
        <option value={OTHER}>Something else</option>
      </Field>
      {choice === OTHER && <Text name="fieldText" of={props} />}
      <Text name="value" of={props} />
    </>
  );
}

/** Which use of their data the person objects to, and why (not needed for direct marketing). */
function Objection(props: KindFieldsProps) {
  const { data, draft } = props;
  const bind = bindOf(props);
  const marketing = draft.values.processing === DIRECT_MARKETING;
  return (
    <>
      <Field
        {...bind('processing')}
        label="Which use of your data do you object to?"
        options={[
          { value: '', label: 'Choose…' },
          { value: DIRECT_MARKETING, label: 'Direct marketing' },
          // Only uses on legitimate interests or a public task can be objected to (Art. 21(1)).
          ...data.categories
            .filter((c) => c.lawfulBasis.code === 'legitimate-interests' || c.lawfulBasis.code === 'public-task')
            .map((c) => ({ value: c.id, label: `${c.name}: ${c.purpose}` })),
        ]}
      />
      {marketing && (
        <p class="notice">
          <strong>An objection to direct marketing is absolute and takes effect at once.</strong> As soon as you send this, we
          stop all marketing to you, by every channel, and keep your address on our do-not-contact list.
        </p>
      )}
      <Field
        {...bind('reason')}
        maxLength={2000}
        label={marketing ? 'Why do you object? (optional)' : 'Why do you object?'}
        hint={
          marketing
            ? 'You do not have to give a reason.'
            : 'Tell us about your situation: we must weigh your reasons against ours, and stop unless ours are compelling.'
        }
        multiline
      />
    </>
  );
}

/** The fields of one kind of request: each asks only what it needs. */
export function KindFields(props: KindFieldsProps) {
  const { kind } = props;
  if (kind === 'rectification') {
    return (
      <>
        <Rectification {...props} />
        <Text name="note" of={props} />
      </>
    );
  }
  if (kind === 'objection') return <Objection {...props} />;
  if (kind === 'automated-decision') {
    return (
      <>
        <Text name="decision" of={props} />
        <Text name="question" of={props} />
      </>
    );
  }
  return (
    <>
      {hasScope(kind) && <Scope {...props} />}
      {kind === 'restriction' && (
        <Radios
          {...bindOf(props)('reason')}
          legend="Why do you want us to stop using it?"
          options={optionsOf(restrictionReasons)}
        />
      )}
      <Text name="note" of={props} />
    </>
  );
}
