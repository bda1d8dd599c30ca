import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Adding a member of staff sends them an invitation through the outbox, read here in the SES
 * stand-in: who added them, their role, and the staff page. A change of role sends none; someone
 * removed and added again is invited again.
 */
const slug = 'it-mk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
const newcomer = `new.${Date.now()}@it-mk.example`;
let centre: TestCentre;
let boss: StaffClient;

beforeAll(async () => {
  centre = await startTestCentre();
  boss = await signedInStaff(centre, slug, 'info@it-mk.example');
}, 60_000);
afterAll(() => centre.stop());

const staffPage = () => `${centre.base}/t/${slug}/admin/`;
const invitations = () => emailsTo(centre.sesEndpoint, newcomer, 'added you as');

describe('inviting a member of staff', () => {
  it('emails the newcomer who added them, as what, and where to sign in; the link carries no token', async () => {
    const res = await boss.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'handler' });
    expect(res.status).toBe(200);
    await centre.settle();
    const mail = await waitForEmail(centre.sesEndpoint, newcomer, 'added you as');
    const text = mail.body.text ?? '';
    expect(mail.subject).toBe('You have been added as staff of the IT-MK privacy centre');
    expect(text).toContain('added you as a handler (you work requests) of the IT-MK privacy centre');
    const { name } = await (await boss.get(admin('/me'))).json();
    expect(text).toContain(`${name} added you as`);
    expect(text).toContain(staffPage());
    expect(text).not.toMatch(/verify#/);
    expect(text).toContain('authenticator app');
    // It went through the outbox, as every email does.
    const outbox = (await centre.scanAll()).filter(
      (i) => i.type === 'outbox' && (i.message as { template: string }).template === 'staff-invitation',
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.message).toMatchObject({ staffEmail: newcomer });
    expect(outbox[0]?.status).toBe('sent');
  });

  it('sends no second invitation for a change of role, and a new one after removal and re-adding', async () => {
    expect((await boss.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'viewer' })).status).toBe(
      200,
    );
    await centre.settle();
    expect(await invitations()).toHaveLength(1);
    expect((await boss.delete(admin(`/staff/${encodeURIComponent(newcomer)}`))).status).toBe(200);
    expect((await boss.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'admin' })).status).toBe(
      200,
    );
    await centre.settle();
    const again = await waitForEmail(centre.sesEndpoint, newcomer, 'added you as', 2);
    expect(again.body.text).toContain('added you as an admin');
  });
});
