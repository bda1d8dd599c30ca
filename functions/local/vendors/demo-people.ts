/**
 * The people the vendor stand-ins hold: each demo tenant's own subjects (the same people as in
 * its demo.json), plus a few found only in one system, so a search can find what the centre
 * never knew.
 */
import type { DemoData } from '../../../shared/policy/demo.ts';
import type { VendorStandIn } from './stand-in.ts';

export interface DemoTicket {
  reference: string;
  subject: string;
  summary: string;
  status: string;
  daysAgo: number;
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  mobile?: string;
  employer?: string;
  jobTitle?: string;
  tickets: DemoTicket[];
}

/** People held only in one system, keyed by `<tenant>/<system id>`. */
const onlyHere: Record<string, DemoPerson[]> = {
  'inflection-point/m365': [
    {
      firstName: 'Nadia',
      lastName: 'Rahman',
      email: 'nadia.rahman@example.com',
      jobTitle: 'Dental Nurse',
      employer: 'Harbourside Dental Practice Ltd',
      tickets: [],
    },
  ],
  'inflection-point/halo': [
    {
      firstName: 'Owen',
      lastName: 'Price',
      email: 'owen.price@example.co.uk',
      phone: '0113 496 0999',
      tickets: [
        {
          reference: 'HP-1009',
          subject: 'VPN drops at home',
          summary: 'Router firmware updated; VPN stable.',
          status: 'Closed',
          daysAgo: 200,
        },
      ],
    },
  ],
  'northgate-it/autotask': [
    {
      firstName: 'Isla',
      lastName: 'Grant',
      email: 'isla.grant@example.co.uk',
      phone: '0131 496 0777',
      tickets: [
        {
          reference: 'NG-2950',
          subject: 'Shared mailbox access',
          summary: 'Access granted to the practice mailbox.',
          status: 'Complete',
          daysAgo: 300,
        },
      ],
    },
  ],
  'the-one-point/autotask': [{ firstName: 'Ben', lastName: 'Harris', email: 'ben.harris@example.com', tickets: [] }],
  'instant-on-it/m365': [
    { firstName: 'Maya', lastName: 'Singh', email: 'maya.singh@example.com', jobTitle: 'Office Manager', tickets: [] },
  ],
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The demo tenant's subjects as a system would hold them, and the people only that system holds. */
export function demoPeople(tenant: string, systemId: string, demo: DemoData | undefined): DemoPerson[] {
  const people = (demo?.subjects ?? []).map((subject): DemoPerson => {
    const identity = subject.records.find((r) => r.category === 'identity')?.data ?? {};
    const employment = subject.records.find((r) => r.category === 'employment')?.data ?? {};
    const tickets = subject.records
      .filter((r) => r.category === 'support-tickets')
      .map((r, i) => ({
        reference: text(r.data.reference) ?? `T-${i + 1}`,
        subject: text(r.data.subject) ?? 'Support request',
        summary: text(r.data.summary) ?? '',
        status: text(r.data.status) ?? 'Closed',
        daysAgo: r.daysAgo,
      }));
    const person: DemoPerson = {
      firstName: String(identity.firstName),
      lastName: String(identity.lastName),
      email: subject.email,
      tickets,
    };
    const extra = {
      phone: text(identity.phone),
      mobile: text(identity.mobile),
      employer: text(employment.employer),
      jobTitle: text(employment.jobTitle),
    };
    for (const [key, value] of Object.entries(extra)) if (value) (person as unknown as Record<string, string>)[key] = value;
    return person;
  });
  return [...people, ...(onlyHere[`${tenant}/${systemId}`] ?? [])];
}

/**
 * The moment the demo data's relative dates count back from: one per process, so two stand-ins
 * seeded a moment apart (a test comparing a coded connector with a declared one) hold the same
 * dates, not dates a second apart when a second ticks between them.
 */
export const SEEDED_AT = Date.now();

export const daysAgoIso = (days: number) => new Date(SEEDED_AT - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A person's tickets, then `extra` routine closed ones (BULK-1…), for a load test's large answers. */
export const withBulkTickets = (person: DemoPerson, extra: number, closedStatus: string): DemoTicket[] => [
  ...person.tickets,
  ...Array.from({ length: extra }, (_, i) => ({
    reference: `BULK-${i + 1}`,
    subject: `Ticket ${i + 1}`,
    summary: 'Routine request.',
    status: closedStatus,
    daysAgo: 1 + (i % 300),
  })),
];

/** A stand-in holding demo people per instance, and the credentials each instance accepts. */
export interface PeopleStandIn<Added, More extends unknown[] = []> extends VendorStandIn {
  add(instance: string, person: DemoPerson, ...more: More): Added;
  credentials(instance: string): Record<string, string>;
}

/**
 * Each instance's data, made fresh the first time the instance is named; every instance's demo
 * people are added through `add` when the stand-in starts.
 */
export function peoplePerInstance<T>(fresh: () => T) {
  const data = new Map<string, T>();
  const at = (instance: string): T => {
    let d = data.get(instance);
    if (!d) {
      d = fresh();
      data.set(instance, d);
    }
    return d;
  };
  const addAll = (instances: Record<string, DemoPerson[]>, add: (instance: string, person: DemoPerson) => unknown) => {
    for (const [instance, people] of Object.entries(instances)) for (const person of people) add(instance, person);
  };
  return { at, addAll };
}
