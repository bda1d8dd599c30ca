/**
 * HaloPSA (API v2). An API application using client credentials, scope `all` narrowed by the
 * application's agent to: read and edit users (customers), read tickets and actions, and (only if
 * the declaration deletes users) delete users. Halo has no GDPR operation: anonymising is an
 * upsert (POST /Users) that rewrites the person's fields.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import { type Connector, SystemCallError } from '../../shared/systems/connector.ts';
import { objectKinds } from '../../shared/systems/kinds.ts';
import { collectPages } from './http-client.ts';
import { clientCredentialsClient } from './oauth.ts';
import { type ConnectorOptions, mapLimit } from './options.ts';
import { psaConnector } from './psa.ts';

export const HaloCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The instance's API root, e.g. https://msp.halopsa.com/api */
    baseUrl: z.url(),
    /** The token endpoint, e.g. https://msp.halopsa.com/auth/token */
    authUrl: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scope: z.string().default('all'),
  }),
);

const PAGE = 100;
/** What is read of a user: the fields a declaration may name (but its notes), where they sit, and their status. */
const userFields = [
  ...objectKinds.halopsa.user!.fields.filter((f) => f !== 'notes'),
  'site_name',
  'client_name',
  'inactive',
  'datecreated',
];
const ticketFields = ['summary', 'details', 'status_id', 'dateoccurred'];
const actionFields = ['note', 'who', 'outcome', 'datetime'];

const Row = /* @__PURE__ */ lazySchema(() => z.looseObject({ id: z.number().int() }));
const User = /* @__PURE__ */ lazySchema(() => Row.extend({ name: z.string().nullish(), emailaddress: z.string().nullish() }));
const Ticket = /* @__PURE__ */ lazySchema(() => Row.extend({ user_id: z.number().int().nullish() }));
const UserPage = /* @__PURE__ */ lazySchema(() => z.object({ record_count: z.number().int(), users: z.array(User) }));
const TicketPage = /* @__PURE__ */ lazySchema(() => z.object({ record_count: z.number().int(), tickets: z.array(Ticket) }));
const Actions = /* @__PURE__ */ lazySchema(() => z.object({ actions: z.array(Row.extend({ ticket_id: z.number().int() })) }));

export function haloConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = HaloCredentials.parse(options.credentials);
  const http = clientCredentialsClient(options, creds.baseUrl, {
    tokenUrl: creds.authUrl,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    scope: creds.scope,
  });

  /** Halo pages by number; it says how many records there are, so the last page is known. */
  const paged = <T extends { id: number }>(fetchPage: (pageNo: number) => Promise<{ record_count: number; rows: T[] }>) =>
    collectPages<T, number>(
      async (cursor) => {
        const pageNo = cursor ?? 1;
        const { record_count, rows } = await fetchPage(pageNo);
        return { items: rows, next: pageNo * PAGE < record_count ? pageNo + 1 : undefined };
      },
      (row) => String(row.id),
    );

  const getUser = (ref: string) =>
    http.requestOrAbsent({ operation: 'read user', method: 'GET', path: `Users/${encodeURIComponent(ref)}`, schema: User });
  /** Halo has no update: a POST of a known id rewrites those fields (an unknown id would create a user). */
  const upsert = async (id: number, fields: Record<string, unknown>, operation: string) => {
    const saved = await http.request({
      operation,
      method: 'POST',
      path: 'Users',
      body: [{ id, ...fields }],
      schema: z.union([User, z.array(User)]),
    });
    const row = Array.isArray(saved) ? saved[0] : saved;
    if (row?.id !== id)
      throw new SystemCallError('malformed-answer', `${system.name} (${operation}) saved a different user`, false);
    return true;
  };

  return {
    async find(identity) {
      const wanted = identity.value.toLowerCase();
      const users = await paged(async (page_no) => {
        const page = await http.request({
          operation: 'find users',
          method: 'GET',
          path: 'Users',
          query: { search: identity.value, pageinate: true, page_size: PAGE, page_no },
          schema: UserPage,
        });
        return { record_count: page.record_count, rows: page.users };
      });
      // Halo's search is a "contains" on several fields: only the exact address is the person.
      return users
        .filter((u) => u.emailaddress?.toLowerCase() === wanted)
        .map((u) => ({ ref: String(u.id), label: u.name ?? 'Halo user' }));
    },
    // The tickets stay, and the actions on them (the ticket's history).
    ...psaConnector(system, {
      person: { object: 'user', fields: userFields, createdAt: 'datecreated' },
      ticket: {
        fields: ticketFields,
        createdAt: 'dateoccurred',
        operations: { read: 'read tickets', kept: 'read tickets' },
      },
      history: {
        object: 'action',
        fields: actionFields,
        ticketField: 'ticket_id',
        operations: { read: 'read actions', kept: 'read actions' },
      },
      // Halo answers 404 for a user that is gone.
      getPerson: getUser,
      listTickets,
      listHistory: listActions,
      eraser: (person) => ({
        remove: async () =>
          (await http.requestOrAbsent({
            operation: 'delete user',
            method: 'DELETE',
            path: `Users/${encodeURIComponent(person.ref)}`,
            schema: z.unknown().transform(() => true),
          })) ?? false,
        // An upsert of an id that no longer exists would create a new user: check first.
        anonymise: async (changes) =>
          (await getUser(person.ref)) !== undefined &&
          upsert(Number(person.ref), { ...changes, inactive: true }, 'anonymise user'),
      }),
      // The user was read first (an upsert of an id that no longer exists would create a new user).
      update: (user, changes) => upsert(user.id, changes, 'correct user'),
    }),
  };

  /** The actions (notes, emails, updates) on each ticket, up to eight tickets at a time. */
  async function listActions(tickets: readonly { id: number }[], operation: string) {
    const perTicket = await mapLimit(tickets, 8, (t) =>
      http.request({ operation, method: 'GET', path: 'Actions', query: { ticket_id: t.id }, schema: Actions }),
    );
    return perTicket.flatMap(({ actions }) => actions);
  }

  function listTickets(userId: string, operation: string) {
    return paged(async (page_no) => {
      const page = await http.request({
        operation,
        method: 'GET',
        path: 'Tickets',
        query: { user_id: Number(userId), pageinate: true, page_size: PAGE, page_no },
        schema: TicketPage,
      });
      return { record_count: page.record_count, rows: page.tickets };
    });
  }
}
