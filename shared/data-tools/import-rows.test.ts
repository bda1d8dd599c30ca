import { describe, expect, it } from 'vitest';
import type { Category } from '../policy/schema.ts';
import { checkImportFile, importDate, maskValue } from './import-rows.ts';

const tickets = {
  id: 'support-tickets',
  name: 'Support tickets',
  fields: [
    { id: 'reference', label: 'Reference', kind: 'text', editable: false, required: true },
    { id: 'summary', label: 'Summary', kind: 'text', editable: false, required: false },
    { id: 'phone', label: 'Phone', kind: 'phone', editable: false, required: false },
    { id: 'card', label: 'Card', kind: 'masked', editable: false, required: false },
  ],
} as unknown as Category;
const today = '2026-03-14';
const check = (content: string, extra: { mapping?: Record<string, string>; format?: 'csv' | 'json'; lineOffset?: number } = {}) =>
  checkImportFile({ format: 'csv', content, category: tickets, today, ...extra });

describe('checkImportFile', () => {
  it('reads valid rows, tidying values as the profile rules do', () => {
    const result = check(
      'email,sourceKey,recordedOn,reference,phone,card\nAlex@Example.com,T-1,14/03/2026,T-1,+44 7700 900123,4111 1111 1111 1234\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        email: 'alex@example.com',
        sourceKey: 'T-1',
        recordedOn: '2026-03-14',
        relationship: {},
        data: { reference: 'T-1', phone: '07700 900123', card: '•••• 1234' },
      },
    ]);
  });

  it('reports each bad row with its line and column, and keeps the good ones', () => {
    const result = check(
      [
        'email,sourceKey,recordedOn,reference,phone',
        'a@example.com,1,2026-03-01,R1,',
        'not-an-email,2,2026-03-01,R2,',
        'b@example.com,3,2026-02-30,R3,12',
        'c@example.com,1,2099-01-01,,',
      ].join('\n'),
    );
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([
      { line: 3, field: 'email', message: expect.stringMatching(/email address/) },
      { line: 4, field: 'recordedOn', message: expect.stringMatching(/date like/) },
      { line: 4, field: 'phone', message: expect.stringMatching(/UK phone/) },
      { line: 5, field: 'sourceKey', message: 'The same source key as line 2: each row needs its own' },
      { line: 5, field: 'recordedOn', message: expect.stringMatching(/future/) },
      { line: 5, field: 'reference', message: 'Reference is missing' },
    ]);
  });

  it('refuses the whole file for an unknown column or a missing one', () => {
    expect(() => check('email,sourceKey,recordedOn,reference,colour\n')).toThrow(/Unknown column "colour"/);
    // It names every column the file may have (the relationship's too), and nothing the page cannot do.
    expect(() => check('email,sourceKey,recordedOn,reference,colour\n')).toThrow(
      /relationshipStartedOn, relationshipEndedOn, relationshipKind\), or leave it out/,
    );
    expect(() => check('email,recordedOn,reference\nx@y.z,2026-01-01,R\n')).toThrow(/"sourceKey"/);
    expect(() => check('PK\u0003\u0004\u0000\u0000email\n')).toThrow(/^This is not a CSV or JSON text file/);
  });

  it('renames columns with a mapping, ignoring the ones it leaves out', () => {
    const result = check('Contact,Ticket #,Ref,Opened,Notes\nx@example.com,991,T991,2026-01-02,Printer\n', {
      mapping: { Contact: 'email', 'Ticket #': 'sourceKey', Ref: 'reference', Opened: 'recordedOn', Notes: 'summary' },
    });
    expect(result.ignoredColumns).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      email: 'x@example.com',
      sourceKey: '991',
      data: { reference: 'T991', summary: 'Printer' },
    });
    expect(() => check('Contact\nx\n', { mapping: { Contact: 'colour' } })).toThrow(/mapping names "colour"/);
    const partial = check('email,sourceKey,recordedOn,reference,Agent\nx@example.com,1,2026-01-02,R,Kim\n', { mapping: {} });
    expect(partial.ignoredColumns).toEqual(['Agent']);
    expect(partial.rows).toHaveLength(1);
  });

  it('reads JSON rows, naming items by position after the offset', () => {
    const result = check(
      JSON.stringify([{ email: 'x@example.com', sourceKey: 7, recordedOn: '2026-01-02', reference: 'R' }, { email: 'x' }]),
      {
        format: 'json',
        lineOffset: 10,
      },
    );
    expect(result.rows[0]).toMatchObject({ line: 11, sourceKey: '7' });
    expect(result.errors.map((e) => e.line)).toContain(12);
  });
});

describe('dates and masks', () => {
  it('reads ISO, UK and date-time forms, and nothing else', () => {
    expect(importDate('2026-03-14')).toBe('2026-03-14');
    expect(importDate('4/3/2026')).toBe('2026-03-04');
    expect(importDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(importDate('03/14/2026')).toBeUndefined();
    expect(importDate('yesterday')).toBeUndefined();
  });

  it('keeps only the last four characters of a masked value', () => {
    expect(maskValue('4111-1111-1111-1234')).toBe('•••• 1234');
    expect(maskValue('•••• 1290')).toBe('•••• 1290');
  });
});
