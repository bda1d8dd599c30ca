import { describe, expect, it } from 'vitest';
import { testTenant } from '../../test/support/in-memory/tenant.ts';
import type { DataRecord } from '../entities.ts';
import type { SearchRecord } from '../requests/search-record.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { at, fixtureRun, runSystems, searchResults } from '../systems/run-fixtures.ts';
import { renderSummary } from './summary.tsx';
import { systemFacts, systemRecords, withSystemRecords } from './systems.ts';
import { systemLines } from './systems-summary.tsx';

const tenant = testTenant({ systems: runSystems });
const centre = (category: string, id: string): DataRecord => ({ id, category, recordedOn: '2026-01-01', data: { note: id } });

async function* pages(records: DataRecord[]) {
  yield* records;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

/** A search a handler recorded by hand in a connected system, with how many records they found. */
const staffCount = (systemId: string, count: number): SearchRecord => ({
  id: `s-${systemId}`,
  systemId,
  place: systemId,
  identity: 'alex.morgan@example.com',
  searchedOn: '2026-11-20',
  by: { type: 'staff', id: 'sam.taylor@staff.example' },
  automatic: false,
  found: true,
  count,
  note: 'Two calls, sent by secure link.',
  recordedAt: at,
});

const resolved = (result: SystemResult, reason: 'done-by-hand' | 'unreachable'): SystemResult => ({
  step: result.step,
  outcome: { state: 'resolved', resolution: { reason, note: 'Searched the portal: two calls.', by: 'sam', at } },
});

describe("a connected system's records in the export", () => {
  it('are named by their source and slotted after the centre records of their category, in the store order', async () => {
    const extra = systemRecords(fixtureRun(searchResults));
    expect(extra.map((r) => [r.id, r.category, r.recordedOn, r.heldIn?.id])).toEqual([
      ['m365/user:u-1', 'identity', '', 'm365'],
      ['autotask/contact:30', 'identity', '', 'autotask'],
      ['autotask/ticket:1', 'tickets', '2026-11-08', 'autotask'],
      ['autotask/ticket:2', 'tickets', '2026-08-22', 'autotask'],
    ]);
    const merged = await collect(
      withSystemRecords(pages([centre('contracts', 'c1'), centre('identity', 'i1'), centre('invoices', 'v1')]), extra),
    );
    expect(merged.map((r) => r.id)).toEqual([
      'c1',
      'i1',
      'm365/user:u-1',
      'autotask/contact:30',
      'v1',
      'autotask/ticket:1',
      'autotask/ticket:2',
    ]);
    // A category the centre holds nothing of still comes in its place.
    expect((await collect(withSystemRecords(pages([centre('marketing-preferences', 'm1')]), extra))).map((r) => r.id)).toEqual([
      'm365/user:u-1',
      'autotask/contact:30',
      'm1',
      'autotask/ticket:1',
      'autotask/ticket:2',
    ]);
  });

  it('data.json lists each system with its result, never the identity searched with or record contents', () => {
    const facts = systemFacts(fixtureRun(searchResults));
    expect(facts.map((f) => [f.id, f.result, f.searchedWith, 'recordCount' in f ? f.recordCount : undefined])).toEqual([
      ['m365', 'found', 'email', 1],
      ['autotask', 'found', 'email', 3],
      ['call-recordings', 'waiting-for-handler', 'email', undefined],
    ]);
    expect(JSON.stringify(facts)).not.toContain('alex.morgan@example.com');
  });

  it('in a portability export, a system whose records are partly of other categories is not said to be in the file', () => {
    // Autotask found 1 identity record and 2 tickets; portability here covers identity only.
    const facts = systemFacts(fixtureRun(searchResults), [], new Set(['identity']));
    expect(facts.find((f) => f.id === 'autotask')).toMatchObject({ inThisExport: false, recordsInThisExport: 1 });
    expect(facts.find((f) => f.id === 'm365')).toMatchObject({ inThisExport: true });
    expect(systemFacts(fixtureRun(searchResults)).find((f) => f.id === 'autotask')).toMatchObject({ inThisExport: true });
  });

  it('data.json gives a manual system’s outcome and when, never the handler’s own words', () => {
    const byHand = [searchResults[0]!, searchResults[1]!, resolved(searchResults[2]!, 'done-by-hand')];
    const facts = systemFacts(fixtureRun(byHand), [staffCount('call-recordings', 2)]);
    expect(JSON.stringify(facts)).not.toContain('two calls');
    expect(facts[2]).toEqual({
      id: 'call-recordings',
      name: 'Call recordings (CallCabinet)',
      searchedWith: 'email',
      automatic: false,
      result: 'resolved',
      resolution: { reason: 'done-by-hand', description: 'searched by hand by our staff' },
      recordCount: 2,
      inThisExport: false,
      at,
    });
    expect(facts[1]).toMatchObject({ result: 'found', recordCount: 3, inThisExport: true });
    const unreachable = systemFacts(fixtureRun([resolved(searchResults[2]!, 'unreachable')]));
    expect(unreachable[0]).toMatchObject({
      resolution: { reason: 'unreachable', description: 'not searched: the system could not be reached' },
      at,
    });
    expect(unreachable[0]).not.toHaveProperty('inThisExport');
  });
});

describe('the cover note on the connected systems', () => {
  const summary = (
    results: SystemResult[] | undefined,
    kind: 'access' | 'portability' = 'access',
    searches: SearchRecord[] = [],
  ) =>
    renderSummary({
      tenant,
      request: { reference: 'ACM-2026-000001', receivedOn: '2026-11-19', searches } as never,
      subject: { id: 'sub-1', email: 'alex.morgan@example.com' } as never,
      kind,
      tally: { counts: new Map(), extraKeys: new Map(), unknown: [], name: 'Alex Morgan' },
      generatedAt: new Date(at),
      run: results && fixtureRun(results),
    });

  it('lists every system with its result, and a search still waiting for a handler as partial', () => {
    const lines = systemLines(tenant, fixtureRun(searchResults), 'access');
    expect(lines.map((l) => [l.name, l.runBy, l.searched])).toEqual([
      ['Microsoft 365 (Harbourside Dental)', 'Harbourside Dental Practice Ltd', true],
      ['Autotask PSA', 'Acme IT', true],
      ['Call recordings (CallCabinet)', 'Acme IT', false],
    ]);
    expect(lines[1]?.result).toBe(
      'Searched on 20 November 2026: found 3 records: Your contact details (1); Support tickets (2). They are in this export, marked as held in this system.',
    );
    expect(lines[2]?.result).toBe('Not searched yet: our staff search it by hand (due 27 November 2026).');
    const html = summary(searchResults);
    expect(html).toContain('This search is partial: 1 of 3 systems was not searched (Call recordings (CallCabinet))');
    expect(html).not.toContain('Every one of these systems was searched.');
  });

  it('a manual result recorded completes the search; a system left unreachable or failed does not', () => {
    const byHand = [searchResults[0]!, searchResults[1]!, resolved(searchResults[2]!, 'done-by-hand')];
    const html = summary(byHand);
    expect(html).toContain('Every one of these systems was searched.');
    expect(html).toContain('Searched by hand by our staff on 20 November 2026, who recorded the result.');
    // The handler's own words are for the evidence, not the cover note.
    expect(html).not.toContain('two calls');

    const unreachable = summary([searchResults[0]!, searchResults[1]!, resolved(searchResults[2]!, 'unreachable')]);
    expect(unreachable).toContain('Not searched: the system could not be reached on 20 November 2026.');
    expect(unreachable).toContain('This search is partial');
    const failed = summary([
      {
        step: searchResults[0]!.step,
        outcome: { state: 'failed', reason: 'the system did not answer in time', retryable: true, attempts: 3, at },
      },
      searchResults[1]!,
      resolved(searchResults[2]!, 'done-by-hand'),
    ]);
    expect(failed).toContain('Not searched: the search failed on 20 November 2026 (the system did not answer in time).');
    expect(failed).toContain('1 of 3 systems was not searched (Microsoft 365 (Harbourside Dental))');
  });

  it('says every declared system was not searched when the request has no run, and says nothing of systems a tenant does not have', () => {
    const html = summary(undefined);
    expect(html.match(/Not searched for this request\./g)).toHaveLength(3);
    expect(html).toContain('3 of 3 systems were not searched');
    // Not "We also searched": nothing was.
    expect(html).not.toContain('We also searched');
    expect(html).toContain('We hold data about people in the systems below');
    expect(summary(searchResults)).toContain('We also searched for your email address');
    const none = renderSummary({
      tenant: testTenant(),
      request: { reference: 'ACM-2026-000001', receivedOn: '2026-11-19' } as never,
      subject: { id: 'sub-1', email: 'a@example.com' } as never,
      kind: 'access',
      tally: { counts: new Map(), extraKeys: new Map(), unknown: [], name: '' },
      generatedAt: new Date(at),
    });
    expect(none).not.toContain('other systems');
  });

  it('takes the count a handler gave when they resolved the system by hand, as it takes one from a search record', () => {
    const counted = resolved(searchResults[2]!, 'done-by-hand');
    const outcome = counted.outcome as Extract<SystemResult['outcome'], { state: 'resolved' }>;
    const withCount: SystemResult = { ...counted, outcome: { ...outcome, resolution: { ...outcome.resolution, count: 4 } } };
    const html = summary([searchResults[0]!, searchResults[1]!, withCount]);
    expect(html).toContain('Searched by hand by our staff on 20 November 2026, who found 4 records there.');
    expect(systemFacts(fixtureRun([withCount]))[0]).toMatchObject({ recordCount: 4, inThisExport: false });
  });

  it('says what is held but not in this file: a manual system whose staff found records there', () => {
    const byHand = [searchResults[0]!, searchResults[1]!, resolved(searchResults[2]!, 'done-by-hand')];
    const html = summary(byHand, 'access', [staffCount('call-recordings', 2)]);
    expect(html).not.toContain('Everything we found about you is in this export.');
    expect(html).toContain(
      'Everything we found about you is in this export, except what we hold in: Call recordings (CallCabinet) (2 records found by our staff by hand; how to get it: ask us at privacy@acme.example, quoting your reference ACM-2026-000001).',
    );
    expect(html).toContain(
      'Searched by hand by our staff on 20 November 2026, who found 2 records there. They are not in this file: to get them, ask us at privacy@acme.example, quoting your reference ACM-2026-000001.',
    );
    // The handler's own words stay out of it, whichever record they are in.
    expect(html).not.toContain('two calls');
    expect(html).not.toContain('secure link');

    // No count recorded: the system is still named, without a number.
    const uncounted = summary(byHand);
    expect(uncounted).toContain(
      'Everything we found about you is in this export, except what we hold in: Call recordings (CallCabinet) (found by our staff by hand; how to get it: ask us at privacy@acme.example, quoting your reference ACM-2026-000001).',
    );
    expect(uncounted).toContain(
      'Searched by hand by our staff on 20 November 2026, who recorded the result. What is held there is not in this file: to get it, ask us at privacy@acme.example, quoting your reference ACM-2026-000001.',
    );
  });

  it('says what a system found but this file does not hold', () => {
    const found = searchResults[1]!;
    const stripped: SystemResult = {
      step: found.step,
      outcome: { ...(found.outcome as Extract<SystemResult['outcome'], { state: 'found' }>), records: [] },
    };
    const html = summary([searchResults[0]!, stripped, resolved(searchResults[2]!, 'done-by-hand')]);
    expect(html).toContain('except what we hold in: Autotask PSA (3 records found; how to get it:');
    expect(html).toContain('; Call recordings (CallCabinet) (found by our staff by hand; how to get it:');
    expect(html).toMatch(
      /Autotask PSA<\/td><td>Acme IT<\/td><td>Searched on 20 November 2026: found 3 records:[^<]*\. They are not in this file: to get them, ask us at privacy@acme\.example, quoting your reference ACM-2026-000001\.</,
    );
    expect(systemFacts(fixtureRun([stripped]))[0]).toMatchObject({ recordCount: 3, inThisExport: false, recordsInThisExport: 0 });
  });

  it('keeps the plain sentence when everything found is in this file, and points to a partial search', () => {
    const nothingThere: SystemResult = {
      step: searchResults[2]!.step,
      outcome: { state: 'resolved', resolution: { reason: 'not-held', note: 'Nothing in the portal.', by: 'sam', at } },
    };
    const html = summary([searchResults[0]!, searchResults[1]!, nothingThere]);
    expect(html).toContain('Everything we found about you is in this export.');
    expect(html).not.toContain('except what we hold in');
    expect(html).not.toContain('Not every one of our other systems was searched');
    const partial = summary(searchResults);
    expect(partial).toContain('Everything we found about you is in this export.');
    expect(partial).toContain(
      'Not every one of our other systems was searched: see “The other systems where we hold data” below.',
    );
  });

  it('a portability export says which found records are not data the person gave', () => {
    const html = summary(searchResults, 'portability');
    expect(html).toContain('Your contact details (1, not in a portability export)');
  });
});
