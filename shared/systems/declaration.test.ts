import { describe, expect, it } from 'vitest';
import { systemCategoryIssues } from './cross-checks.ts';
import { Systems } from './declaration.ts';
import { calls, m365, psa } from './fixtures.ts';

const issues = (raw: unknown) => {
  const result = Systems.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Systems declaration', () => {
  it('accepts an API system, a client-run system and a manual system', () => {
    expect(issues([psa, m365, calls])).toEqual([]);
  });

  it('defaults the identity to email', () => {
    const { identities: _, ...rest } = m365;
    expect(Systems.parse([rest])[0]?.identities).toEqual(['email']);
  });

  it('names a kind not shipped yet, and an unknown kind', () => {
    expect(issues([{ ...m365, kind: 'connectwise' }])).toEqual(['0.kind: "connectwise" connectors are not shipped yet']);
    expect(issues([{ ...m365, kind: 'fax' }])[0]).toMatch(/^0\.kind: kind must be one of/);
  });

  it('refuses an operation the kind cannot do, naming the field', () => {
    expect(issues([{ ...m365, may: ['find', 'suppress'] }])).toEqual([
      '0.may.1: a msgraph system cannot "suppress" (it can: find, read, erase)',
    ]);
  });

  it('refuses an object the system does not hold and a field the object does not have', () => {
    expect(issues([{ ...m365, objects: [{ object: 'mailbox', category: 'identity' }] }])[0]).toMatch(
      /^0\.objects\.0\.object: a msgraph system holds no "mailbox"/,
    );
    const bad = {
      ...psa,
      objects: [
        { object: 'contact', category: 'identity', erasure: { mode: 'anonymise', fields: { shoeSize: { action: 'delete' } } } },
      ],
    };
    expect(issues([bad])[0]).toMatch(/^0\.objects\.0\.erasure\.fields\.shoeSize: not a field of contact/);
  });

  it('needs anonymise allowed when an object is anonymised, and a reason to keep', () => {
    expect(issues([{ ...psa, may: ['find', 'read', 'erase'] }])).toEqual([
      '0.may: an object is anonymised on erasure, so "anonymise" must be allowed',
    ]);
    const keep = { ...psa, objects: [{ object: 'ticket', category: 'support-tickets', erasure: { mode: 'keep' } }] };
    expect(issues([keep])).toEqual(['0.objects.0.erasure: keep needs the retention category and a reason']);
  });

  it('asks how erasure treats records the API cannot delete, and refuses a mode the object cannot have', () => {
    const silent = { ...psa, objects: [{ object: 'ticket', category: 'support-tickets' }] };
    expect(issues([silent])[0]).toMatch(/^0\.objects\.0\.erasure: ticket records cannot be deleted through the API/);
    const deleting = { ...psa, objects: [{ object: 'ticket', category: 'support-tickets', erasure: { mode: 'delete' } }] };
    expect(issues([deleting])).toEqual(['0.objects.0.erasure.mode: ticket records can only be: keep']);
  });

  it('refuses a duplicate system id and an unknown key', () => {
    expect(issues([psa, psa])).toEqual(['1.id: duplicate system id "autotask"']);
    expect(issues([{ ...m365, password: 'x' }])[0]).toMatch(/password/);
  });

  it('a manual system needs its handler and instructions', () => {
    const { handler: _, ...rest } = calls as Extract<typeof calls, { kind: 'manual' }>;
    expect(issues([rest])).toEqual(['0.handler: Invalid input: expected object, received undefined']);
  });

  it('cross-checks the categories a system names against the policy', () => {
    const keep = {
      ...psa,
      objects: [{ object: 'ticket', category: 'tickets', erasure: { mode: 'keep', retention: 'tax', reason: 'HMRC' } }],
    };
    expect(systemCategoryIssues(Systems.parse([keep]), ['identity', 'support-tickets'])).toEqual([
      'field "systems.0.objects.0.category": unknown category "tickets"',
      'field "systems.0.objects.0.erasure": unknown retention category "tax"',
    ]);
  });
});
