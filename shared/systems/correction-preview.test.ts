import { describe, expect, it } from 'vitest';
import type { Correction } from './correction.ts';
import { correctionPreview } from './correction-preview.ts';
import type { SystemDeclaration } from './declaration.ts';
import { m365, paperHolding, psa } from './fixtures.ts';
import type { SystemResult, SystemStep } from './outcome.ts';
import { fixtureRun } from './run-fixtures.ts';

const correcting: SystemDeclaration = {
  ...psa,
  may: [...psa.may, 'correct'],
  objects: psa.objects.map((o) => (o.object === 'contact' ? { ...o, fields: { phone: 'phone', mobile: 'mobilePhone' } } : o)),
};
/** A manual system whose records hold the phone number: the centre cannot change it there by itself. */
const paper = paperHolding({ phone: 'phone' });
const phone: Correction = { category: 'identity', field: 'phone', label: 'Phone', value: '0113 496 0999' };
const at = '2026-11-20T10:00:00.000Z';
const step = (s: SystemDeclaration, operation: SystemStep['operation'] = 'read'): SystemStep => ({
  systemId: s.id,
  systemName: s.name,
  operation,
  identity: 'email',
  automatic: s.kind !== 'manual',
});
const contact = (id: string, phoneNumber: string | null) => ({
  ref: `contact:${id}`,
  object: 'contact',
  category: 'identity',
  data: { phone: phoneNumber, firstName: 'Ann' },
});

describe('what a correction will change where, and what it changed', () => {
  it('before: each record holding the field, old → new; one already right; a manual system by hand; the rest not holding it', () => {
    const search = fixtureRun([
      {
        step: step(correcting),
        outcome: { state: 'found', count: 3, records: [contact('1', '0113 496 0000'), contact('2', '0113 496 0999')], at },
      },
      { step: step(m365), outcome: { state: 'found', count: 1, records: [], at } },
      { step: step(paper), outcome: { state: 'waiting-for-handler', role: 'handler', instructions: 'x', dueAt: at } },
    ]);
    const preview = correctionPreview([correcting, m365, paper], phone, search);
    expect(preview.stage).toBe('preview');
    expect(preview.lines).toEqual([
      {
        systemId: 'autotask',
        systemName: 'Autotask PSA',
        ref: 'contact:1',
        object: 'contact',
        field: 'phone',
        from: '0113 496 0000',
        to: '0113 496 0999',
        state: 'will-change',
      },
      {
        systemId: 'autotask',
        systemName: 'Autotask PSA',
        ref: 'contact:2',
        object: 'contact',
        field: 'phone',
        from: '0113 496 0999',
        to: '0113 496 0999',
        state: 'already-right',
      },
      expect.objectContaining({ systemId: 'call-recordings', state: 'by-hand' }),
    ]);
    expect(preview.notHolding).toEqual([{ systemId: 'm365', systemName: 'Microsoft 365' }]);
  });

  it('before: a search not answered, or one that found nobody, says so rather than guessing', () => {
    const failed: SystemResult = {
      step: step(correcting),
      outcome: { state: 'failed', reason: 'timeout', retryable: true, attempts: 1, at },
    };
    expect(correctionPreview([correcting], phone, fixtureRun([failed])).lines).toEqual([
      expect.objectContaining({ state: 'unknown', note: expect.stringMatching(/reads each record first/) }),
    ]);
    expect(correctionPreview([correcting], phone, undefined).lines[0]?.state).toBe('unknown');
    const none: SystemResult = { step: step(correcting), outcome: { state: 'not-found', at } };
    expect(correctionPreview([correcting], phone, fixtureRun([none])).lines[0]?.state).toBe('not-found');
  });

  it('after: what changed, what already read right, what had gone, and what a handler recorded', () => {
    const run = fixtureRun(
      [
        {
          step: step(correcting, 'correct'),
          outcome: {
            state: 'done',
            at,
            records: [
              {
                ref: 'contact:1',
                object: 'contact',
                result: 'corrected',
                changes: [{ field: 'phone', from: '0113 496 0000', to: '0113 496 0999' }],
              },
              { ref: 'contact:2', object: 'contact', result: 'unchanged', fields: ['phone'] },
              { ref: 'contact:3', object: 'contact', result: 'absent' },
            ],
          },
        },
        {
          step: step(paper, 'correct'),
          outcome: { state: 'resolved', resolution: { reason: 'done-by-hand', note: 'Amended the file.', by: 'sam@x', at } },
        },
      ],
      { correction: phone },
    );
    const after = correctionPreview([correcting, paper], phone, run);
    expect(after.stage).toBe('outcome');
    expect(after.lines.map((l) => [l.ref ?? l.systemId, l.state])).toEqual([
      ['contact:1', 'changed'],
      ['contact:2', 'already-right'],
      ['contact:3', 'absent'],
      ['call-recordings', 'resolved'],
    ]);
    expect(after.lines[0]).toMatchObject({ from: '0113 496 0000', to: '0113 496 0999' });
  });
});
