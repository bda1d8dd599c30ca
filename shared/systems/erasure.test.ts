import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../policy/parse.ts';
import { Systems } from './declaration.ts';
import { parseWholePolicy, systemsOf, systemsOrNone } from './declared.ts';
import { erasureFor } from './erasure.ts';
import { m365, psa } from './fixtures.ts';
import { describeOutcome } from './outcome.ts';

describe('erasureFor', () => {
  it('anonymises the declared fields, the record id standing in for {ref}; delete blanks a field', () => {
    const [system] = Systems.parse([
      {
        ...psa,
        objects: [
          {
            object: 'contact',
            category: 'identity',
            erasure: {
              mode: 'anonymise',
              fields: {
                emailAddress: { action: 'anonymise', value: 'erased-{ref}@invalid.example' },
                phone: { action: 'delete' },
                note: { action: 'keep', retention: 'identity', reason: 'x' },
              },
            },
          },
        ],
      },
    ]);
    expect(erasureFor(system!, 'contact', '42')).toEqual({
      mode: 'anonymise',
      changes: { emailAddress: 'erased-42@invalid.example', phone: '' },
      kept: ['note'],
    });
  });

  it('an undeclared object is deleted where the API can delete it, else kept and said so', () => {
    expect(erasureFor(m365, 'user', '1')).toEqual({ mode: 'delete' });
    expect(erasureFor(psa, 'ticket-note', '1')).toMatchObject({
      mode: 'keep',
      reason: 'the system cannot delete it and the declaration says nothing more',
    });
    expect(erasureFor(psa, 'ticket', '1')).toMatchObject({ mode: 'keep', retention: 'support-tickets' });
  });
});

describe('describeOutcome', () => {
  it('says what happened in plain words', () => {
    expect(describeOutcome({ state: 'found', count: 1, records: [], at: '' })).toBe('Found 1 record');
    expect(
      describeOutcome({
        state: 'done',
        at: '',
        records: [
          { ref: 'a', object: 'contact', result: 'anonymised', fields: ['firstName'] },
          { ref: 'b', object: 'ticket', result: 'kept', retention: 'support-tickets', reason: 'x' },
          { ref: 'c', object: 'user', result: 'absent' },
        ],
      }),
    ).toBe('Erased 0, anonymised 1, kept 1, 1 already gone');
  });
});

describe('a tenant policy with systems', () => {
  const policy = () => JSON.parse(readFileSync('tenants/northgate-it/policy.json', 'utf8'));

  it('the demo policy declares its PSA and its call-recording provider', () => {
    const config = parseTenantConfig(policy(), 'policy.json');
    expect(systemsOf(config).map((s) => [s.id, s.kind])).toEqual([
      ['autotask', 'autotask'],
      ['call-recordings', 'manual'],
    ]);
  });

  it('a bad declaration is refused with the file and the field named', () => {
    const bad = policy();
    bad.systems[0].may.push('suppress');
    expect(() => parseWholePolicy(bad, 'policy.json')).toThrow(
      'policy.json: field "systems.0.may.5": a autotask system cannot "suppress"',
    );
    const unknown = policy();
    unknown.systems[1].objects[0].category = 'voicemails';
    expect(() => parseWholePolicy(unknown, 'policy.json')).toThrow(
      'policy.json: field "systems.1.objects.0.category": unknown category "voicemails"',
    );
  });

  it('a policy in force whose declarations no longer pass is refused, naming the field, by whatever acts on its systems', () => {
    // As a published policy after a code change tightened the declaration schema: the policy
    // itself still parses (the portal and the mail functions do not read the declarations).
    const bad = policy();
    bad.systems[0].may.push('suppress');
    const config = parseTenantConfig(bad, 'published policy');
    expect(config.name).toBe(policy().name);
    expect(() => systemsOf(config)).toThrow(
      'policy of "northgate-it": field "systems.0.may.5": a autotask system cannot "suppress"',
    );
    // What only shows systems shows none, and is told why.
    const why: string[] = [];
    expect(systemsOrNone(config, (error) => why.push(error.message))).toEqual([]);
    expect(why[0]).toMatch(/field "systems\.0\.may\.5"/);
  });

  it('checks a loaded policy’s declarations once: the same checked array each time it is asked', () => {
    const config = parseTenantConfig(policy(), 'policy.json');
    expect(systemsOf(config)).toBe(systemsOf(config));
    expect(systemsOf(config)).not.toBe(config.systems);
  });
});
