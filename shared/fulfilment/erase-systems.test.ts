import { describe, expect, it } from 'vitest';
import { memoryDeps } from '../../test/support/in-memory/deps.ts';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import { objectKinds } from '../systems/kinds.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { fieldsInWords, yourField } from '../systems/report.ts';
import { at, erasureResults, fixtureRun, runSystems, searchResults } from '../systems/run-fixtures.ts';
import { forgetWhatSystemsFound, systemsErasureLetter, withSystemsPart } from './erase-systems.ts';
import { REMOVED } from './redact-request.ts';

const tenant = testTenant({ systems: runSystems });
const date = (d: string) => `[${d}]`;
const KEEP = 'The support history of the client business is kept for its contract.';
const letter = (results: SystemResult[]) => systemsErasureLetter(tenant, fixtureRun(results), date);
const erase = erasureResults as [SystemResult, SystemResult, SystemResult];

describe("the erasure letter's part on the connected systems", () => {
  it('says per system what was erased, anonymised (which fields) and kept, where and why, and what staff did by hand', () => {
    expect(letter(erasureResults).split('\n')).toEqual([
      'In the other systems where we hold data:',
      'Microsoft 365 (Harbourside Dental): we erased 1 user account.',
      `Autotask PSA: we anonymised 1 contact record (your first name, email address rewritten or removed; the rest of the record stays); we kept 2 tickets under our retention rule for Support tickets, because: ${KEEP}`,
      'Call recordings (CallCabinet): the centre cannot act in this system by itself, so our staff dealt with it by hand on [2026-11-21]. They recorded: “Two recordings deleted in the CallCabinet portal.”',
    ]);
  });

  it('never says "we erased" for a system where that did not happen', () => {
    const resolved = (reason: 'legal-hold' | 'retention-obligation' | 'unreachable' | 'not-held'): SystemResult => ({
      step: erase[2].step,
      outcome: { state: 'resolved', resolution: { reason, note: 'See case 12.', by: 'sam', at } },
    });
    const lines = letter([
      {
        step: erase[0].step,
        outcome: { state: 'failed', reason: 'the system did not answer in time', retryable: true, attempts: 3, at },
      },
      {
        step: erase[1].step,
        outcome: { state: 'done', at, records: [{ ref: 'contact:30', object: 'contact', result: 'absent' }] },
      },
      resolved('unreachable'),
      resolved('legal-hold'),
      resolved('retention-obligation'),
      resolved('not-held'),
      {
        step: erase[2].step,
        outcome: { state: 'waiting-for-handler', role: 'handler', instructions: 'x', dueAt: '2026-11-27T10:00:00.000Z' },
      },
      { step: erase[0].step, outcome: { state: 'not-found', at } },
    ]).split('\n');
    expect(lines.slice(1)).toEqual([
      'Microsoft 365 (Harbourside Dental): we have not erased your data there: the erasure failed (the system did not answer in time).',
      'Autotask PSA: 1 contact record had already gone before we came to erase it.',
      'Call recordings (CallCabinet): we could not reach this system, so we have not erased your data there (recorded on [2026-11-20]). They recorded: “See case 12.”',
      'Call recordings (CallCabinet): we have not erased your data there: it is kept under a legal hold (recorded on [2026-11-20]). They recorded: “See case 12.”',
      'Call recordings (CallCabinet): we have not erased your data there: the law requires us to keep it (recorded on [2026-11-20]). They recorded: “See case 12.”',
      'Call recordings (CallCabinet): our staff checked by hand on [2026-11-20]: nothing about you is held there. They recorded: “See case 12.”',
      'Call recordings (CallCabinet): not done yet: our staff are to erase your data there by hand by [2026-11-27].',
      'Microsoft 365 (Harbourside Dental): we searched and found nothing about you there, so there was nothing to erase.',
    ]);
    expect(lines.slice(1).filter((l) => /we erased/.test(l))).toEqual([]);
  });

  it('starts a new sentence after a reason worded as one, never ".;", and words every field a declaration may name', () => {
    const kept = (ref: string, object: string, reason: string) =>
      ({ ref, object, result: 'kept', retention: 'tickets', reason }) as const;
    const [line] = letter([
      {
        step: erase[1].step,
        outcome: {
          state: 'done',
          at,
          records: [
            { ref: 'contact:30', object: 'contact', result: 'anonymised', fields: ['Name', 'FirstName', 'EmailAddress'] },
            kept('ticket:1', 'ticket', 'Support history. It stays.'),
            kept('action:1', 'action', 'Ticket actions stay with their ticket.'),
          ],
        },
      },
    ])
      .split('\n')
      .slice(1);
    expect(line).toBe(
      'Autotask PSA: we anonymised 1 contact record (your name, first name, email address rewritten or removed; the rest of the record stays); ' +
        'we kept 1 ticket under our retention rule for Support tickets, because: Support history. It stays. ' +
        'We kept 1 ticket action under our retention rule for Support tickets, because: Ticket actions stay with their ticket.',
    );
    const named = Object.values(objectKinds).flatMap((objects) => Object.values(objects).flatMap((o) => o?.fields ?? []));
    expect(named.filter((field) => !/^[a-z ]+$/.test(fieldsInWords([field])))).toEqual([]);
    // A label after "your": never "your your role", and an initialism keeps its capitals.
    expect(['Job title', 'Your role', 'VAT number'].map(yourField)).toEqual(['your job title', 'your role', 'your VAT number']);
  });

  it('names a declared system the erasure never went to; a tenant without systems has no such part', () => {
    expect(letter([erase[0]]).split('\n').slice(2)).toEqual([
      'Autotask PSA: we have not erased anything there: no erasure was run in it for this request.',
      'Call recordings (CallCabinet): we have not erased anything there: no erasure was run in it for this request.',
    ]);
    expect(systemsErasureLetter(testTenant(), undefined, date)).toBe('');
    expect(withSystemsPart('We have erased: X.', '')).toBe('We have erased: X.');
    expect(withSystemsPart('We have erased: X.', 'In the other systems where we hold data:\nA: b.')).toBe(
      "In this privacy centre's own records:\nWe have erased: X.\nIn the other systems where we hold data:\nA: b.",
    );
  });
});

describe('after a whole erasure, the runs keep their counts but not what the systems held', () => {
  it('takes the found records’ contents out of every run of the person, audited, once', async () => {
    const { deps, actions } = memoryDeps(tenant, new Date(at));
    await deps.systemRuns.request(fixtureRun(searchResults, { requestId: 'req-access' }), 0, { audit: [] });
    await deps.systemRuns.request(fixtureRun(erasureResults, { requestId: 'req-erase', version: 1 }), 0, { audit: [] });
    const actor = { type: 'staff', id: 'sam.taylor@staff.example' } as const;
    // The search's found records; the erasure's own run keeps its handler's note, which its letter quotes.
    expect(await forgetWhatSystemsFound(deps, { tenant: 'acme', subjectId: 'sub-1', actor, requestId: 'req-erase' })).toBe(1);
    expect(JSON.stringify(await deps.systemRuns.get('acme', 'sub-1', 'req-erase'))).toContain('Two recordings deleted');
    const kept = await deps.systemRuns.get('acme', 'sub-1', 'req-access');
    expect(JSON.stringify(kept)).not.toContain('alex.morgan@example.com');
    expect(JSON.stringify(kept)).not.toContain('Printer offline');
    expect(
      kept?.results.map((r) => (r.outcome.state === 'found' ? [r.outcome.count, r.outcome.records.length] : r.outcome.state)),
    ).toEqual([[1, 1], [3, 3], 'waiting-for-handler']);
    expect(actions('acme')).toEqual(['erasure.system_run_redacted']);
    expect(await forgetWhatSystemsFound(deps, { tenant: 'acme', subjectId: 'sub-1', actor, requestId: 'req-erase' })).toBe(0);
  });

  it('takes a handler’s note out of the person’s other runs too, keeping why, who, when and how many; a run holding only a note counts', async () => {
    const { deps } = memoryDeps(tenant, new Date(at));
    const resolution = {
      reason: 'done-by-hand',
      note: 'Found Alex Morgan’s CV under Morgan, 07700 900123.',
      by: 'sam.taylor@staff.example',
      at,
      count: 1,
    } as const;
    const byHand: SystemResult = { step: searchResults[2]!.step, outcome: { state: 'resolved', resolution } };
    await deps.systemRuns.request(fixtureRun([byHand], { requestId: 'req-access' }), 0, { audit: [] });
    const actor = { type: 'staff', id: 'sam.taylor@staff.example' } as const;
    const erasure = { tenant: 'acme', subjectId: 'sub-1', actor, requestId: 'req-erase' };
    expect(await forgetWhatSystemsFound(deps, erasure)).toBe(1);
    const kept = await deps.systemRuns.get('acme', 'sub-1', 'req-access');
    expect(JSON.stringify(kept)).not.toMatch(/Morgan|07700/);
    expect(kept?.results[0]?.outcome).toEqual({ state: 'resolved', resolution: { ...resolution, note: REMOVED } });
    expect(await forgetWhatSystemsFound(deps, erasure)).toBe(0);
  });

  it('takes a handler’s note out of the search a run replaced, even in the erasure’s own run (its letter quotes only what was done)', async () => {
    const { deps } = memoryDeps(tenant, new Date(at));
    const note = 'Found Alex Morgan’s CV under Morgan, 07700 900123.';
    const byHand: SystemResult = {
      step: searchResults[2]!.step,
      outcome: { state: 'resolved', resolution: { reason: 'done-by-hand', note, by: 'sam.taylor@staff.example', at } },
    };
    // An empty note stays empty: nothing was written, so nothing is said to have been removed.
    const blank: SystemResult = {
      ...byHand,
      outcome: { ...byHand.outcome, resolution: { reason: 'not-held', note: '', by: 'sam', at } },
    } as SystemResult;
    const own = { ...fixtureRun([], { requestId: 'req-erase', operation: 'erase' }), searched: [byHand, blank] };
    await deps.systemRuns.request(own, 0, { audit: [] });
    const actor = { type: 'staff', id: 'sam.taylor@staff.example' } as const;
    expect(await forgetWhatSystemsFound(deps, { tenant: 'acme', subjectId: 'sub-1', actor, requestId: 'req-erase' })).toBe(1);
    const kept = await deps.systemRuns.get('acme', 'sub-1', 'req-erase');
    expect(JSON.stringify(kept)).not.toMatch(/Morgan|07700/);
    expect(kept?.searched?.map((r) => (r.outcome.state === 'resolved' ? r.outcome.resolution.note : ''))).toEqual([REMOVED, '']);
  });
});
