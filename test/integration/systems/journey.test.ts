import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/admin-api.ts';
import type { StaffExportList, SubjectExportList } from '../../../shared/exports/export-api.ts';
import { signedIn } from '../../support/sign-in.ts';
import { bearer } from '../../support/systems.ts';
import { useSystemsCentre } from '../../support/systems-centre.ts';

/**
 * The done-when journey of the connected systems: Alex Morgan asks for their data, staff answer
 * with an export holding what Microsoft 365, HaloPSA and a manual system hold; Alex asks for
 * erasure, and afterwards the Graph and HaloPSA stand-ins' own APIs no longer know them, while the
 * letter and the evidence pack say exactly what was done where. Real connectors, real stand-ins,
 * DynamoDB Local; the tenant is the demo's inflection-point as `npm start` runs it, whose phone
 * system's call recordings are a manual system.
 */
const slug = 'inflection-point';
const email = 'alex.morgan@example.com';
const { s, path, detail, act } = useSystemsCentre(slug);
const state = (d: RequestDetail, id: string) => d.systems?.results.find((s) => s.systemId === id)?.state;

/** What the stand-ins hold about Alex, asked through their own APIs as an admin would. */
async function lookInStandIns() {
  const graph = (await s.standIns.credentials.get(slug, 'm365')) as Record<string, string>;
  const graphAuth = await bearer(graph.tokenUrl!, graph.clientId!, graph.clientSecret!);
  const users = await (
    await fetch(`${graph.graphUrl}/users?$filter=${encodeURIComponent(`mail eq '${email}'`)}`, { headers: graphAuth })
  ).json();
  const halo = (await s.standIns.credentials.get(slug, 'halo')) as Record<string, string>;
  const haloAuth = await bearer(halo.authUrl!, halo.clientId!, halo.clientSecret!);
  const found = await (await fetch(`${halo.baseUrl}/Users?search=${encodeURIComponent(email)}`, { headers: haloAuth })).json();
  return { graphUsers: users.value as unknown[], haloUsers: (found.users ?? found) as { emailaddress?: string }[] };
}

/** A CSV of the export as rows keyed by its header (RFC 4180 quoting, CRLF). */
function csvRows(text: string): Record<string, string>[] {
  const cells = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  const rows: string[][] = [[]];
  for (const [whole, value = '', end] of text.replace(/^\uFEFF/, '').matchAll(cells)) {
    if (whole === '') break;
    rows.at(-1)?.push(value.startsWith('"') ? value.slice(1, -1).replaceAll('""', '"') : value);
    if (end === '\r\n') rows.push([]);
  }
  const [head = [], ...rest] = rows.filter((r) => r.length > 0);
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('Alex Morgan’s access and erasure across the connected systems', () => {
  it('the export holds Microsoft 365, HaloPSA and the manual system; after erasure Alex is gone from Graph and HaloPSA and the letter and evidence tell the truth', async () => {
    const subject = await signedIn(s.centre, slug, email);
    const subjectId = (await (await subject.get(`/api/t/${slug}/me`)).json()).subject.id as string;
    const fileRequest = async (kind: string) => {
      const res = await subject.post(`/api/t/${slug}/me/requests`, {
        idempotencyKey: randomUUID(),
        request: { kind, scope: 'everything' },
      });
      expect(res.status).toBe(201);
      return { subjectId, id: (await res.json()).id as string };
    };
    const before = await lookInStandIns();
    expect(before.graphUsers).toHaveLength(1);
    expect(before.haloUsers.filter((u) => u.emailaddress === email)).toHaveLength(1);

    // Access: started, searched in the background, the manual system recorded by hand.
    const access = await fileRequest('access');
    await act(access, { type: 'start' });
    await s.centre.settleSystems();
    let d = await detail(access);
    expect([state(d, 'm365'), state(d, 'halo'), state(d, 'call-recordings')]).toEqual(['found', 'found', 'waiting-for-handler']);
    d = await act(access, {
      type: 'resolve-system',
      systemId: 'call-recordings',
      reason: 'done-by-hand',
      note: 'Two calls from Alex found in the phone system; sent to them by secure link.',
    });
    expect(d.actions).toContain('complete');

    const started = await s.handler.post(`${path(access)}/exports`);
    expect(started.status).toBe(202);
    await s.centre.buildExports();
    const list = (await (await s.handler.get(`${path(access)}/exports`)).json()) as StaffExportList;
    expect(list.exports[0]?.status).toBe('ready');
    const mine = (await (await subject.get(`/api/t/${slug}/me/requests/${access.id}/exports`)).json()) as SubjectExportList;
    const zip = await subject.get(mine.exports.find((e) => e.status === 'ready')?.downloadUrl as string);
    const files = Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(await zip.arrayBuffer()))).map(([n, c]) => [n, strFromU8(c)]),
    );
    const data = JSON.parse(files['data.json'] as string);
    expect(data.systems.map((s: { id: string; result: string }) => [s.id, s.result])).toEqual([
      ['m365', 'found'],
      ['halo', 'found'],
      ['mailchimp', 'found'],
      ['call-recordings', 'resolved'],
    ]);
    const records = data.categories.flatMap((c: { id: string; records: { source?: { system: string } }[] }) =>
      c.records.map((r) => [c.id, r.source?.system ?? 'centre']),
    );
    expect(records).toContainEqual(['identity', 'm365']);
    expect(records).toContainEqual(['identity', 'halo']);
    expect(records).toContainEqual(['support-tickets', 'halo']);
    expect(records).toContainEqual(['identity', 'centre']);
    // The handler's resolution: its outcome and when, never their note.
    expect(data.systems[3]).toMatchObject({
      result: 'resolved',
      resolution: { reason: 'done-by-hand', description: 'searched by hand by our staff' },
      inThisExport: false,
    });
    expect(files['data.json']).not.toContain('Two calls from Alex');
    expect(files['data.json']).not.toContain('secure link');
    expect(files['identity.csv']).toMatch(/Held in/);
    expect(files['identity.csv']).toContain('Microsoft 365 (Harbourside Dental Practice Ltd)');
    // "Title" is the honorific in every row; HaloPSA's job title has a column of its own.
    const identity = csvRows(files['identity.csv'] as string);
    expect(identity.find((r) => r['Held in'] === '')?.Title).toBe('Mx');
    const haloRow = identity.find((r) => r['Held in'] === 'HaloPSA');
    expect(haloRow?.Title).toBe('');
    expect(haloRow?.['Job title']).toBe('Practice Office Manager');
    const summary = files['summary.html'] as string;
    expect(summary).toContain('Every one of these systems was searched.');
    // The recordings staff found by hand are not in the file, and the cover note says so (the count
    // is in the handler's note only, which stays out of it).
    expect(summary).toContain(
      `Everything we found about you is in this export, except what we hold in: Call recordings (hosted phone system) (found by our staff by hand; how to get it: ask us at ${s.centre.deps.tenants.get(slug)?.contact.email}, quoting your reference ${d.request.reference}).`,
    );
    expect(summary).not.toContain('Everything we found about you is in this export.');
    expect(summary).not.toContain('Two calls from Alex');
    expect(summary).toMatch(
      /Microsoft 365 \(Harbourside Dental Practice Ltd\)<\/td><td>Harbourside Dental Practice Ltd<\/td><td>Searched on [^<]+: found \d+ records?/,
    );
    expect(summary).toMatch(/HaloPSA<\/td><td>Inflection Point<\/td><td>Searched on [^<]+: found \d+ records/);
    expect(summary).toContain('Searched by hand by our staff on');
    await act(access, { type: 'complete', message: 'Your data is ready to download.' });

    // The request's record of its searches: each system, when, automatically or by whom, what was found.
    const answered = await (await s.handler.get(`${path(access)}/evidence`)).text();
    const made = answered.slice(answered.indexOf('<h2>The searches made'), answered.indexOf('<h2>Connected systems searched'));
    const row = (id: string) => made.match(new RegExp(`\\(${id}\\)</span></td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>`));
    expect(row('m365')?.slice(1)).toEqual([
      email,
      'automatically',
      expect.stringMatching(/^Found \d+: Your name and contact details \(1\)/),
    ]);
    expect(row('halo')?.slice(2)).toEqual(['automatically', expect.stringMatching(/^Found \d+: .*Support requests \(\d+\)/)]);
    expect(row('mailchimp')?.[2]).toBe('automatically');
    expect(row('call-recordings')?.slice(2)).toEqual([
      'Sam Taylor',
      'Found: Two calls from Alex found in the phone system; sent to them by secure link.',
    ]);

    // "Your data" names the systems, from that search.
    const me = await (await subject.get(`/api/t/${slug}/me`)).json();
    expect(me.systems.systems.map((s: { name: string }) => s.name)).toEqual([
      'Microsoft 365 (Harbourside Dental Practice Ltd)',
      'HaloPSA',
      'Mailchimp (newsletters)',
      'Call recordings (hosted phone system)',
    ]);

    // Erasure: searched on start, erased in each system, the manual one done by hand, then the centre's own.
    const erasure = await fileRequest('erasure');
    await act(erasure, { type: 'start' });
    await s.centre.settleSystems();
    await act(erasure, { type: 'erase-in-systems' });
    await s.centre.settleSystems();
    d = await detail(erasure);
    expect([state(d, 'm365'), state(d, 'halo'), state(d, 'call-recordings')]).toEqual(['done', 'done', 'waiting-for-handler']);
    await act(erasure, {
      type: 'resolve-system',
      systemId: 'call-recordings',
      reason: 'done-by-hand',
      note: 'Deleted both recordings in the phone system’s portal.',
    });
    // Alex's other open requests: a whole erasure closes them as superseded, with the reason.
    const others = (await detail(erasure)).subject.otherRequests
      .filter((o: { open: boolean }) => o.open)
      .map((o: { id: string }) => ({
        requestId: o.id,
        decision: 'superseded',
        reason: 'Alex asked for everything to be erased.',
      }));
    d = await act(erasure, { type: 'carry-out-erasure', others });
    expect(d.request.status).toBe('completed');

    const after = await lookInStandIns();
    expect(after.graphUsers).toEqual([]);
    expect(after.haloUsers.filter((u) => u.emailaddress === email)).toEqual([]);

    // The staff page does not date a relationship it no longer holds a record of.
    expect(((await (await s.handler.get(path(erasure))).json()) as RequestDetail).subject.relationship).toBeNull();
    const stored = await s.centre.deps.requests.get(slug, subjectId, erasure.id);
    const letter = stored?.history.find((h) => h.type === 'completed')?.message ?? '';
    const lines = letter.split('\n');
    expect(lines[0]).toBe("In this privacy centre's own records:");
    expect(lines).toContain('In the other systems where we hold data:');
    // Every record each system's search found is accounted for: the user and the memberships that ended with it.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Microsoft 365 \(Harbourside Dental Practice Ltd\): we erased 1 user account and [1-9]\d* group memberships?\.$/,
      ),
    );
    const halo = lines.find((l) => l.startsWith('HaloPSA: ')) ?? '';
    expect(halo).toMatch(/^HaloPSA: we anonymised 1 user account \(your name, first name, surname, email address, phone number/);
    expect(halo).toMatch(/we kept \d+ tickets? under our retention rule for Support requests, because: The ticket is the record/);
    expect(halo).toMatch(/[Ww]e kept [1-9]\d* ticket actions? under our retention rule for Support requests/);
    // What stays is said as it is: the ticket keeps the name it was logged under (the stand-in's tickets do).
    expect(halo).toContain('the ticket keeps what was written on it at the time, including the name it was logged under');
    expect(halo).not.toMatch(/no longer names you|\.;/);
    expect(halo).not.toMatch(/we erased/);
    expect(lines).toContain(
      'Call recordings (hosted phone system): the centre cannot act in this system by itself, so our staff dealt with it by hand on ' +
        `${lines.find((l) => l.startsWith('Call recordings'))?.match(/by hand on ([^.]+)\./)?.[1]}. They recorded: “Deleted both recordings in the phone system’s portal.”`,
    );

    // The evidence pack: each system, by whom, with which identity kind, found and done; never the address.
    const evidence = await (await s.handler.get(`${path(erasure)}/evidence`)).text();
    const section = evidence.slice(evidence.indexOf('<h2>Connected systems searched'), evidence.indexOf('<h2>Delivery'));
    expect(section).toContain('The erasure was asked for on');
    expect(section).toContain('by Sam Taylor');
    expect(section).toContain('their email address');
    expect(section).toContain('erased 1 user account');
    expect(section).toMatch(/anonymised 1 user account \(name, first name, surname, email address, phone number/);
    // The erasure's own record keeps the handler's note: its letter, the answer kept as sent, quotes it.
    expect(section).toContain(
      'Resolved by Sam Taylor: done by hand by our staff. “Deleted both recordings in the phone system’s portal.”',
    );
    expect(section).not.toContain(email);
    // The access request's record survives the erasure, counted but without what the systems held.
    const accessEvidence = await (await s.handler.get(`${path(access)}/evidence`)).text();
    // The access request's handler note went with the erasure, as everything staff wrote about Alex did.
    expect(accessEvidence).not.toContain('Two calls from Alex');
    expect(accessEvidence).toContain('“[removed on erasure]”');
    expect(accessEvidence).toMatch(/\(m365\)<\/span><\/td><td>\[removed[^<]*<\/td><td>automatically<\/td><td>Found \d+/);
    expect(accessEvidence).toMatch(
      /Found<\/th>.*Microsoft 365 \(Harbourside Dental Practice Ltd\).*\d+ records?: Your name and contact details/s,
    );
    // Nothing the systems held about Alex is left in the tenant's table items (other tenants know another Alex),
    // once the background work has settled: until the letter is sent, the outbox holds the address it goes to.
    await s.centre.settle();
    const left = JSON.stringify((await s.centre.scanAll()).filter((i) => String(i.pk).startsWith(`T#${slug}#`)));
    expect(left).not.toContain('Practice Office Manager');
    expect(left).not.toContain(email);
  });
});
