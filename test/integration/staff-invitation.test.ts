import { describe, expect, it } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/**
 * Adding a member of staff sends them an invitation through the outbox, read here in the SES
 * stand-in: who added them, their role, and the staff page. A change of role sends none; someone
 * removed and added again is invited again.
 */
const slug = 'it-mk';
// The centre's admin, who may add staff.
const { s, admin } = useStaffCentre(slug, { staff: 'info@it-mk.example', timeout: 60_000 });
const newcomer = `new.${Date.now()}@it-mk.example`;
const staffPage = () => `${s.centre.base}/t/${slug}/admin/`;
const invitations = () => emailsTo(s.centre.sesEndpoint, newcomer, 'added you as');

describe('inviting a member of staff', () => {
  it('emails the newcomer who added them, as what, and where to sign in; the link carries no token', async () => {
    const res = await s.handler.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'handler' });
    expect(res.status).toBe(200);
    await s.centre.settle();
    const mail = await waitForEmail(s.centre.sesEndpoint, newcomer, 'added you as');
    const text = mail.body.text ?? '';
    expect(mail.subject).toBe('You have been added as staff of the IT-MK privacy centre');
    expect(text).toContain('added you as a handler (you work requests) of the IT-MK privacy centre');
    const { name } = await (await s.handler.get(admin('/me'))).json();
    expect(text).toContain(`${name} added you as`);
    expect(text).toContain(staffPage());
    expect(text).not.toMatch(/verify#/);
    expect(text).toContain('authenticator app');
    // It went through the outbox, as every email does.
    const outbox = (await s.centre.scanAll()).filter(
      (i) => i.type === 'outbox' && (i.message as { template: string }).template === 'staff-invitation',
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.message).toMatchObject({ staffEmail: newcomer });
    expect(outbox[0]?.status).toBe('sent');
  });

  it('sends no second invitation for a change of role, and a new one after removal and re-adding', async () => {
    expect(
      (await s.handler.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'viewer' })).status,
    ).toBe(200);
    await s.centre.settle();
    expect(await invitations()).toHaveLength(1);
    expect((await s.handler.delete(admin(`/staff/${encodeURIComponent(newcomer)}`))).status).toBe(200);
    expect(
      (await s.handler.put(admin(`/staff/${encodeURIComponent(newcomer)}`), { name: 'Nia New', role: 'admin' })).status,
    ).toBe(200);
    await s.centre.settle();
    const again = await waitForEmail(s.centre.sesEndpoint, newcomer, 'added you as', 2);
    expect(again.body.text).toContain('added you as an admin');
  });
});
