/** HaloPSA stand-in, validated against the document every Halo instance serves. */
import { fileURLToPath } from 'node:url';
import { type DemoPerson, daysAgoIso, type PeopleStandIn } from './demo-people.ts';
import { psaPeople, type Row } from './psa-people.ts';
import { type StandInAnswer, type StandInRequest, startVendorStandIn } from './stand-in.ts';
import { bearerSignIn, demoClient } from './tokens.ts';

export const haloDocument = fileURLToPath(
  new URL('../vendor-apis/halopsa/halo-api-v2.normalised.people-subset.json', import.meta.url),
);

export type HaloStandIn = PeopleStandIn<number, [extraTickets?: number]>;

const notFound: StandInAnswer = { status: 404, body: { error: 'Not found' } };
const nameOf = (person: DemoPerson) => `${person.firstName} ${person.lastName}`;

export async function startHaloStandIn(instances: Record<string, DemoPerson[]>, port?: number): Promise<HaloStandIn> {
  const { at, add } = psaPeople(instances, {
    firstId: 1001,
    closedStatus: 'Closed',
    person: (person) => ({
      name: nameOf(person),
      firstname: person.firstName,
      surname: person.lastName,
      emailaddress: person.email,
      phonenumber: person.phone ?? '',
      mobilenumber: person.mobile ?? '',
      title: person.jobTitle ?? '',
      site_id: 12,
      site_name: 'Main',
      client_name: person.employer ?? 'Private customers',
      inactive: false,
      datecreated: daysAgoIso(400),
    }),
    ticket: (ticket, user_id, person) => ({
      summary: ticket.subject,
      details: ticket.summary,
      user_id,
      user_name: nameOf(person),
      dateoccurred: daysAgoIso(ticket.daysAgo),
      status_id: 9,
    }),
    history: (ticket, ticket_id, person) => ({
      ticket_id,
      note: ticket.summary,
      who: nameOf(person),
      datetime: daysAgoIso(ticket.daysAgo),
      outcome: 'Email received',
    }),
  });

  const paged = (req: StandInRequest, key: string, rows: Row[]): StandInAnswer => {
    if (String(req.query.pageinate) !== 'true') return { status: 200, body: { record_count: rows.length, [key]: rows } };
    const size = Number(req.query.page_size ?? 50);
    const pageNo = Number(req.query.page_no ?? 1);
    return {
      status: 200,
      body: {
        page_no: pageNo,
        page_size: size,
        record_count: rows.length,
        [key]: rows.slice((pageNo - 1) * size, pageNo * size),
      },
    };
  };

  const standIn = await startVendorStandIn({
    name: 'HaloPSA',
    document: haloDocument,
    apiRoot: '/api',
    port,
    shallow: ['Users'],
    ...bearerSignIn('/auth/token'),
    handlers: {
      'get /Users': (req) => {
        const search = String(req.query.search ?? '').toLowerCase();
        const users = [...at(req.instance).people.values()].filter(
          (u) =>
            !search || String(u.name).toLowerCase().includes(search) || String(u.emailaddress).toLowerCase().includes(search),
        );
        return paged(req, 'users', users);
      },
      'get /Users/{id}': (req) =>
        at(req.instance).people.get(Number(req.params.id))
          ? { status: 200, body: at(req.instance).people.get(Number(req.params.id)) }
          : notFound,
      'post /Users': (req) => {
        const d = at(req.instance);
        const saved = (req.body as Row[]).map((change) => {
          const user = change.id ? d.people.get(Number(change.id)) : undefined;
          if (user) return Object.assign(user, change, { id: user.id });
          const id = d.nextId++;
          const created = { ...change, id };
          d.people.set(id, created);
          return created;
        });
        return { status: 201, body: saved.length === 1 ? saved[0] : saved };
      },
      'delete /Users/{id}': (req) => (at(req.instance).people.delete(Number(req.params.id)) ? { status: 200 } : notFound),
      'get /Tickets': (req) => {
        const userId = req.query.user_id === undefined ? undefined : Number(req.query.user_id);
        const tickets = [...at(req.instance).tickets.values()].filter((t) => userId === undefined || t.user_id === userId);
        return paged(req, 'tickets', tickets);
      },
      'get /Actions': (req) => {
        const ticketId = Number(req.query.ticket_id);
        return {
          status: 200,
          body: { record_count: 0, actions: [...at(req.instance).history.values()].filter((a) => a.ticket_id === ticketId) },
        };
      },
    },
  });
  return {
    ...standIn,
    add,
    credentials: (instance) => ({
      ...demoClient(instance),
      authUrl: `${standIn.origin}/${instance}/auth/token`,
      baseUrl: standIn.baseUrl(instance),
    }),
  };
}
