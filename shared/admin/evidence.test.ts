import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../entities.ts';
import { type EvidencePackInput, renderEvidencePack } from './evidence.ts';
import {
  ana,
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
import { completedErasure, erasureEvents, erasureRun, partialSearchRun, systemsCtx } from './evidence-systems-fixtures.ts';

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
  'completed-erasure-delivered': {
    ctx: systemsCtx,
    request: completedErasure,
    subject: { id: 'sub-7', email: '(erased)', name: '(erased)', erased: true },
    events: erasureEvents,
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
      '2 records (found by hand)',
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

/** The part of the pack from one heading to the next. */
const section = (html: string, heading: string) => {
  const start = html.indexOf(`<h2>${heading}`);
  return html.slice(start, html.indexOf('<h2>', start + 1));
};

describe('evidence pack, delivery: says where the person can still see an email', () => {
  const erased = fixtures['completed-erasure-delivered'] as EvidencePackInput;
  const signedIn = 'The same is shown on their request page in the privacy centre while they are signed in.';
  const gone = 'Their account was erased, so they can no longer sign in to see it in the privacy centre.';

  it('never says a person whose account was erased can see the emails on their request page', () => {
    const delivery = section(renderEvidencePack(erased), 'Delivery');
    expect(delivery).toContain('message id <span class="mono">msg-7001</span>');
    expect(delivery).toContain('message id <span class="mono">msg-7002</span>');
    expect(delivery).not.toContain('while they are signed in');
    expect(delivery.split(gone)).toHaveLength(3);
  });

  it('knows of the erasure from the audit trail too, where the person is not marked erased', () => {
    const delivery = section(
      renderEvidencePack({ ...erased, subject: { id: 'sub-7', email: '(erased)', name: '(erased)' } }),
      'Delivery',
    );
    expect(delivery).not.toContain('while they are signed in');
    expect(delivery).toContain(gone);
  });

  it('keeps the request page where the account stays: an answered access, a partial erasure', () => {
    const access = section(renderEvidencePack(fixtures['completed-access'] as EvidencePackInput), 'Delivery');
    expect(access).toContain(signedIn);
    expect(access).not.toContain('account was erased');
    const partial = renderEvidencePack({
      ...erased,
      subject: { id: 'sub-7', email: 'kim@example.com', name: 'Kim' },
      events: erasureEvents.map((e) => (e.action === 'erasure.completed' ? { ...e, detail: { ...e.detail, whole: false } } : e)),
    });
    expect(section(partial, 'Delivery')).toContain(signedIn);
    expect(partial).not.toContain('account was erased');
  });
});

describe('evidence pack, what was searched: never "no search" beside a recorded one', () => {
  const heading = 'What was searched, disclosed and withheld';
  const none = 'No search was recorded with the answer.';
  const systems = 'see “Connected systems searched” below.';

  it('points to the connected systems the erasure searched, counted', () => {
    const html = renderEvidencePack(fixtures['completed-erasure-delivered'] as EvidencePackInput);
    expect(section(html, heading)).not.toContain(none);
    expect(section(html, heading)).toContain(`<p>3 connected systems were searched: ${systems}</p>`);
    expect(html).toContain('<h2>Connected systems searched');
  });

  it("says how many of the run's systems were searched when some were not", () => {
    const html = renderEvidencePack({
      ...(fixtures['refused-erasure-broken-chain'] as EvidencePackInput),
      ctx: systemsCtx,
      run: partialSearchRun,
    });
    expect(section(html, heading)).toContain(`<p>1 of the 2 connected systems was searched: ${systems}</p>`);
    const failed = renderEvidencePack({
      ...(fixtures['refused-erasure-broken-chain'] as EvidencePackInput),
      ctx: systemsCtx,
      run: { ...partialSearchRun, results: partialSearchRun.results.slice(1) },
    });
    expect(section(failed, heading)).toContain(`<p>No connected system was searched: ${systems}</p>`);
  });

  it('points to the searches recorded by hand on a request answered without a category search', () => {
    const refused = fixtures['refused-erasure-broken-chain'] as EvidencePackInput;
    const search = {
      id: 'x1',
      place: 'Paper files, Milton Keynes office',
      identity: 'their name',
      searchedOn: '2026-01-10',
      by: ana,
      automatic: false,
      found: false,
      note: '',
      recordedAt: '2026-01-10T10:00:00.000Z',
    };
    const html = renderEvidencePack({ ...refused, request: { ...refused.request, searches: [search, { ...search, id: 'x2' }] } });
    expect(section(html, heading)).not.toContain(none);
    expect(section(html, heading)).toContain('<p>2 searches were recorded: see “The searches made” below.</p>');
    expect(html).toContain('<h2>The searches made</h2>');
  });

  it('still says no search was recorded where none of any kind was', () => {
    for (const name of ['refused-erasure-broken-chain', 'withdrawn-objection']) {
      expect(section(renderEvidencePack(fixtures[name] as EvidencePackInput), heading)).toContain(`<p>${none}</p>`);
    }
  });
});

describe('evidence pack, the clock: a question that left it running is no pause', () => {
  it('lists no pause for a clarification of a request other than access, and says in the timeline that the clock ran', () => {
    const base = fixtures['received-automated-decision'] as EvidencePackInput;
    const asked = { at: '2026-06-02T09:00:00.000Z', status: 'awaiting-information' as const, actor: ana };
    const html = renderEvidencePack({
      ...base,
      request: {
        ...base.request,
        status: 'in-progress',
        history: [
          ...base.request.history,
          { ...asked, type: 'information-requested', message: 'Which decision?', purpose: 'clarification', clockRunning: true },
          {
            ...asked,
            at: '2026-06-09T09:00:00.000Z',
            status: 'in-progress',
            type: 'information-provided',
            actor: subjectActor,
            clockRunning: true,
          },
        ],
      },
    });
    expect(section(html, 'Pauses and extensions')).toContain('The clock was never paused or extended.');
    expect(section(html, 'Full timeline')).toContain('the clock keeps running: only an access request’s clarification stops it');
  });
});
