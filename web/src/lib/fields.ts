import { formatDate, type MyDataResponse } from './portal-client.ts';

export type Category = MyDataResponse['categories'][number];
export type DataRecord = Category['records'][number];
export type FieldDef = Category['fields'][number];

/** How a stored value reads on the page. */
export const display = (v: string | number | boolean | undefined): string =>
  typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v ?? '');

/**
 * How a stored value reads where it is only shown (forms keep `display`'s raw value): a date
 * (`2026-11-20`) or a date and time (`2026-11-20 08:41`) as a UK date, `20 November 2026 at 08:41`.
 */
export function shown(v: string | number | boolean | undefined): string {
  const text = display(v);
  const [, day, time] = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/.exec(text) ?? [];
  if (!day || Number.isNaN(Date.parse(day))) return text;
  return time ? `${formatDate(day)} at ${time}` : formatDate(day);
}

const autocomplete: Record<string, string> = {
  title: 'honorific-prefix',
  firstName: 'given-name',
  lastName: 'family-name',
  phone: 'tel',
  mobile: 'mobile tel',
  fax: 'fax tel',
  addressLine1: 'address-line1',
  addressLine2: 'address-line2',
  town: 'address-level2',
  postcode: 'postal-code',
  jobTitle: 'organization-title',
  employer: 'organization',
};
const byKind: Record<string, string> = { phone: 'tel', email: 'email', postcode: 'postal-code' };

/** The input attributes that suit a field: keyboard, autofill, no spellcheck on codes. */
export function inputFor(f: FieldDef) {
  const code = f.kind === 'phone' || f.kind === 'email' || f.kind === 'postcode';
  return {
    type: f.kind === 'phone' ? 'tel' : f.kind === 'email' ? 'email' : f.kind === 'date' ? 'date' : 'text',
    autoComplete: autocomplete[f.id] ?? byKind[f.kind],
    spellcheck: code ? false : undefined,
    autoCapitalize: f.kind === 'postcode' ? 'characters' : undefined,
  };
}

/** Fields a person may ask us to correct (the email address has its own change with confirmation). */
export const correctable = (c: Category) => c.fields.filter((f) => !f.editable && f.kind !== 'email');
