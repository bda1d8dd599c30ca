import { describe, expect, it } from 'vitest';
import type { SystemDeclaration } from './declaration.ts';
import { erasureFor, keptRecord, mappingOf } from './erasure.ts';
import { calls, m365, psa } from './fixtures.ts';
import { operationFor, planRequest, runsAutomatically } from './plan.ts';

describe('which operation a request needs in a system', () => {
  it('reads for access and portability, erases, corrects, suppresses for restriction and objection', () => {
    expect(operationFor).toEqual({
      access: 'read',
      portability: 'read',
      erasure: 'erase',
      rectification: 'correct',
      restriction: 'suppress',
      objection: 'suppress',
    });
    expect(planRequest([calls], 'objection')[0]).toMatchObject({ operation: 'suppress', automatic: false });
  });
});

describe('runsAutomatically', () => {
  it('a manual system never runs by itself, even for what it may do', () => {
    expect(runsAutomatically(calls, 'read')).toBe(false);
  });

  it('a system the centre may not search runs nothing by itself', () => {
    expect(runsAutomatically({ ...psa, may: ['read', 'erase'] }, 'read')).toBe(false);
    expect(runsAutomatically({ ...psa, may: ['read', 'erase'] }, 'erase')).toBe(false);
  });

  it('erasure runs where the centre may erase or only anonymise', () => {
    expect(runsAutomatically({ ...psa, may: ['find', 'anonymise'] }, 'erase')).toBe(true);
    expect(runsAutomatically({ ...psa, may: ['find', 'erase'] }, 'erase')).toBe(true);
    expect(runsAutomatically({ ...psa, may: ['find', 'read'] }, 'erase')).toBe(false);
    expect(runsAutomatically({ ...psa, may: ['find', 'erase'] }, 'anonymise')).toBe(false);
  });

  it('an operation the kind cannot carry out does not run, whatever the declaration says', () => {
    const overreaching = { ...m365, may: ['find', 'read', 'anonymise', 'suppress'] } as SystemDeclaration;
    expect(runsAutomatically(overreaching, 'suppress')).toBe(false);
    expect(runsAutomatically(overreaching, 'read')).toBe(true);
  });

  it('the plan searches with the first identity the system declares', () => {
    const byEmail = { ...psa, identities: ['email'] } as SystemDeclaration;
    expect(planRequest([byEmail], 'access')[0]?.identity).toBe('email');
  });
});

describe('what erasure does to an object', () => {
  it('finds the declared mapping of an object, or none', () => {
    expect(mappingOf(psa, 'ticket')?.category).toBe('support-tickets');
    expect(mappingOf(psa, 'ticket-note')).toBeUndefined();
  });

  it('a declared delete deletes, even where keeping is possible', () => {
    const deleting = {
      ...psa,
      objects: [{ object: 'contact', category: 'identity', erasure: { mode: 'delete', fields: {} } }],
    } as SystemDeclaration;
    expect(erasureFor(deleting, 'contact', '1')).toEqual({ mode: 'delete' });
  });

  it('keeping whole without a named retention falls back to the object category', () => {
    const keeping = {
      ...psa,
      objects: [{ object: 'ticket', category: 'support-tickets', erasure: { mode: 'keep', fields: {}, reason: 'contract' } }],
    } as SystemDeclaration;
    expect(erasureFor(keeping, 'ticket', '1')).toEqual({ mode: 'keep', retention: 'support-tickets', reason: 'contract' });
    expect(erasureFor(psa, 'ticket', '1')).toEqual({
      mode: 'keep',
      retention: 'support-tickets',
      reason: 'The support history of the client business is kept for its contract.',
    });
  });

  it('an undeclared object the API cannot delete is kept under its own name when no mapping names a category', () => {
    expect(erasureFor(psa, 'action', '1')).toEqual({
      mode: 'keep',
      retention: 'action',
      reason: 'the system cannot delete it and the declaration says nothing more',
    });
    const mapped = { ...psa, objects: [{ object: 'ticket-note', category: 'support-tickets' }] } as SystemDeclaration;
    expect(erasureFor(mapped, 'ticket-note', '1')).toMatchObject({ mode: 'keep', retention: 'support-tickets' });
  });

  it('every {ref} in an anonymised value becomes the record id', () => {
    expect(erasureFor(psa, 'contact', '9')).toEqual({
      mode: 'anonymise',
      changes: { firstName: 'Erased', emailAddress: '' },
      kept: [],
    });
    const twice = {
      ...psa,
      objects: [
        {
          object: 'contact',
          category: 'identity',
          erasure: { mode: 'anonymise', fields: { note: { action: 'anonymise', value: '{ref}/{ref}' } } },
        },
      ],
    } as SystemDeclaration;
    expect(erasureFor(twice, 'contact', '9')).toMatchObject({ changes: { note: '9/9' } });
  });

  it('the outcome line of a record kept whole carries its retention and reason', () => {
    expect(keptRecord('ticket:1', 'ticket', { mode: 'keep', retention: 'support-tickets', reason: 'contract' })).toEqual({
      ref: 'ticket:1',
      object: 'ticket',
      result: 'kept',
      retention: 'support-tickets',
      reason: 'contract',
    });
  });
});
