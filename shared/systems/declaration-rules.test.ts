import { describe, expect, it } from 'vitest';
import { systemCategoryIssues } from './cross-checks.ts';
import { Systems } from './declaration.ts';
import { calls, m365, psa } from './fixtures.ts';

const issues = (raw: unknown) => {
  const result = Systems.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const contact = (erasure: unknown) => ({ ...psa, objects: [{ object: 'contact', category: 'identity', erasure }] });

describe('a systems declaration, rule by rule', () => {
  it('names every kind it knows when the kind is missing or not a string', () => {
    const known = '0.kind: kind must be one of: msgraph, autotask, halopsa, mailchimp, xero, rest, manual';
    expect(issues([{ ...m365, kind: 7 }])).toEqual([known]);
    expect(issues([42])).toEqual([known.replace('0.kind', '0')]);
    expect(issues([null])).toEqual([known.replace('0.kind', '0')]);
  });

  it('every cross-field rule reports a custom issue, so the policy loader names the field', () => {
    const broken = [
      { ...psa, may: ['find', 'suppress', 'erase'], objects: [{ object: 'ticket', category: 'support-tickets' }] },
      { ...psa, id: 'autotask' },
      { ...contact({ mode: 'anonymise', fields: {} }), id: 'c', may: ['find', 'erase'] },
      contact({ mode: 'keep' }),
      {
        ...m365,
        id: 'm',
        objects: [
          { object: 'mailbox', category: 'x' },
          { object: 'user', category: 'x', erasure: { mode: 'anonymise', fields: { a: { action: 'delete' } } } },
        ],
      },
    ];
    const result = Systems.safeParse(broken);
    expect(result.error?.issues.map((i) => i.code)).toEqual(Array(10).fill('custom'));
  });

  it('ids and retention categories are lowercase slugs; a kept field needs a reason; a system needs an identity', () => {
    for (const id of ['Autotask', 'auto task', '-psa', 'psa-', 'a--b', 'psa!']) {
      expect(issues([{ ...psa, id }])).toEqual(['0.id: use lowercase letters, digits and hyphens']);
    }
    expect(issues([{ ...psa, id: 'psa-2' }])).toEqual([]);
    const keptField = (reason: string) =>
      contact({ mode: 'anonymise', fields: { note: { action: 'keep', retention: 'identity', reason } } });
    expect(issues([keptField('')])).toHaveLength(1);
    expect(issues([keptField('claims')])).toEqual([]);
    expect(issues([{ ...psa, identities: [] }])).toHaveLength(1);
  });

  it('flags the second of two systems with one id, at its own place, and each distinct id passes', () => {
    expect(issues([m365, psa, { ...calls, id: 'm365' }])).toEqual(['2.id: duplicate system id "m365"']);
  });

  it('names the object kinds the system holds when one is unknown', () => {
    expect(issues([{ ...m365, objects: [m365.objects[0], { object: 'mailbox', category: 'identity' }] }])).toEqual([
      '0.objects.1.object: a msgraph system holds no "mailbox" (it holds: user, group-membership)',
    ]);
  });

  it('names the fields the object has when one is unknown, and a manual system may name any field', () => {
    expect(issues([contact({ mode: 'anonymise', fields: { shoeSize: { action: 'delete' } } })])[0]).toBe(
      '0.objects.0.erasure.fields.shoeSize: not a field of contact (fields: firstName, lastName, emailAddress, emailAddress2, emailAddress3, phone, mobilePhone, alternatePhone, title, addressLine, addressLine1, city, zipCode, note)',
    );
    const manual = {
      ...calls,
      objects: [
        { object: 'records', category: 'calls', erasure: { mode: 'anonymise', fields: { caller: { action: 'delete' } } } },
      ],
    };
    expect(issues([{ ...manual, may: ['find', 'erase', 'anonymise'] }])).toEqual([]);
  });

  it('anonymising names at least one field', () => {
    expect(issues([contact({ mode: 'anonymise', fields: {} })])).toEqual([
      '0.objects.0.erasure.fields: anonymise names at least one field and what it becomes',
    ]);
    expect(issues([contact({ mode: 'anonymise', fields: { phone: { action: 'delete' } } })])).toEqual([]);
  });

  it('keeping needs both the retention category and the reason', () => {
    const need = ['0.objects.0.erasure: keep needs the retention category and a reason'];
    expect(issues([contact({ mode: 'keep', retention: 'identity' })])).toEqual(need);
    expect(issues([contact({ mode: 'keep', reason: 'contract' })])).toEqual(need);
    expect(issues([contact({ mode: 'keep', retention: 'identity', reason: 'contract' })])).toEqual([]);
  });

  it('a declared mode the object can have passes; one it cannot is refused with the modes it can', () => {
    expect(issues([contact({ mode: 'delete' })])).toEqual([]);
    expect(
      issues([
        {
          ...m365,
          objects: [
            { object: 'user', category: 'identity', erasure: { mode: 'anonymise', fields: { x: { action: 'delete' } } } },
          ],
        },
      ]),
    ).toContain('0.objects.0.erasure.mode: user records can only be: delete, keep');
  });

  it('anonymising an object needs "anonymise" only when the system erases', () => {
    const anonymising = contact({ mode: 'anonymise', fields: { phone: { action: 'delete' } } });
    expect(issues([{ ...anonymising, may: ['find', 'read', 'anonymise'] }])).toEqual([]);
    expect(issues([{ ...anonymising, may: ['find', 'read'] }])).toEqual([]);
    expect(issues([{ ...psa, may: ['find', 'read', 'erase'], objects: [psa.objects[1]] }])).toEqual([]);
  });

  it('an undeletable object needs its treatment declared when the system erases or anonymises, not when it only reads', () => {
    const silent = { ...psa, objects: [{ object: 'ticket', category: 'support-tickets' }] };
    const asks =
      '0.objects.0.erasure: ticket records cannot be deleted through the API: declare how erasure treats them (keep, with the retention category and reason)';
    expect(issues([{ ...silent, may: ['find', 'anonymise'] }])).toEqual([asks]);
    expect(issues([{ ...silent, may: ['find', 'erase'] }])).toEqual([asks]);
    expect(issues([{ ...silent, may: ['find', 'read'] }])).toEqual([]);
    expect(issues([{ ...psa, objects: [{ object: 'contact', category: 'identity' }] }])).toEqual([]);
  });

  it('an operation the kind cannot do is named at its place, with what the kind can do', () => {
    expect(issues([{ ...psa, may: ['suppress', 'find', 'read'] }])).toEqual([
      '0.may.0: a autotask system cannot "suppress" (it can: find, read, correct, erase, anonymise)',
    ]);
    expect(issues([{ ...m365, may: ['find', 'correct'] }])).toEqual([
      '0.may.1: a msgraph system cannot "correct" (it can: find, read, erase)',
    ]);
  });

  it('correcting needs an object whose fields are mapped to the centre’s, each one a field of that object', () => {
    expect(issues([{ ...psa, may: ['find', 'read', 'correct'] }])).toEqual([
      '0.may: to "correct", map at least one object\'s fields to the centre\'s (objects[].fields)',
    ]);
    const mapped = (fields: Record<string, string>, object = 'contact') => ({
      ...psa,
      may: ['find', 'correct'],
      objects: [{ object, category: 'identity', fields }],
    });
    expect(issues([mapped({ firstName: 'firstName', 'employment.jobTitle': 'title' })])).toEqual([]);
    expect(issues([mapped({ firstName: 'givenName' })])).toEqual([
      expect.stringMatching(/^0\.objects\.0\.fields\.firstName: not a field of contact \(fields: firstName, lastName/),
    ]);
    expect(issues([mapped({ summary: 'title' }, 'ticket')])).toEqual([
      '0.objects.0.fields.summary: not a field of ticket (fields: )',
      '0.objects.0.fields: ticket records cannot be changed through the API',
    ]);
    expect(issues([mapped({ 'Not A Key': 'title' })])[0]).toMatch(/^0\.objects\.0\.fields\.Not A Key: Invalid key/);
  });
});

describe('systemCategoryIssues', () => {
  it('names a mapped centre field its category does not have, and an unknown category', () => {
    const [mapped] = Systems.parse([
      {
        ...psa,
        objects: [{ object: 'contact', category: 'identity', fields: { phone: 'phone', nickname: 'title', 'hr.role': 'title' } }],
      },
    ]);
    const fields = (category: string) => (category === 'identity' ? ['phone'] : undefined);
    expect(systemCategoryIssues([mapped!], ['identity'], undefined, fields)).toEqual([
      'field "systems.0.objects.0.fields.nickname": the category "identity" has no field "nickname"',
      'field "systems.0.objects.0.fields.hr.role": unknown category "hr"',
    ]);
  });

  it('passes categories and retention categories the policy has', () => {
    expect(systemCategoryIssues([psa, m365, calls], ['identity', 'support-tickets', 'call-recordings'])).toEqual([]);
  });

  it('names a retention category a kept field gives, at the system and object it is on', () => {
    const parsed = Systems.parse([
      m365,
      contact({
        mode: 'anonymise',
        fields: { phone: { action: 'delete' }, note: { action: 'keep', retention: 'legal', reason: 'claims' } },
      }),
    ]);
    expect(systemCategoryIssues(parsed, ['identity'])).toEqual([
      'field "systems.1.objects.0.erasure": unknown retention category "legal"',
    ]);
  });
});

describe('a marketing system’s lists', () => {
  const mailchimp = {
    id: 'mailchimp',
    name: 'Mailchimp',
    kind: 'mailchimp',
    operatedBy: { by: 'msp' },
    may: ['find', 'read', 'suppress'],
    objects: [{ object: 'member', category: 'marketing-preferences' }],
    lists: [{ id: 'a1b2c3', name: 'Newsletter', topic: 'newsletters' }],
  };

  it('maps each list to a topic, only where the centre may unsubscribe people, each list once', () => {
    expect(issues([mailchimp])).toEqual([]);
    expect(issues([{ ...mailchimp, may: ['find', 'read'] }])).toEqual([
      '0.lists: lists are for a marketing system: allow "suppress" as well',
    ]);
    expect(issues([{ ...mailchimp, lists: [...mailchimp.lists, { id: 'a1b2c3', name: 'Again', topic: 'offers' }] }])).toEqual([
      '0.lists.1.id: duplicate list id "a1b2c3"',
    ]);
    expect(issues([{ ...mailchimp, lists: [{ id: 'a1b2c3', name: 'Newsletter' }] }])).toHaveLength(1);
  });

  it('names a list whose topic the tenant does not offer', () => {
    const parsed = Systems.parse([mailchimp]);
    expect(systemCategoryIssues(parsed, ['marketing-preferences'], ['newsletters'])).toEqual([]);
    expect(systemCategoryIssues(parsed, ['marketing-preferences'], ['offers'])).toEqual([
      'field "systems.0.lists.0.topic": unknown marketing topic "newsletters"',
    ]);
  });
});
