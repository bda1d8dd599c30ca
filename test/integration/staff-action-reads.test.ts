import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeStaffAction } from '../../shared/admin/actions/take.ts';
import type { StaffContext } from '../../shared/admin/context.ts';
import { requestDetail } from '../../shared/admin/detail.ts';
import type { StaffAction } from '../../shared/admin-api.ts';
import type { Deps } from '../../shared/deps.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { isOpen } from '../../shared/requests/lifecycle.ts';
import { findStaff } from '../../shared/staff/directory.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { fileAfresh } from '../support/requests.ts';
import { signedIn } from '../support/sign-in.ts';

/**
 * A staff action loads its request and its subject once and passes them down: counted at the real
 * DynamoDB adapters (a wrapper that counts each call and hands it on), for the longest path there
 * is, carrying out an erasure.
 */
const slug = 'it-mk';
let centre: TestCentre;
let tenant: TenantConfig;
let ctx: StaffContext;

beforeAll(async () => {
  centre = await startTestCentre();
  tenant = centre.deps.tenants.get(slug) as TenantConfig;
  const member = await findStaff(centre.deps, tenant, 'sam.taylor@staff.example');
  if (!member) throw new Error('no handler in the test tenant');
  ctx = { tenant, member };
});
afterAll(() => centre.stop());

/** The real adapter, with every call counted by method name before it is handed on. */
function counting<T extends object>(store: T, calls: Map<string, number>, prefix: string): T {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const key = `${prefix}.${String(name)}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
}

async function file(email: string, request: Record<string, unknown>) {
  const { subjectId, id } = await fileAfresh(await signedIn(centre, slug, email), slug, request);
  return { subjectId, requestId: id };
}

describe('the erasure path', () => {
  it('reads the subject once and the request once, and still answers with the erased subject and the completed request', async () => {
    const { subjectId, requestId } = await file('rachel.hughes@example.co.uk', { kind: 'erasure', scope: 'everything' });
    const request = await centre.deps.requests.get(slug, subjectId, requestId);
    // Her other open request (demo data) is closed as superseded first, as staff decide on the page.
    const others = (await centre.deps.requests.listForSubject(slug, subjectId))
      .filter((r) => r.id !== requestId && isOpen(r.status))
      .map((r) => ({ requestId: r.id, decision: 'superseded' as const, reason: 'Superseded by her erasure' }));
    const calls = new Map<string, number>();
    const deps: Deps = {
      ...centre.deps,
      subjects: counting(centre.deps.subjects, calls, 'subjects'),
      requests: counting(centre.deps.requests, calls, 'requests'),
    };
    const detail = await takeStaffAction(deps, ctx, {
      subjectId,
      requestId,
      expectedVersion: request?.version ?? 0,
      action: { type: 'carry-out-erasure', others },
    });
    console.log('erasure path store calls:', Object.fromEntries(calls));
    expect(detail.request.status).toBe('completed');
    expect(detail.subject.erased).toBe(true);
    expect(detail.request.details.note ?? '').not.toContain('Rachel');
    // What the response shows is what is stored.
    const stored = await centre.deps.requests.get(slug, subjectId, requestId);
    expect(detail.request.version).toBe(stored?.version);
    expect(calls.get('subjects.get')).toBe(1);
    expect(calls.get('requests.get')).toBe(1);
    // And the answer, built from what the action saved, is what a fresh read shows.
    expect(detail).toEqual(await requestDetail(centre.deps, ctx, { subjectId, requestId, audit: false }));
  });
});

describe('every action', () => {
  it('answers with the request and subject as stored, read once each', async () => {
    const restriction = await file('alex.morgan@example.com', { kind: 'restriction', scope: 'everything', reason: 'accuracy' });
    const access = await file('alex.morgan@example.com', { kind: 'access', scope: 'everything' });
    const portability = await file('alex.morgan@example.com', { kind: 'portability', scope: 'everything' });
    const objection = await file('alex.morgan@example.com', {
      kind: 'objection',
      processing: 'marketing-preferences',
      reason: 'Not for mailings',
    });
    const steps: [typeof access, StaffAction][] = [
      [access, { type: 'assign', assignee: 'sam.taylor@staff.example' }],
      [access, { type: 'verify-identity', method: 'email-link', note: 'Signed in with the address we hold' }],
      [access, { type: 'start' }],
      [access, { type: 'ask-information', message: 'Which offices?' }],
      [access, { type: 'note', text: 'Asked by phone too' }],
      [access, { type: 'assign', assignee: null }],
      [restriction, { type: 'apply-restriction' }],
      [restriction, { type: 'notify-restriction-lift', reason: 'We have checked your details.' }],
      [restriction, { type: 'lift-restriction' }],
      [objection, { type: 'uphold-objection', message: 'We have stopped.' }],
      [portability, { type: 'extend', months: 1, reason: 'Five systems.' }],
      [portability, { type: 'complete', message: 'Here it is.', withheld: 'Nothing' }],
      [access, { type: 'refuse', grounds: 'manifestly-excessive', reason: 'The fifth this month.' }],
    ];
    for (const [r, action] of steps) {
      const before = await centre.deps.requests.get(slug, r.subjectId, r.requestId);
      const calls = new Map<string, number>();
      const deps: Deps = {
        ...centre.deps,
        subjects: counting(centre.deps.subjects, calls, 'subjects'),
        requests: counting(centre.deps.requests, calls, 'requests'),
      };
      const input = { ...r, expectedVersion: before?.version ?? 0, action };
      const detail = await takeStaffAction(deps, ctx, input);
      expect([action.type, calls.get('subjects.get'), calls.get('requests.get')]).toEqual([action.type, 1, 1]);
      const fresh = await requestDetail(centre.deps, ctx, { ...r, audit: false });
      expect({ action: action.type, detail }).toEqual({ action: action.type, detail: fresh });
    }
  });
});
