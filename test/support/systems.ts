import { memoryCredentials } from '../../functions/connectors/credentials.ts';
import type { CallEvent } from '../../functions/connectors/http-client.ts';
import { type ConnectorFactoryOptions, connectorFor } from '../../functions/connectors/index.ts';
import type { DemoPerson } from '../../functions/local/vendors/demo-people.ts';
import type { FieldStrategy, SystemDeclaration } from '../../shared/systems/declaration.ts';
import { Systems } from '../../shared/systems/declaration.ts';

const keep = { mode: 'keep', retention: 'support-tickets', reason: 'Support history of the client business.' } as const;

/**
 * A PSA as the connector tests declare it: the person's own record anonymised field by field, the
 * ticket history kept for the client business.
 */
function psa(id: string, name: string, kind: string, person: string, fields: Record<string, FieldStrategy>, kept: string[]) {
  return {
    id,
    name,
    kind,
    operatedBy: { by: 'msp' },
    may: ['find', 'read', 'erase', 'anonymise'],
    objects: [
      { object: person, category: 'identity', erasure: { mode: 'anonymise', fields } },
      ...kept.map((object) => ({ object, category: 'support-tickets', erasure: keep })),
    ],
  };
}

/** Declarations the connector tests run against (validated by the same schema as a policy). */
export const [graphSystem, autotaskSystem, haloSystem] = Systems.parse([
  {
    id: 'm365',
    name: 'Microsoft 365',
    kind: 'msgraph',
    operatedBy: { by: 'client', organisation: 'Harbourside Dental Practice Ltd' },
    may: ['find', 'read', 'erase'],
    objects: [
      { object: 'user', category: 'identity' },
      { object: 'group-membership', category: 'account' },
    ],
  },
  psa(
    'autotask',
    'Autotask PSA',
    'autotask',
    'contact',
    {
      firstName: { action: 'anonymise', value: 'Erased' },
      lastName: { action: 'anonymise', value: 'Contact {ref}' },
      emailAddress: { action: 'anonymise', value: 'erased-{ref}@invalid.example' },
      phone: { action: 'delete' },
      mobilePhone: { action: 'delete' },
    },
    ['ticket', 'ticket-note'],
  ),
  psa(
    'halo',
    'HaloPSA',
    'halopsa',
    'user',
    {
      name: { action: 'anonymise', value: 'Erased user {ref}' },
      firstname: { action: 'anonymise', value: 'Erased' },
      surname: { action: 'anonymise', value: 'User {ref}' },
      emailaddress: { action: 'anonymise', value: 'erased-{ref}@invalid.example' },
      phonenumber: { action: 'delete' },
    },
    ['ticket', 'action'],
  ),
]) as [SystemDeclaration, SystemDeclaration, SystemDeclaration];

/** A marketing tool: members kept archived by default; `mailchimpDeleting` deletes them for good. */
export const [mailchimpSystem, mailchimpDeleting] = (['keep', 'delete'] as const).map(
  (mode) =>
    Systems.parse([
      {
        id: 'mailchimp',
        name: 'Mailchimp',
        kind: 'mailchimp',
        operatedBy: { by: 'msp' },
        may: ['find', 'read', 'erase', 'suppress'],
        objects: [
          {
            object: 'member',
            category: 'marketing-preferences',
            erasure:
              mode === 'keep'
                ? {
                    mode,
                    retention: 'marketing-preferences',
                    reason: 'Archived unsubscribed, so the address is never mailed again.',
                  }
                : { mode },
          },
          { object: 'note', category: 'marketing-preferences', erasure: { mode: 'delete' } },
          { object: 'activity', category: 'marketing-preferences' },
        ],
      },
    ])[0],
) as [SystemDeclaration, SystemDeclaration];

/** An accounts system: the contact anonymised and archived, invoices and payments kept for HMRC. */
export const [xeroSystem] = Systems.parse([
  {
    id: 'xero',
    name: 'Xero',
    kind: 'xero',
    operatedBy: { by: 'msp' },
    may: ['find', 'read', 'erase', 'anonymise'],
    objects: [
      {
        object: 'contact',
        category: 'payments',
        erasure: {
          mode: 'anonymise',
          fields: {
            Name: { action: 'anonymise', value: 'Erased contact {ref}' },
            FirstName: { action: 'delete' },
            LastName: { action: 'delete' },
            EmailAddress: { action: 'delete' },
          },
        },
      },
      ...['invoice', 'payment'].map((object) => ({
        object,
        category: 'payments',
        erasure: { mode: 'keep', retention: 'payments', reason: 'HMRC requires accounting records for six years.' },
      })),
    ],
  },
]) as [SystemDeclaration];

export const alex: DemoPerson = {
  firstName: 'Alex',
  lastName: 'Morgan',
  email: 'alex.morgan@example.com',
  phone: '0113 496 0418',
  mobile: '07700 900214',
  employer: 'Harbourside Dental Practice Ltd',
  jobTitle: 'Practice Office Manager',
  tickets: [
    {
      reference: 'IP-48213',
      subject: 'Reception printer offline',
      summary: 'Driver reinstalled remotely.',
      status: 'Resolved',
      daysAgo: 12,
    },
    { reference: 'IP-45107', subject: 'New starter laptop', summary: 'Laptop and email set up.', status: 'Closed', daysAgo: 90 },
  ],
};

export const priya: DemoPerson = { firstName: 'Priya', lastName: 'Shah', email: 'priya.shah@example.co.uk', tickets: [] };

/** A connector reaching one stand-in instance, quick to give up so failure tests stay short. */
export function connect(
  system: SystemDeclaration,
  credentials: Record<string, string>,
  extra: Partial<ConnectorFactoryOptions> & { events?: CallEvent[] } = {},
) {
  const { events, ...rest } = extra;
  return connectorFor('test', system, {
    credentials: memoryCredentials({ test: { [system.id]: credentials } }),
    baseDelayMs: 5,
    retries: 2,
    timeoutMs: 2_000,
    log: (event) => events?.push(event),
    ...rest,
  });
}

/** A bearer token from a stand-in's token endpoint, to look at the stand-in through its own API. */
export async function bearer(tokenUrl: string, clientId: string, clientSecret: string): Promise<Record<string, string>> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'all',
    }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  return { authorization: `Bearer ${access_token}` };
}
