import { describe, expect, it } from 'vitest';
import { buildMyData } from './my-data.ts';
import type { TenantConfig } from './policy/schema.ts';

const config = {
  slug: 'acme',
  categories: [
    {
      id: 'identity',
      name: 'Identity',
      description: 'Who you are',
      fields: [
        { id: 'firstName', label: 'First name', kind: 'text', editable: true },
        { id: 'lastName', label: 'Last name', kind: 'text', editable: true },
        { id: 'email', label: 'Email', kind: 'email', editable: true },
      ],
      purpose: 'To serve you',
      lawfulBasis: 'contract',
      lawfulBasisDetail: 'Our contract',
      source: 'You',
      recipients: ['Us'],
      retention: { summary: '7 years after', rule: { kind: 'after-relationship', months: 84 } },
      providedBySubject: true,
    },
    {
      id: 'call-recordings',
      name: 'Calls',
      description: 'Recorded calls',
      fields: [{ id: 'ref', label: 'Reference', kind: 'text', editable: false }],
      purpose: 'Training',
      lawfulBasis: 'legitimate-interests',
      lawfulBasisDetail: 'Service quality',
      source: 'Our phone system',
      recipients: ['Phone provider'],
      retention: { summary: '3 months', rule: { kind: 'after-record', months: 3 } },
      providedBySubject: false,
      said: { lawfulBasis: { by: 'operator', why: 'The policy names no basis for recordings.' } },
    },
    {
      id: 'payments',
      name: 'Payments',
      description: 'Cards',
      fields: [{ id: 'card', label: 'Card', kind: 'masked', editable: false }],
      purpose: 'Billing',
      lawfulBasis: 'contract',
      lawfulBasisDetail: 'Our contract',
      source: 'You',
      recipients: ['PSP'],
      retention: { summary: '6 years', rule: { kind: 'after-record', months: 72 } },
      providedBySubject: true,
      said: { retention: { by: 'centre-default', why: 'Six years for financial records.' } },
    },
  ],
  transfers: 'None: everything stays in the UK.',
} as unknown as TenantConfig;

const subject = {
  id: 's1',
  tenant: 'acme',
  email: 'a@example.com',
  relationship: { startedOn: '2024-01-01' },
  createdAt: '',
  version: 0,
};

describe('buildMyData', () => {
  const data = buildMyData(
    config,
    subject,
    [
      {
        id: 'r1',
        category: 'identity',
        recordedOn: '2024-01-01',
        data: { firstName: 'Alex', lastName: 'Morgan', email: 'a@example.com' },
      },
      { id: 'r2', category: 'call-recordings', recordedOn: '2026-06-01', data: { ref: 'C-1' } },
      { id: 'r3', category: 'call-recordings', recordedOn: '2026-10-01', data: { ref: 'C-2' } },
    ],
    '2026-11-22',
  );

  it('groups records by the policy categories, in policy order, with the Art. 15 facts', () => {
    expect(data.categories.map((c) => [c.id, c.records.length])).toEqual([
      ['identity', 1],
      ['call-recordings', 2],
      ['payments', 0],
    ]);
    const calls = data.categories[1];
    expect(calls?.lawfulBasis).toEqual({
      code: 'legitimate-interests',
      label: 'Legitimate interests',
      detail: 'Service quality',
      said: 'Set by the operator of this centre: the policy does not say.',
    });
    expect(calls?.recipients).toEqual(['Phone provider']);
  });

  it('says whose words a basis or a period is where they are not the policy’s, and shows the transfer statement', () => {
    const [identity, calls, payments] = data.categories;
    expect(identity?.lawfulBasis.said).toBe('');
    expect(identity?.retention.said).toBe('');
    expect(calls?.retention.said).toBe('');
    expect(payments?.retention.said).toBe('The centre’s default: the policy does not say.');
    expect(payments?.lawfulBasis.said).toBe('');
    expect(data.transfers).toBe('None: everything stays in the UK.');
  });

  it('dates each record and flags the overdue ones, newest first', () => {
    const calls = data.categories[1];
    expect(calls?.records.map((r) => [r.id, r.deleteOn, r.overdue])).toEqual([
      ['r3', '2027-01-01', false],
      ['r2', '2026-09-01', true],
    ]);
    expect(calls?.retention.nextDeletionOn).toBe('2026-09-01');
  });

  it('explains why an ongoing relationship has no deletion date yet', () => {
    const identity = data.categories[0];
    expect(identity?.retention.nextDeletionOn).toBeNull();
    expect(identity?.retention.note).toMatch(/relationship/);
  });

  it('names the subject from the identity record', () => {
    expect(data.subject).toEqual({ id: 's1', email: 'a@example.com', name: 'Alex Morgan' });
  });
});
