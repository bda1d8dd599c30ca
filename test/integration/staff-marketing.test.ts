import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseSubject } from '../../shared/fulfilment/erase.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * A person's marketing choices on their staff page, and a choice they gave by phone recorded by a
 * handler: on the consent ledger with its source, audited, and what the person sees on their own
 * page. Inflection Point markets by consent (off until chosen).
 */
const slug = 'inflection-point';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
let centre: TestCentre;
let person: Awaited<ReturnType<typeof signedIn>>;
let subjectId: string;
let handler: StaffClient;
let viewer: StaffClient;

type Cell = { channel: string; topic: string; granted: boolean; since: string | null; topicName: string };
type View = { cells: Cell[]; stoppedAllAt: string | null; history: Record<string, unknown>[] };

beforeAll(async () => {
  centre = await startTestCentre();
  person = await signedIn(centre, slug, 'alex.morgan@example.com');
  subjectId = (await (await person.get(`/api/t/${slug}/me`)).json()).subject.id;
  // The person's own choice on their page first: newsletters by email on.
  const own = await person.put(`/api/t/${slug}/me/marketing`, {
    changes: [{ channel: 'email', topic: 'newsletters', granted: true }],
  });
  expect(own.status).toBe(200);
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  viewer = await signedInStaff(centre, slug, 'helpdesk@inflection-point.example');
}, 60_000);
afterAll(() => centre.stop());

const cell = (view: View, channel: string, topic: string) => view.cells.find((c) => c.channel === channel && c.topic === topic);

describe("a person's marketing choices, for staff", () => {
  it('shows every channel and topic now, and the consent history newest first; reading it is audited', async () => {
    const res = await handler.get(admin(`/subjects/${subjectId}/marketing`));
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    expect(cell(view, 'email', 'newsletters')).toMatchObject({ granted: true, since: expect.any(String) });
    expect(cell(view, 'phone', 'offers')).toMatchObject({ granted: false, since: null, topicName: expect.any(String) });
    expect(view.history).toContainEqual(
      expect.objectContaining({ channel: 'email', topic: 'newsletters', granted: true, source: 'portal' }),
    );
    const times = view.history.map((h) => h.at as string);
    expect(times).toEqual([...times].sort().reverse());
    const reads = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.viewed_marketing');
    expect(reads.at(-1)).toMatchObject({ subjectId, actor: { type: 'staff', id: 'sam.taylor@staff.example' } });
    // One read, one audit event.
    await handler.get(admin(`/subjects/${subjectId}/marketing`));
    const again = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.viewed_marketing');
    expect(again.length - reads.length).toBe(1);
  });

  it('records a choice given by phone: on the ledger with its source, audited, and on the person’s own page', async () => {
    const res = await handler.post(admin(`/subjects/${subjectId}/marketing`), {
      channel: 'email',
      topic: 'newsletters',
      granted: false,
      receivedVia: 'phone',
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    expect(cell(view, 'email', 'newsletters')?.granted).toBe(false);
    expect(view.history.find((h) => h.source === 'staff')).toMatchObject({
      channel: 'email',
      topic: 'newsletters',
      granted: false,
      source: 'staff',
      receivedVia: 'phone',
      by: 'sam.taylor@staff.example',
    });
    const items = await centre.scanAll();
    const ledger = items.filter((i) => i.type === 'consent' && i.subjectId === subjectId && i.receivedVia === 'phone');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ source: 'staff', actorId: 'sam.taylor@staff.example', granted: false });
    const audit = items.filter((i) => i.type === 'audit' && i.action === 'marketing.withdrawn' && i.subjectId === subjectId);
    expect(audit.at(-1)).toMatchObject({
      actor: { type: 'staff', id: 'sam.taylor@staff.example' },
      detail: { channel: 'email', topic: 'newsletters', source: 'staff', receivedVia: 'phone' },
    });
    // The person sees it on their own page.
    const mine = await (await person.get(`/api/t/${slug}/me/marketing`)).json();
    expect(JSON.stringify(mine)).toContain('staff');

    // The same choice again writes nothing new.
    await handler.post(admin(`/subjects/${subjectId}/marketing`), {
      channel: 'email',
      topic: 'newsletters',
      granted: false,
      receivedVia: 'letter',
    });
    const again = (await centre.scanAll()).filter(
      (i) => i.type === 'consent' && i.subjectId === subjectId && i.source === 'staff',
    );
    expect(again).toHaveLength(1);
  });

  it('stops one channel for every topic, one topic by every channel, or everything, each cell on the ledger with its source', async () => {
    const priya = (await centre.deps.subjects.findIdByEmail(slug, 'priya.shah@example.co.uk')) as string;
    const record = (channel: string, topic: string, granted: boolean, receivedVia: string) =>
      handler.post(admin(`/subjects/${priya}/marketing`), { channel, topic, granted, receivedVia });
    const ledger = async () =>
      (await centre.scanAll()).filter((i) => i.type === 'consent' && i.subjectId === priya && i.source === 'staff');
    // Priya opted in to every topic by email on her page (the demo history); "no more emails" by phone:
    const noEmail = (await (await record('email', '*', false, 'phone')).json()) as View;
    const topics = ['newsletters', 'offers', 'research'];
    for (const topic of topics) expect(cell(noEmail, 'email', topic)).toMatchObject({ granted: false });
    expect((await ledger()).filter((e) => e.channel === 'email' && e.receivedVia === 'phone')).toHaveLength(3);
    // "No more research, however you contact me", by letter: every channel of that one topic.
    const noResearch = (await (await record('*', 'research', false, 'letter')).json()) as View;
    for (const channel of ['email', 'phone', 'sms']) expect(cell(noResearch, channel, 'research')?.granted).toBe(false);
    expect(cell(noResearch, 'sms', 'research')?.since).not.toBeNull();
    expect((await ledger()).filter((e) => e.topic === 'research' && e.receivedVia === 'letter')).toHaveLength(2); // email was already off
    expect(noResearch.stoppedAllAt).toBeNull();
    // "Never contact me again", by email: stop all, with its source, and the suppression list.
    const stopped = (await (await record('*', '*', false, 'email')).json()) as View;
    expect(stopped.stoppedAllAt).not.toBeNull();
    expect((await ledger()).at(-1)).toMatchObject({ channel: '*', topic: '*', granted: false, receivedVia: 'email' });
    const audit = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'marketing.stopped_all');
    expect(audit.at(-1)).toMatchObject({
      subjectId: priya,
      actor: { type: 'staff', id: 'sam.taylor@staff.example' },
      detail: { source: 'staff', receivedVia: 'email' },
    });
    // A "yes" to everything at once is not something staff record.
    expect((await record('*', '*', true, 'phone')).status).toBe(400);
  });

  it('refuses what the centre does not offer, a missing source, a viewer, and an unknown person', async () => {
    const bad = await handler.post(admin(`/subjects/${subjectId}/marketing`), {
      channel: 'fax',
      topic: 'offers',
      granted: true,
      receivedVia: 'phone',
    });
    expect(bad.status).toBe(400);
    const noSource = await handler.post(admin(`/subjects/${subjectId}/marketing`), {
      channel: 'email',
      topic: 'offers',
      granted: true,
    });
    expect(noSource.status).toBe(400);
    const refused = await viewer.post(admin(`/subjects/${subjectId}/marketing`), {
      channel: 'email',
      topic: 'offers',
      granted: true,
      receivedVia: 'phone',
    });
    expect(refused.status).toBe(403);
    expect((await handler.get(admin('/subjects/nobody/marketing'))).status).toBe(404);
  });
});

describe('an erased person, for staff', () => {
  it('shows nothing sent to them, not the default a member would have (the ledger went with the erasure)', async () => {
    // IT-MK markets to its members under legitimate interests: on by default until they say no.
    const itmk = await signedInStaff(centre, 'it-mk', 'sam.taylor@staff.example');
    const rachel = (await centre.deps.subjects.findIdByEmail('it-mk', 'rachel.hughes@example.co.uk')) as string;
    const path = `/api/t/it-mk/admin/subjects/${rachel}/marketing`;
    const before = (await (await itmk.get(path)).json()) as View;
    expect(before.cells.some((c) => c.granted && c.since === null)).toBe(true);
    // Erased, with her payments kept (so her record stays, without her address).
    const tenant = centre.deps.tenants.get('it-mk')!;
    await eraseSubject(centre.deps, { tenant, subjectId: rachel, categories: '*', actor: { type: 'system' } });
    const erasedAt = (await centre.deps.subjects.get('it-mk', rachel))?.erasedAt;
    expect(erasedAt).toBeTruthy();
    const after = (await (await itmk.get(path)).json()) as View;
    expect(after.cells.length).toBe(before.cells.length);
    expect(after.cells.every((c) => !c.granted && c.since === erasedAt)).toBe(true);
  });
});
