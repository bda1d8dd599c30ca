import { parseTenantConfig } from '../../../shared/policy/parse.ts';
import type { TenantConfig, TenantConfigInput } from '../../../shared/policy/schema.ts';

const field = (id: string, label: string) => ({ id, label });

function category(id: string, name: string, rule: object, extra: object = {}) {
  return {
    id,
    name,
    description: `${name} we hold.`,
    fields: [field('note', 'Note')],
    purpose: 'To run the service.',
    lawfulBasis: 'contract',
    lawfulBasisDetail: 'Our contract with you.',
    source: 'You.',
    recipients: ['Our staff'],
    retention: { summary: 'As the policy says.', rule },
    providedBySubject: false,
    ...extra,
  };
}

/**
 * A small, valid tenant policy for unit tests (parsed with the real schema): identity, marketing
 * choices, invoices kept through erasure for six years, contracts kept a year after the
 * relationship ends, support tickets erased outright.
 */
export function testTenant(overrides: Partial<TenantConfigInput> = {}): TenantConfig {
  return parseTenantConfig(
    {
      slug: 'acme',
      name: 'Acme IT',
      legalName: 'Acme IT Ltd',
      referencePrefix: 'ACM',
      policyVersion: '2026-01',
      contact: { email: 'privacy@acme.example' },
      nation: 'england-and-wales',
      deadline: { promise: 'Within a month.' },
      transfers: 'None.',
      categories: [
        category(
          'identity',
          'Your contact details',
          { kind: 'after-relationship', months: 12 },
          {
            fields: [
              field('firstName', 'First name'),
              field('lastName', 'Last name'),
              field('email', 'Email'),
              field('mobile', 'Mobile'),
            ],
          },
        ),
        category('marketing-preferences', 'Your marketing choices', { kind: 'until-withdrawn' }),
        category(
          'invoices',
          'Invoices',
          { kind: 'after-record', months: 72 },
          { keepOnErasure: 'HMRC requires us to keep invoices for six years.' },
        ),
        category(
          'contracts',
          'Contracts',
          { kind: 'after-relationship', months: 12 },
          { keepOnErasure: 'We may need them to defend a legal claim.' },
        ),
        category('tickets', 'Support tickets', { kind: 'after-record', months: 24 }),
      ],
      marketing: {
        channels: ['email', 'sms'],
        topics: [
          { id: 'news', name: 'News', description: 'What is new.' },
          { id: 'offers', name: 'Offers', description: 'Deals.' },
        ],
        lawfulBasis: 'consent',
        wording: 'Tick to hear from us.',
      },
      ...overrides,
    },
    'test tenant',
  );
}
