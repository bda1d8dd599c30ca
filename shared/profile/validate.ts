import { hasHiddenCharacters, hiddenCharactersMessage } from './hidden-characters.ts';

/**
 * Field validation a person would expect, shared by the API and the page (no dependencies beyond
 * its neighbour, so the page stays small). Returns the value as it will be stored, or a message
 * for the field.
 */
export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

export interface FieldRule {
  label: string;
  kind: 'text' | 'email' | 'phone' | 'postcode' | 'date' | 'masked';
  required?: boolean;
}

const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
// UK postcodes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, and GIR 0AA.
const POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/;

/** UK numbers in their usual forms: 01908 123456, (020) 7946 0000, +44 7700 900123, 0044 ... */
function ukPhone(raw: string): string | undefined {
  if (!/^[\d\s()+\-.]+$/.test(raw)) return undefined;
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  if (digits.startsWith('0(0)')) digits = digits.replace('(0)', '');
  digits = digits.replace(/^0+0/, '0');
  // 11 digits, or 10 for a few area codes (016977 ...) and 0800 numbers.
  if (!/^0\d{10}$/.test(digits) && !/^(01\d{8}|0800\d{6})$/.test(digits)) return undefined;
  // The usual written forms: 020 7946 0000; 0113 496 0000 and 0300 123 4567; 07700 900123 and 01908 123456.
  const groups = (...sizes: number[]) => {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) {
      parts.push(digits.slice(at, at + size));
      at += size;
    }
    return parts.join(' ');
  };
  if (digits.length === 10) return digits.startsWith('0800') ? groups(4, 6) : groups(5, 5);
  if (digits.startsWith('02')) return groups(3, 4, 4);
  if (/^01(1\d|\d1)/.test(digits) || /^0[389]/.test(digits)) return groups(4, 3, 4);
  return groups(5, 6);
}

export function checkField(rule: FieldRule, input: string): FieldCheck {
  const value = input.trim().replace(/\s+/g, ' ');
  if (!value) return rule.required ? { ok: false, message: `Enter your ${rule.label.toLowerCase()}` } : { ok: true, value: '' };
  if (value.length > MAX_TEXT) return { ok: false, message: `${rule.label} must be ${MAX_TEXT} characters or fewer` };
  // Checked before tidying: trimming and collapsing spaces would quietly drop or alter some of them.
  if (hasHiddenCharacters(input)) return { ok: false, message: hiddenCharactersMessage(rule.label) };
  switch (rule.kind) {
    case 'email':
      return EMAIL.test(value) && value.length <= 254
        ? { ok: true, value: value.toLowerCase() }
        : { ok: false, message: 'Enter an email address in the right format, like name@example.com' };
    case 'phone': {
      const phone = ukPhone(value);
      return phone
        ? { ok: true, value: phone }
        : { ok: false, message: 'Enter a UK phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192' };
    }
    case 'postcode': {
      const compact = value.toUpperCase().replace(/\s/g, '');
      const formatted = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
      return POSTCODE.test(formatted)
        ? { ok: true, value: formatted }
        : { ok: false, message: 'Enter a real UK postcode, like MK9 2AH' };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, message: `Enter ${rule.label.toLowerCase()} as a date` };
    default:
      return { ok: true, value };
  }
}
