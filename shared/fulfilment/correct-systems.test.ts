import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { formatUkDate } from '../dates.ts';
import type { Correction } from '../systems/correction.ts';
import type { SystemDeclaration } from '../systems/declaration.ts';
import { correctingPsa, m365, paperHolding } from '../systems/fixtures.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { fixtureRun } from '../systems/run-fixtures.ts';
import { systemsCorrectionLetter } from './correct-systems.ts';

const autotask = correctingPsa({ mobile: 'phone' });
const paper = paperHolding({ mobile: 'phone' });
const tenant = testTenant({ systems: [autotask, m365, paper] });
const phone: Correction = { category: 'identity', field: 'mobile', label: 'Phone number', value: '0113 496 0999' };
const at = '2026-11-20T10:00:00.000Z';
const step = (s: SystemDeclaration) => ({
  systemId: s.id,
  systemName: s.name,
  operation: 'correct' as const,
  identity: 'email',
  automatic: true,
});

describe('the systems part of the letter answering a rectification', () => {
  it('says where it was corrected, where it already read right, what a handler did, and which systems do not hold it', () => {
    const results: SystemResult[] = [
      {
        step: step(autotask),
        outcome: {
          state: 'done',
          at,
          records: [
            {
              ref: 'contact:1',
              object: 'contact',
              result: 'corrected',
              changes: [{ field: 'phone', from: 'x', to: '0113 496 0999' }],
            },
            { ref: 'contact:2', object: 'contact', result: 'unchanged', fields: ['phone'] },
          ],
        },
      },
      {
        step: step(paper),
        outcome: { state: 'resolved', resolution: { reason: 'unreachable', note: 'Archive closed.', by: 's', at } },
      },
    ];
    expect(systemsCorrectionLetter(tenant, fixtureRun(results, { correction: phone }), phone, formatUkDate).split('\n')).toEqual([
      'In the other systems where we hold data:',
      'Autotask PSA: we corrected your phone number on 1 contact record; 1 contact record already read “0113 496 0999”, so nothing needed changing.',
      `Call recordings (CallCabinet): we could not reach this system, so we have not corrected your phone number there (recorded on ${formatUkDate('2026-11-20')}). They recorded: “Archive closed.”`,
      'Microsoft 365: it does not hold your phone number, so there was nothing to change there.',
    ]);
  });

  it('never says corrected where the correction failed, found nobody, or was never run', () => {
    const failed: SystemResult = {
      step: step(autotask),
      outcome: { state: 'failed', reason: 'the system timed out', retryable: false, attempts: 3, at },
    };
    const lines = systemsCorrectionLetter(tenant, fixtureRun([failed], { correction: phone }), phone, formatUkDate).split('\n');
    expect(lines).toContain(
      'Autotask PSA: we have not corrected your phone number there: the correction failed (the system timed out).',
    );
    expect(lines).toContain(
      'Call recordings (CallCabinet): we have not corrected your phone number there: no correction was run in it for this request.',
    );
    expect(lines.join('\n')).not.toMatch(/we corrected/);
    const none: SystemResult = { step: step(autotask), outcome: { state: 'not-found', at } };
    expect(systemsCorrectionLetter(tenant, fixtureRun([none]), phone, formatUkDate)).toContain(
      'Autotask PSA: we searched and found no record of you there, so there was nothing to correct.',
    );
    expect(systemsCorrectionLetter(testTenant(), undefined, phone, formatUkDate)).toBe('');
  });
});
