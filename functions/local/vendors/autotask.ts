/** Kaseya Autotask PSA REST stand-in, validated against Autotask's own (converted) document. */
import { fileURLToPath } from 'node:url';
import { type AutotaskFilter, matches } from './autotask-query.ts';
import { type DemoPerson, daysAgoIso, type PeopleStandIn } from './demo-people.ts';
import { type PsaInstance, psaPeople, type Row } from './psa-people.ts';
import { type StandInAnswer, type StandInRequest, startVendorStandIn } from './stand-in.ts';

export const autotaskDocument = fileURLToPath(
  new URL('../vendor-apis/autotask/autotask-contacts-subset.normalised.json', import.meta.url),
);

export type AutotaskStandIn = PeopleStandIn<number, [extraTickets?: number]>;

const creds = (instance: string) => ({
  username: `api-${instance}@example.autotask`,
  secret: `stand-in-secret-${instance}`,
  integrationCode: 'PRIVACYCENTRE',
});
const failed = (status: number, message: string): StandInAnswer => ({ status, body: { errors: [message] } });
const companyID = 174;

export async function startAutotaskStandIn(instances: Record<string, DemoPerson[]>, port?: number): Promise<AutotaskStandIn> {
  const { at, add } = psaPeople(instances, {
    firstId: 29_680_000,
    closedStatus: 'Complete',
    person: (person) => ({
      companyID,
      firstName: person.firstName,
      lastName: person.lastName,
      emailAddress: person.email,
      phone: person.phone ?? '',
      mobilePhone: person.mobile ?? '',
      title: person.jobTitle ?? '',
      isActive: 1,
      createDate: daysAgoIso(400),
    }),
    ticket: (ticket, contactID) => ({
      ticketNumber: ticket.reference,
      title: ticket.subject,
      description: ticket.summary,
      contactID,
      companyID,
      status: ticket.status === 'Resolved' || ticket.status === 'Closed' || ticket.status === 'Complete' ? 5 : 1,
      createDate: daysAgoIso(ticket.daysAgo),
    }),
    history: (ticket, ticketID) =>
      ticket.summary
        ? {
            ticketID,
            title: 'Resolution',
            description: ticket.summary,
            noteType: 1,
            publish: 1,
            createDateTime: daysAgoIso(ticket.daysAgo),
          }
        : undefined,
  });

  const query =
    (rows: (d: PsaInstance) => Map<number, Row>) =>
    (req: StandInRequest): StandInAnswer => {
      const body = req.body as { filter?: AutotaskFilter[]; maxRecords?: number };
      const max = body.maxRecords ?? 500;
      if (max < 1 || max > 500) return failed(500, 'MaxRecords must be between 1 and 500.');
      if (!body.filter || body.filter.length === 0) return failed(500, 'A filter is required.');
      let found: Row[];
      try {
        found = [...rows(at(req.instance)).values()].filter((row) => body.filter!.every((f) => matches(row, f)));
      } catch (error) {
        return failed(500, (error as Error).message);
      }
      const items = found.sort((a, b) => a.id - b.id).slice(0, max);
      return { status: 200, body: { items, pageDetails: { count: items.length, requestCount: max } } };
    };

  const standIn = await startVendorStandIn({
    name: 'Autotask PSA',
    document: autotaskDocument,
    apiRoot: '/ATServicesRest',
    port,
    authenticate: (instance, headers) => {
      const c = creds(instance);
      const ok =
        headers.username === c.username && headers.secret === c.secret && headers.apiintegrationcode === c.integrationCode;
      return ok || 'UserName, Secret and ApiIntegrationCode do not match';
    },
    handlers: {
      'post /V1.0/Contacts/query': query((d) => d.people),
      'post /V1.0/Tickets/query': query((d) => d.tickets),
      'post /V1.0/TicketNotes/query': query((d) => d.history),
      'get /V1.0/Contacts/{id}': (req) => {
        const contact = at(req.instance).people.get(Number(req.params.id));
        return { status: 200, body: { item: contact ?? null } };
      },
      'patch /V1.0/Companies/{parentId}/Contacts': (req) => {
        const body = req.body as Row;
        const contact = at(req.instance).people.get(Number(body.id));
        if (!contact || contact.companyID !== Number(req.params.parentId))
          return failed(404, 'No contact with this id under this company.');
        Object.assign(contact, body, { id: contact.id, companyID: contact.companyID });
        return { status: 200, body: { itemId: contact.id } };
      },
      'delete /V1.0/Companies/{parentId}/Contacts/{id}': (req) => {
        const d = at(req.instance);
        const contact = d.people.get(Number(req.params.id));
        if (!contact || contact.companyID !== Number(req.params.parentId))
          return failed(404, 'No contact with this id under this company.');
        d.people.delete(contact.id);
        return { status: 200, body: { itemId: contact.id } };
      },
    },
  });
  return { ...standIn, add, credentials: (instance) => ({ ...creds(instance), baseUrl: standIn.baseUrl(instance) }) };
}
