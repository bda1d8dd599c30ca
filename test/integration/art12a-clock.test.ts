import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { fileFollowed, staffView } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/** UK GDPR Art. 12A through the real API, DynamoDB Local and the SES stand-in. */
const email = 'james.patel@example.com';
const clock = testClock(new Date('2026-03-10T10:00:00Z')); // Tuesday 10 March 2026
let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre({ clock });
});
afterAll(() => centre.stop());

async function people(slug: string): Promise<{ subject: Awaited<ReturnType<typeof signedIn>>; handler: StaffClient }> {
  return { subject: await signedIn(centre, slug, email), handler: await signedInStaff(centre, slug, 'sam.taylor@staff.example') };
}

describe('identity information restarts the month (Art. 12A); a clarification only pauses it', () => {
  it('filed 10 March, identity asked, sent 24 March: due 24 April; page and emails say why', async () => {
    const slug = 'it-mk';
    let { subject, handler } = await people(slug);
    const { id, reference, path } = await fileFollowed(subject, handler, slug, { kind: 'access', scope: 'everything' });
    // Read with whichever handler session is current (they sign in again as the days pass).
    const detail = () => staffView(handler, path).detail();

    const before = await detail();
    expect(before.request.dueOn).toBe('2026-04-10');
    const asked = await handler.post(`${path}/actions`, {
      expectedVersion: before.request.version,
      action: { type: 'ask-information', purpose: 'identity', message: 'Please send a photo of your driving licence.' },
    });
    expect(asked.status).toBe(200);
    const askEmail = await waitForEmail(centre.sesEndpoint, email, [reference, 'Please send a photo of your driving licence.']);
    expect(askEmail.subject).toBe(`We need to confirm your identity for ${reference}`);
    expect(askEmail.body.text).toContain('starts again on the day we receive it (UK GDPR Article 12A)');

    clock.advance(14 * 86400); // Tuesday 24 March
    ({ subject, handler } = await people(slug));
    const waiting = await (await subject.get(`/api/t/${slug}/me/requests/${id}`)).json();
    expect(waiting.questionPurpose).toBe('identity');
    expect(waiting.clockNote).toContain('If it arrived today, the date would be 24 April 2026');

    const answered = await subject.post(`/api/t/${slug}/me/requests/${id}/answer`, { message: 'Photo attached by post.' });
    expect(answered.status).toBe(200);
    const after = await detail();
    expect(after.request.dueOn).toBe('2026-04-24');
    expect(after.request.firstDeadline).toBe('2026-04-24');
    expect(after.request.clockNote).toContain(
      'from 24 March 2026, the day the requester answered the identity question on their page',
    );
    // The history does not call a typed answer the information itself ("Photo attached by post.").
    expect(after.request.history.find((h) => h.type === 'information-provided')).toMatchObject({
      text: 'The requester answered the identity question (the month counts from that day until an arrival is recorded)',
    });
    const view = await (await subject.get(`/api/t/${slug}/me/requests/${id}`)).json();
    expect(view.dueOn).toBe('2026-04-24');
    expect(view.clockNote).toMatch(
      /^Due 24 April 2026: one calendar month from 24 March 2026, the day you answered our question about your identity\..*Article 12A/,
    );
    // This centre's own email (its address is in the link): other files' centres send the same person mail.
    const thanks = await waitForEmail(centre.sesEndpoint, email, [reference, 'Due 24 April 2026', centre.base]);
    // Their own answer may only say the proof is on its way: thanked for, not taken for the proof.
    expect(thanks.subject).toBe(`Thank you for your answer about ${reference}`);
    expect(thanks.body.text).toContain('the time limit counts from the day it reaches us');

    // A clarification after it only pauses: three days later, three days more.
    const asked2 = await handler.post(`${path}/actions`, {
      expectedVersion: after.request.version,
      action: { type: 'ask-information', purpose: 'clarification', message: 'Which of your two accounts?' },
    });
    expect(asked2.status).toBe(200);
    const clarifyEmail = await waitForEmail(centre.sesEndpoint, email, [reference, 'Which of your two accounts?']);
    expect(clarifyEmail.body.text).toContain('The time limit is paused until you answer.');
    clock.advance(3 * 86400);
    ({ subject, handler } = await people(slug));
    expect((await subject.post(`/api/t/${slug}/me/requests/${id}/answer`, { message: 'The work one.' })).status).toBe(200);
    const last = await detail();
    expect(last.request.dueOn).toBe('2026-04-27');
    expect(last.request.clockNote).toContain('plus 3 days the clock stood still waiting for a clarification');
  });

  it('a clarification of a request other than access leaves the month running; staff, page and email say so', async () => {
    const slug = 'it-mk';
    let { subject, handler } = await people(slug);
    const { id, reference, path } = await fileFollowed(subject, handler, slug, { kind: 'erasure', scope: 'everything' });
    const detail = () => staffView(handler, path).detail();
    const before = await detail();
    const due = before.request.dueOn;
    const asked = await handler.post(`${path}/actions`, {
      expectedVersion: before.request.version,
      action: { type: 'ask-information', purpose: 'clarification', message: 'Your old work address too?' },
    });
    expect(asked.status).toBe(200);
    const dueWords = new Date(`${due}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    const mail = await waitForEmail(centre.sesEndpoint, email, [reference, 'Your old work address too?']);
    expect(mail.body.text).toContain(
      `The time limit keeps running while we wait for your answer: we will respond by ${dueWords} at the latest.`,
    );
    expect(mail.body.text).not.toContain('paused');

    clock.advance(5 * 86400);
    ({ subject, handler } = await people(slug));
    const waiting = await detail();
    expect(waiting.request).toMatchObject({ status: 'awaiting-information', dueOn: due, paused: false });
    expect(waiting.request.history.at(-1)?.text).toMatch(/clock keeps running/);
    const view = await (await subject.get(`/api/t/${slug}/me/requests/${id}`)).json();
    expect(view).toMatchObject({ paused: false, dueOn: due, question: 'Your old work address too?' });
    expect(view.questionNote).toContain('keeps running');
    expect((await subject.post(`/api/t/${slug}/me/requests/${id}/answer`, { message: 'Yes, please.' })).status).toBe(200);
    const after = await detail();
    expect(after.request).toMatchObject({ status: 'received', dueOn: due });
    expect(after.request.clockNote).not.toContain('stood still');
  });
});
