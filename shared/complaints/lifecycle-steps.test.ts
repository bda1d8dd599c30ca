import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { complaintFixture } from './fixtures.ts';
import {
  acknowledgementOverdue,
  applyComplaintInternal,
  applyComplaintStep,
  type ComplaintStep,
  complaintStepRefusal,
  isOpenComplaint,
} from './lifecycle.ts';
import type { Complaint } from './model.ts';

const staff = { type: 'staff', id: 'sam@x' } as const;
const context = (day: string) => ({ actor: staff, now: new Date(`${day}T10:00:00Z`) });

const complaint = (over: Partial<Complaint> = {}) =>
  complaintFixture('2026-07-01', {
    history: [{ at: '2026-07-01T12:00:00.000Z', type: 'received', status: 'received', actor: staff }],
    version: 3,
    ...over,
  });

/** The DomainError a call throws, so its code and fields can be checked. */
function refusalOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('which complaint steps are refused, and why', () => {
  it('only a closed complaint is no longer open', () => {
    expect(isOpenComplaint('closed')).toBe(false);
    for (const status of ['received', 'acknowledged', 'awaiting-information'] as const)
      expect(isOpenComplaint(status)).toBe(true);
  });

  it('an acknowledged complaint is not acknowledged twice, but may be asked about and assigned', () => {
    const acked = complaint({ status: 'acknowledged' });
    expect(complaintStepRefusal(acked, 'acknowledge')).toBe('This complaint has been acknowledged already.');
    expect(complaintStepRefusal(acked, 'ask-information')).toBeUndefined();
    expect(complaintStepRefusal(acked, 'provide-information')).toBe('No information was asked for on this complaint.');
    expect(complaintStepRefusal(acked, 'close')).toBeUndefined();
    expect(complaintStepRefusal(acked, 'assign')).toBeUndefined();
  });

  it('a complaint waiting for the person takes their answer, not a second question', () => {
    const waiting = complaint({ status: 'awaiting-information' });
    expect(complaintStepRefusal(waiting, 'provide-information')).toBeUndefined();
    expect(complaintStepRefusal(waiting, 'ask-information')).toBe('We are already waiting for the person to answer.');
  });

  it('a received complaint can be acknowledged', () => {
    expect(complaintStepRefusal(complaint(), 'acknowledge')).toBeUndefined();
  });

  it('a refused step is a conflict and changes nothing', () => {
    const acked = complaint({ status: 'acknowledged' });
    const error = refusalOf(() => applyComplaintStep(acked, { type: 'acknowledge' }, context('2026-07-02')));
    expect(error).toMatchObject({ code: 'conflict', message: 'This complaint has been acknowledged already.' });
    expect(acked).toMatchObject({ status: 'acknowledged', version: 3, history: [{ type: 'received' }] });
  });
});

describe('a step the person sees', () => {
  it('acknowledging records the day, the actor and the trimmed message in the history', () => {
    const c = complaint();
    const acked = applyComplaintStep(c, { type: 'acknowledge', message: '  We are on it. ' }, context('2026-07-02'));
    expect(acked.history).toEqual([
      c.history[0],
      { at: '2026-07-02T10:00:00.000Z', type: 'acknowledged', status: 'acknowledged', actor: staff, message: 'We are on it.' },
    ]);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedOn: '2026-07-02', version: 4 });
    expect(c.history).toHaveLength(1);
  });

  it('acknowledging with no words, or only spaces, stores no message', () => {
    for (const message of [undefined, '   ']) {
      const acked = applyComplaintStep(complaint(), { type: 'acknowledge', message }, context('2026-07-02'));
      expect(acked.history[1]).not.toHaveProperty('message');
    }
  });

  it('the person answering puts it back to acknowledged, keeping the day it was first acknowledged', () => {
    const asked = applyComplaintStep(complaint(), { type: 'ask-information', message: ' When? ' }, context('2026-07-02'));
    expect(asked.history[1]).toMatchObject({ type: 'information-requested', status: 'awaiting-information', message: 'When?' });
    const answered = applyComplaintStep(asked, { type: 'provide-information', message: ' On Monday ' }, context('2026-07-09'));
    expect(answered).toMatchObject({ status: 'acknowledged', acknowledgedOn: '2026-07-02', version: 5 });
    expect(answered.history[2]).toEqual({
      at: '2026-07-09T10:00:00.000Z',
      type: 'information-provided',
      status: 'acknowledged',
      actor: staff,
      message: 'On Monday',
    });
  });

  it('closing keeps an earlier acknowledgement and records the trimmed outcome', () => {
    const acked = complaint({ status: 'acknowledged', acknowledgedOn: '2026-07-02' });
    const closed = applyComplaintStep(acked, { type: 'close', outcome: ' Fixed. ' }, context('2026-07-20'));
    expect(closed).toMatchObject({ status: 'closed', acknowledgedOn: '2026-07-02', closedOn: '2026-07-20', outcome: 'Fixed.' });
    expect(closed.history[1]).toMatchObject({ type: 'closed', status: 'closed', message: 'Fixed.' });
  });

  it('closing an unacknowledged complaint acknowledges it on the same day', () => {
    const closed = applyComplaintStep(complaint(), { type: 'close', outcome: 'Fixed.' }, context('2026-07-20'));
    expect(closed.acknowledgedOn).toBe('2026-07-20');
    expect(acknowledgementOverdue(closed, '2026-09-01')).toBe(false);
  });

  it('a question, an answer or an outcome without words is refused, naming the field', () => {
    const cases = [
      [complaint(), { type: 'ask-information', message: ' ' }, 'message', 'Please give the question for the person.'],
      [
        complaint({ status: 'awaiting-information' }),
        { type: 'provide-information', message: '' },
        'message',
        'Please give your answer.',
      ],
      [
        complaint(),
        { type: 'close', outcome: '\n' },
        'outcome',
        'Please give the outcome, in plain words (the person is emailed it).',
      ],
    ] as const;
    for (const [c, step, field, message] of cases) {
      const error = refusalOf(() => applyComplaintStep(c, step, context('2026-07-02')));
      expect(error).toMatchObject({ code: 'bad_request', message });
      expect(error.details).toEqual({ fields: [{ field, message: message.slice(0, -1) }] });
    }
  });
});

describe('a step missing its words altogether', () => {
  it('is a bad request, not a crash, when a caller leaves the field out', () => {
    const step = { type: 'close' } as unknown as ComplaintStep;
    expect(refusalOf(() => applyComplaintStep(complaint(), step, context('2026-07-02')))).toMatchObject({ code: 'bad_request' });
  });
});

describe('a staff-only step', () => {
  it('assigning names the assignee by name, or by id when no name is known', () => {
    const named = applyComplaintInternal(
      complaint(),
      { type: 'assign', assignee: 'jo@x' },
      { ...context('2026-07-02'), assigneeName: 'Jo Bloggs' },
    );
    expect(named).toMatchObject({ assignee: 'jo@x', version: 4, status: 'received', history: complaint().history });
    expect(named.internal).toEqual([{ at: '2026-07-02T10:00:00.000Z', type: 'assigned', actor: staff, message: 'Jo Bloggs' }]);
    const byId = applyComplaintInternal(complaint(), { type: 'assign', assignee: 'jo@x' }, context('2026-07-02'));
    expect(byId.internal?.[0]?.message).toBe('jo@x');
  });

  it('unassigning removes the assignee and says no one', () => {
    const c = complaint({ assignee: 'jo@x', internal: [{ at: 'a', type: 'logged', actor: staff }] });
    const next = applyComplaintInternal(c, { type: 'assign', assignee: null }, context('2026-07-02'));
    expect(next).not.toHaveProperty('assignee');
    expect(next.internal).toEqual([
      c.internal?.[0],
      { at: '2026-07-02T10:00:00.000Z', type: 'assigned', actor: staff, message: 'No one' },
    ]);
    expect(c.assignee).toBe('jo@x');
  });

  it('a note and an enquiry are recorded trimmed, and refused without words', () => {
    const noted = applyComplaintInternal(complaint(), { type: 'note', text: ' Rang them. ' }, context('2026-07-02'));
    expect(noted.internal).toEqual([{ at: '2026-07-02T10:00:00.000Z', type: 'note', actor: staff, message: 'Rang them.' }]);
    const enquired = applyComplaintInternal(noted, { type: 'record-enquiry', text: ' Logs show it. ' }, context('2026-07-03'));
    expect(enquired.internal?.[1]).toMatchObject({ type: 'enquiry', message: 'Logs show it.' });
    expect(enquired.version).toBe(5);
    const note = refusalOf(() => applyComplaintInternal(complaint(), { type: 'note', text: ' ' }, context('2026-07-02')));
    expect(note).toMatchObject({ code: 'bad_request', message: 'Please give the note.' });
    const enquiry = refusalOf(() =>
      applyComplaintInternal(complaint(), { type: 'record-enquiry', text: '' }, context('2026-07-02')),
    );
    expect(enquiry).toMatchObject({ code: 'bad_request', message: 'Please give what you looked into and found.' });
    expect([note.details, enquiry.details]).toEqual([
      { fields: [{ field: 'text', message: 'Please give the note' }] },
      { fields: [{ field: 'text', message: 'Please give what you looked into and found' }] },
    ]);
  });

  it('a closed complaint cannot be reassigned (a conflict), only noted', () => {
    const closed = complaint({ status: 'closed' });
    const error = refusalOf(() => applyComplaintInternal(closed, { type: 'assign', assignee: 'jo@x' }, context('2026-07-02')));
    expect(error).toMatchObject({ code: 'conflict', message: 'This complaint is closed: it cannot change any more.' });
  });
});
