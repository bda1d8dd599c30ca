import type { FieldErrors } from '../../lib/portal-client.ts';
import type { Bind } from '../../lib/use-fields.ts';
import { optionsOf, Radios } from '../choices/index.tsx';
import { Field } from '../field/index.tsx';

/** Who acts for the person, as the person's form takes it (the server's `onBehalf`, without the staff check). */
export interface OnBehalf {
  name: string;
  email?: string;
  capacity: 'parent' | 'guardian' | 'solicitor' | 'attorney' | 'other';
  authority: string;
}

/** What the form holds: `for` is `self` or `other`; the rest only matters for `other`. */
export type BehalfDraft = Record<'for' | 'name' | 'email' | 'capacity' | 'authority', string>;
export const noOne: BehalfDraft = { for: 'self', name: '', email: '', capacity: '', authority: '' };

const relationships = optionsOf({
  parent: 'I am their parent (they are a child)',
  guardian: 'I am their guardian',
  solicitor: 'I am their solicitor',
  attorney: 'I hold a power of attorney for them',
  other: 'Something else gives me authority',
});

/** The same checks the server makes: none when the person asks for themselves. */
export function behalfProblems(d: BehalfDraft): FieldErrors {
  if (d.for !== 'other') return [];
  const problems: FieldErrors = [];
  if (!d.name.trim()) problems.push({ field: 'repName', message: 'Please give your name' });
  if (!d.capacity) problems.push({ field: 'repCapacity', message: 'Choose how you are related to them' });
  if (!d.authority.trim())
    problems.push({ field: 'repAuthority', message: 'Please say what gives you authority to act for them' });
  if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim()))
    problems.push({ field: 'repEmail', message: 'Enter your email address, like name@example.com, or leave it empty' });
  return problems;
}

/** Who acts for the person, as the API takes it; undefined when they ask for themselves. */
export function behalfOf(d: BehalfDraft): OnBehalf | undefined {
  if (d.for !== 'other') return undefined;
  return {
    name: d.name.trim(),
    capacity: d.capacity as OnBehalf['capacity'],
    authority: d.authority.trim(),
    ...(d.email.trim() ? { email: d.email.trim() } : {}),
  };
}

/** A server error's field under `onBehalf.` as this form names it (`onBehalf.name` → `repName`). */
export const behalfFieldOf = (field: string): string | undefined =>
  field.startsWith('onBehalf.') ? `rep${field.slice(9, 10).toUpperCase()}${field.slice(10).split('.')[0]}` : undefined;

/**
 * "Are you making this request for someone else?": a parent for their child, a guardian, a
 * solicitor, an attorney. The request stays the person's own; staff check the authority before
 * anything is shared with whoever acts for them.
 */
export function OnBehalfFields(props: {
  draft: BehalfDraft;
  set: (name: keyof BehalfDraft) => (value: string) => void;
  errors: Record<string, string>;
}) {
  const { draft: d, set, errors } = props;
  // The form's field for `name` is `repName`, its control `rq-repName`.
  const bind: Bind<keyof BehalfDraft> = (name) => {
    const field = `rep${name.slice(0, 1).toUpperCase()}${name.slice(1)}`;
    return { id: `rq-${field}`, value: d[name], onValue: set(name), error: errors[field] };
  };
  return (
    <>
      <Radios
        {...bind('for')}
        legend="Who is making this request?"
        options={[
          { value: 'self', label: 'I am, for myself' },
          {
            value: 'other',
            label: 'I am acting for the person this account belongs to',
            hint: 'For example a parent for their child, a solicitor or an attorney.',
          },
        ]}
      />
      {d.for === 'other' && (
        <div class="reveal">
          <p class="hint">
            The request stays theirs: it is about their data. We check your authority before we share anything with you, and may
            ask you for proof.
          </p>
          <Field {...bind('name')} label="Your full name" autoComplete="name" />
          <Radios {...bind('capacity')} legend="How are you related to them?" options={relationships} />
          <Field
            {...bind('authority')}
            label="What gives you authority to act for them?"
            hint="For example parental responsibility, a signed letter of authority, a lasting power of attorney."
            multiline
            maxLength={1000}
          />
          <Field
            {...bind('email')}
            label="Your email address (optional)"
            hint="Once we have checked your authority we write to you here. Until then we write to this account’s address."
            type="email"
            autoComplete="email"
          />
        </div>
      )}
    </>
  );
}
