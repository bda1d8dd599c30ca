import type { RepresentativeInput } from '../../../../../shared/admin-api.ts';
import { Field } from '../../../components/field/index.tsx';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import type { Draft } from './draft.ts';

const capacities = [
  { value: '', label: 'No: they asked for themselves' },
  { value: 'parent', label: 'A parent, for their child' },
  { value: 'guardian', label: 'A guardian' },
  { value: 'solicitor', label: 'A solicitor' },
  { value: 'attorney', label: 'An attorney (power of attorney)' },
  { value: 'other', label: 'Someone else with authority' },
];

/** The form's problems with who acts for the person: none when no one does. */
export function representativeProblems(d: Draft): FieldErrors {
  if (!d.repCapacity) return [];
  return [
    ...(d.repName?.trim() ? [] : [{ field: 'repName', message: 'Give the name of the person acting for them' }]),
    ...(d.repAuthority?.trim() ? [] : [{ field: 'repAuthority', message: 'Say what gives them authority' }]),
    ...(d.repEmail?.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.repEmail.trim())
      ? [{ field: 'repEmail', message: 'Enter their email address, like name@example.com, or leave it empty' }]
      : []),
  ];
}

/** Who acts for the person, as the server takes it; undefined when they asked for themselves. */
export function representativeOf(d: Draft): RepresentativeInput | undefined {
  if (!d.repCapacity) return undefined;
  return {
    name: d.repName?.trim() ?? '',
    capacity: d.repCapacity as RepresentativeInput['capacity'],
    authority: d.repAuthority?.trim() ?? '',
    ...(d.repEmail?.trim() ? { email: d.repEmail.trim() } : {}),
    ...(d.repChecked?.trim() ? { checked: d.repChecked.trim() } : {}),
  };
}

/** A server error's field under `onBehalf.` as this form names it. */
export const repFieldOf = (field: string) =>
  field.startsWith('onBehalf.') ? `rep${field.slice(9, 10).toUpperCase()}${field.slice(10)}` : undefined;

/** Someone acting for the person the request is about: who, with what authority, how it was checked. */
export function RepresentativeFields(props: {
  draft: Draft;
  set: (name: string) => (value: string) => void;
  errors: Record<string, string>;
}) {
  const { draft: d, set, errors } = props;
  const id = (field: string) => `log-${field}`;
  return (
    <fieldset class="representative">
      <legend>Is someone acting for them?</legend>
      <Field
        id={id('repCapacity')}
        label="Who made the request"
        hint="The request stays the person’s own: it runs on their data. A child’s own request is theirs: choose “No”."
        value={d.repCapacity ?? ''}
        onValue={set('repCapacity')}
        options={capacities}
      />
      {d.repCapacity && (
        <>
          <Field id={id('repName')} label="Their name" value={d.repName ?? ''} onValue={set('repName')} error={errors.repName} />
          <Field
            id={id('repEmail')}
            label="Their email address (optional)"
            hint="Answers go here instead of to the person. Leave empty to answer the person."
            type="email"
            value={d.repEmail ?? ''}
            onValue={set('repEmail')}
            error={errors.repEmail}
          />
          <Field
            id={id('repAuthority')}
            label="What gives them authority"
            hint="For example parental responsibility, a signed letter of authority, a lasting power of attorney."
            multiline
            value={d.repAuthority ?? ''}
            onValue={set('repAuthority')}
            error={errors.repAuthority}
          />
          <Field
            id={id('repChecked')}
            label="How you checked it (optional now, needed before you disclose anything)"
            multiline
            value={d.repChecked ?? ''}
            onValue={set('repChecked')}
            error={errors.repChecked}
          />
        </>
      )}
    </fieldset>
  );
}
