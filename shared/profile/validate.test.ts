import { describe, expect, it } from 'vitest';
import { checkField } from './validate.ts';

const phone = { label: 'Mobile', kind: 'phone' } as const;
const postcode = { label: 'Postcode', kind: 'postcode' } as const;

describe('checkField', () => {
  it.each([
    ['07700 900123', '07700 900123'],
    ['07700900123', '07700 900123'],
    ['+44 7700 900123', '07700 900123'],
    ['+44 (0)7700 900123', '07700 900123'],
    ['0044 7700 900123', '07700 900123'],
    ['(01908) 123456', '01908 123456'],
    ['020 7946 0000', '020 7946 0000'],
    ['02079460000', '020 7946 0000'],
    ['0113-496-0000', '0113 496 0000'],
    ['0113 496 0418', '0113 496 0418'],
    ['0161 496 0000', '0161 496 0000'],
    ['03001234567', '0300 123 4567'],
    ['0800 123 4567', '0800 123 4567'],
    ['0800 123456', '0800 123456'],
    ['016977 2345', '01697 72345'],
  ])('accepts the UK phone number %s as %s', (input, stored) => {
    expect(checkField(phone, input)).toEqual({ ok: true, value: stored });
  });

  it.each(['12345', '+1 212 555 0100', '07700 90012', '0770090012345', 'call me', '07700 900123 ext 4'])(
    'refuses %s as a UK phone number',
    (input) => {
      expect(checkField(phone, input)).toMatchObject({ ok: false, message: expect.stringMatching(/UK phone number/) });
    },
  );

  it.each([
    ['mk9 2ah', 'MK9 2AH'],
    ['MK92AH', 'MK9 2AH'],
    ['sw1a 1aa', 'SW1A 1AA'],
    ['EC1A1BB', 'EC1A 1BB'],
    ['FK8 1HQ', 'FK8 1HQ'],
    ['B1 1AA', 'B1 1AA'],
    ['gir 0aa', 'GIR 0AA'],
  ])('accepts the postcode %s as %s', (input, stored) => {
    expect(checkField(postcode, input)).toEqual({ ok: true, value: stored });
  });

  it.each(['12345', 'MK9', 'MK9 2A', 'QQQ 123', 'MK99 99AA'])('refuses %s as a postcode', (input) => {
    expect(checkField(postcode, input).ok).toBe(false);
  });

  it('requires required fields and lets optional ones be cleared', () => {
    expect(checkField({ label: 'First name', kind: 'text', required: true }, '  ')).toEqual({
      ok: false,
      message: 'Enter your first name',
    });
    expect(checkField({ label: 'Fax', kind: 'phone' }, '')).toEqual({ ok: true, value: '' });
  });

  it('limits length and tidies spaces', () => {
    expect(checkField({ label: 'Job title', kind: 'text' }, 'x'.repeat(201)).ok).toBe(false);
    expect(checkField({ label: 'Job title', kind: 'text' }, '  Office   manager ')).toEqual({
      ok: true,
      value: 'Office manager',
    });
  });

  it.each([
    ['a right-to-left override', 'Sam \u202Erolyat'],
    ['a left-to-right embedding', '\u202ASam Taylor\u202C'],
    ['a first-strong isolate', 'Sam \u2068Taylor\u2069'],
    ['a right-to-left mark', 'Sam\u200F Taylor'],
    ['a zero-width space', 'Sam Tay\u200Blor'],
    ['a zero-width joiner', 'Sa\u200Dm'],
    ['a word joiner', 'Sam\u2060Taylor'],
    ['a byte-order mark', 'Sam\uFEFFTaylor'],
  ])('refuses a name with %s, saying why', (_, name) => {
    expect(checkField({ label: 'Last name', kind: 'text' }, name)).toEqual({
      ok: false,
      message: 'Last name has hidden characters (text-direction or zero-width marks): type it afresh.',
    });
  });

  it('takes accents, apostrophes and other scripts', () => {
    for (const name of ["O'Brien", 'Zoë Ångström-Nguyễn', '陳大文', 'محمد']) {
      expect(checkField({ label: 'Last name', kind: 'text' }, name)).toEqual({ ok: true, value: name });
    }
  });
});
