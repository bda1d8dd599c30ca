import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../entities.ts';
import { type EvidencePackInput, renderEvidencePack } from './evidence.ts';
import {
  chainBroken,
  chainOk,
  completedAccess,
  completedEvents,
  ctx,
  event,
  staff,
  subjectActor,
  tenant,
} from './evidence-fixtures.ts';
import {
  completedRectification,
  receivedRestriction,
  rectificationEvents,
  refusedErasure,
  refusedEvents,
  waitingPortability,
  withdrawnObjection,
} from './evidence-request-fixtures.ts';
import { completedErasure, erasureRun, partialSearchRun, systemsCtx } from './evidence-systems-fixtures.ts';

/**
 * The evidence pack byte for byte: each fixture's output is kept under __golden__/ (made once from
 * the JSX renderer). To remake them after an intended change: UPDATE_GOLDEN=1 npx vitest run <this file>.
 */
const goldenDir = new URL('./__golden__/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

const fixtures: Record<string, EvidencePackInput> = {
  'completed-access': {
    ctx,
    request: completedAccess,
    subject: { id: 'sub-1', email: 'zoe.angstrom+test@example.com', name: 'Zoë Ångström-Nguyễn 陳' },
    events: completedEvents,
    staffNames: staff,
    chain: chainOk,
    generatedAt: '2026-06-01T10:11:12.345Z',
  },
  'refused-erasure-broken-chain': {
    ctx: { tenant, member: staff[1] as StaffMember },
    request: refusedErasure,
    subject: { id: 'sub-2', email: '"odd"&<x>@example.com', name: '<script>alert("pwn")</script> & \'Zoë\'' },
    events: refusedEvents,
    staffNames: staff,
    chain: chainBroken,
    generatedAt: '2026-12-15T23:59:59.000Z',
  },
  'waiting-portability': {
    ctx,
    request: waitingPortability,
    subject: { id: 'sub-3', email: 'sam@example.com', name: 'sam@example.com' },
    events: [],
    staffNames: staff,
    chain: chainOk,
    generatedAt: '2026-04-20T07:00:00.000Z',
  },
  'withdrawn-objection': {
    ctx,
    request: withdrawnObjection,
    subject: { id: 'sub-4', email: '(erased)', name: '(erased)' },
    events: [event('h1', '2026-07-02T10:00:00.000Z', 'request.withdrawn', subjectActor)],
    staffNames: [],
    chain: chainOk,
    generatedAt: '2026-07-03T10:00:00.000Z',
  },
  'completed-rectification': {
    ctx,
    request: completedRectification,
    subject: { id: 'sub-5', email: 'kim@example.com', name: 'Kim Ångström' },
    events: rectificationEvents,
    staffNames: staff,
    chain: { ok: true, checked: 0, head: null, firstBroken: null },
    generatedAt: '2026-11-01T09:00:00.000Z',
  },
  'completed-erasure-systems': {
    ctx: systemsCtx,
    request: completedErasure,
    subject: { id: 'sub-7', email: '(erased)', name: '(erased)' },
    events: [],
    staffNames: staff,
    chain: chainOk,
    generatedAt: '2026-09-04T09:00:00.000Z',
    run: erasureRun,
  },
  'completed-access-partial-systems': {
    ctx: systemsCtx,
    request: completedAccess,
    subject: { id: 'sub-1', email: 'zoe@example.com', name: 'Zoë' },
    events: completedEvents,
    staffNames: staff,
    chain: chainOk,
    generatedAt: '2026-06-01T10:11:12.345Z',
    run: partialSearchRun,
  },
  'received-automated-decision': {
    ctx,
    request: receivedRestriction,
    subject: { id: 'sub-6', email: 'lee@example.com', name: 'Lee' },
    events: [],
    staffNames: staff,
    chain: { ok: false, checked: 3, head: null, firstBroken: { seq: 4, problem: 'event #4 is missing' } },
    generatedAt: '2026-06-02T09:00:00.000Z',
  },
};

describe('evidence pack, byte for byte', () => {
  const outputs = Object.entries(fixtures).map(([name, input]) => [name, renderEvidencePack(input)] as const);

  /**
   * Every pack carries the same style sheet: it is kept once, in pack.css, and each golden file has
   * STYLE in its place; the pack must still match the golden file with the sheet put back, byte for byte.
   */
  const css = new URL('pack.css', goldenDir);
  const STYLE = '<style>/* pack.css */</style>';
  const sheetOf = (html: string) => /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';

  it.each(outputs)('%s matches its golden file', (name, html) => {
    const file = new URL(`${name}.html`, goldenDir);
    if (update) {
      writeFileSync(css, sheetOf(html));
      writeFileSync(file, html.replace(`<style>${sheetOf(html)}</style>`, STYLE));
    }
    expect(existsSync(file), `missing golden ${name}.html (UPDATE_GOLDEN=1 makes it)`).toBe(true);
    const golden = readFileSync(file, 'utf8');
    expect(golden).toContain(STYLE);
    expect(html).toBe(golden.replace(STYLE, `<style>${readFileSync(css, 'utf8')}</style>`));
  });

  it('escapes everything it is given and never lets markup through', () => {
    const all = outputs.map(([, html]) => html).join('\n');
    expect(all).not.toContain('<script>');
    expect(all).toContain("&lt;script>alert(&quot;pwn&quot;)&lt;/script> &amp; 'Zoë'");
    expect(all).toContain('Smith &amp; Jones &lt;Holdings> &quot;UK&quot; Ltd');
  });

  it('covers every branch of the pack', () => {
    const all = outputs.map(([, html]) => html).join('\n');
    for (const text of [
      'within the time limit',
      '<span class="warn">after the time limit</span>',
      'Not yet answered',
      'No identity check was recorded.',
      'The requester made the request while signed in by a single-use link',
      'Documents checked',
      'Called back on a number we hold',
      'Known contact, confirmed by phone',
      'Signed in by a link sent to the address we hold',
      'The clock was never paused or extended.',
      '(still waiting)',
      '(8 days)',
      'Extended on',
      'after an extension of 2 months',
      'after an extension of 1 month)',
      'the clock was paused for 8 days',
      'the clock was paused for 1 day<',
      'Withheld, and why:</strong> nothing',
      'No search was recorded with the answer.',
      'The request has not been answered yet.',
      'Our answer to the requester:',
      'No email about this request has been delivered yet.',
      'message id msg-0001',
      'the whole trail checked intact: 42 events',
      'did NOT check intact: event #17',
      '(internal)',
      'someone not signed in',
      'the system',
      'left@example.co.uk',
      'Connected systems searched (Data (Use and Access) Act 2025, s.78)',
      'Microsoft 365 &lt;Harbourside>',
      'erased 1 user account',
      'anonymised 1 user account (name, email address, phone number)',
      'kept 2 tickets under the retention rule for Support tickets &lt;email>',
      '1 ticket action already gone',
      "Resolved by Bob O'Brien &lt;lead>",
      'done by hand by our staff.',
      'Not searched: failed after 3 attempts (the system did not answer in time)',
      'Declared but not in this search: Call recordings.',
      '4 records, by the search on 2 September 2026',
      'The search is partial: not searched: HaloPSA.',
      'Automatically',
      'asked for on',
    ]) {
      expect(all).toContain(text);
    }
  });
});
