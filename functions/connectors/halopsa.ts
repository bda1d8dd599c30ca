/**
 * HaloPSA (API v2). An API application using client credentials, scope `all` narrowed by the
 * application's agent to: read and edit users (customers), read tickets and actions, and (only if
 * the declaration deletes users) delete users. Halo has no GDPR operation: anonymising is an
 * upsert (POST /Users) that rewrites the person's fields.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import {
  type Connector,
  type RecordCorrection,
  type RecordErasure,
  SystemCallError,
  type SystemRecord,
} from '../../shared/systems/connector.ts';
import { changesFor } from '../../shared/systems/correction.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { collectPages, createHttpClient } from './http-client.ts';
import { clientCredentialsToken } from './oauth.ts';
import { type ConnectorOptions, clean, clientSettings, mapLimit } from './options.ts';

export const HaloCredentials = lazySchema(() =>
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
const userFields = [
  'name',
  'firstname',
  'surname',
  'emailaddress',
  'phonenumber',
  'mobilenumber',
  'homenumber',
  'title',
  'site_name',
  'client_name',
  'inactive',
  'datecreated',
];
const ticketFields = ['summary', 'details', 'status_id', 'dateoccurred'];
const actionFields = ['note', 'who', 'outcome', 'datetime'];

const Row = lazySchema(() => z.looseObject({ id: z.number().int() }));
const User = lazySchema(() => Row.extend({ name: z.string().nullish(), emailaddress: z.string().nullish() }));
const Ticket = lazySchema(() => Row.extend({ user_id: z.number().int().nullish() }));
const UserPage = lazySchema(() => z.object({ record_count: z.number().int(), users: z.array(User) }));
const TicketPage = lazySchema(() => z.object({ record_count: z.number().int(), tickets: z.array(Ticket) }));
const Actions = lazySchema(() => z.object({ actions: z.array(Row.extend({ ticket_id: z.number().int() })) }));

export function haloConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = HaloCredentials.parse(options.credentials);
  const token = clientCredentialsToken({
    system: system.name,
    tokenUrl: creds.authUrl,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    scope: creds.scope,
    ...clientSettings(options),
  });
  const http = createHttpClient({
    baseUrl: creds.baseUrl,
    system: system.name,
    auth: token.headers,
    onUnauthorised: token.forget,
    ...clientSettings(options),
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

    async read(person) {
      const records: SystemRecord[] = [];
      const user = await http.requestOrAbsent({
        operation: 'read user',
        method: 'GET',
        path: `Users/${encodeURIComponent(person.ref)}`,
        schema: User,
      });
      if (!user) return [];
      const userMapping = mappingOf(system, 'user');
      if (userMapping)
        records.push({
          ref: `user:${user.id}`,
          object: 'user',
          category: userMapping.category,
          data: clean(user, userFields),
          ...(typeof user.datecreated === 'string' ? { createdAt: user.datecreated } : {}),
        });
      const ticketMapping = mappingOf(system, 'ticket');
      const actionMapping = mappingOf(system, 'action');
      if (!ticketMapping && !actionMapping) return records;
      const tickets = await listTickets(person.ref);
      if (ticketMapping) {
        for (const t of tickets)
          records.push({
            ref: `ticket:${t.id}`,
            object: 'ticket',
            category: ticketMapping.category,
            data: clean(t, ticketFields),
            ...(typeof t.dateoccurred === 'string' ? { createdAt: t.dateoccurred } : {}),
          });
      }
      if (actionMapping) {
        for (const a of await listActions(tickets))
          records.push({
            ref: `action:${a.id}`,
            object: 'action',
            category: actionMapping.category,
            data: { ticket_id: a.ticket_id, ...clean(a, actionFields) },
          });
      }
      return records;
    },

    async erase(person) {
      const ref = `user:${person.ref}`;
      const out: RecordErasure[] = [];
      const erasure = erasureFor(system, 'user', person.ref);
      if (erasure.mode === 'keep') out.push(keptRecord(ref, 'user', erasure));
      else if (erasure.mode === 'delete') {
        const done = await http.requestOrAbsent({
          operation: 'delete user',
          method: 'DELETE',
          path: `Users/${encodeURIComponent(person.ref)}`,
          schema: z.unknown().transform(() => true),
        });
        out.push({ ref, object: 'user', result: done ? 'erased' : 'absent' });
      } else {
        // An upsert of an id that no longer exists would create a new user: check first.
        const exists = await http.requestOrAbsent({
          operation: 'read user',
          method: 'GET',
          path: `Users/${encodeURIComponent(person.ref)}`,
          schema: User,
        });
        if (!exists) out.push({ ref, object: 'user', result: 'absent' });
        else {
          const saved = await http.request({
            operation: 'anonymise user',
            method: 'POST',
            path: 'Users',
            body: [{ id: Number(person.ref), ...erasure.changes, inactive: true }],
            schema: z.union([User, z.array(User)]),
          });
          const row = Array.isArray(saved) ? saved[0] : saved;
          if (row?.id !== Number(person.ref))
            throw new SystemCallError('malformed-answer', `${system.name} (anonymise user) saved a different user`, false);
          out.push({ ref, object: 'user', result: 'anonymised', fields: Object.keys(erasure.changes) });
        }
      }
      // What stays is reported too, so the letter accounts for every record the search found:
      // the tickets, and the actions on them (the ticket's history), each under its declared rule.
      const tickets = mappingOf(system, 'ticket') ? erasureFor(system, 'ticket', person.ref) : undefined;
      const actions = mappingOf(system, 'action') ? erasureFor(system, 'action', person.ref) : undefined;
      if (tickets?.mode !== 'keep' && actions?.mode !== 'keep') return out;
      const rows = await listTickets(person.ref);
      if (tickets?.mode === 'keep') for (const t of rows) out.push(keptRecord(`ticket:${t.id}`, 'ticket', tickets));
      if (actions?.mode === 'keep')
        for (const a of await listActions(rows)) out.push(keptRecord(`action:${a.id}`, 'action', actions));
      return out;
    },

    /** Only the user's own fields can be changed (tickets and actions are the business's history). */
    async correct(person, corrections) {
      const out: RecordCorrection[] = [];
      for (const { object, fields } of corrections) {
        if (object !== 'user') throw new SystemCallError('rejected', `${system.name} cannot change ${object} records`, false);
        const ref = `user:${person.ref}`;
        // Read first: an upsert of an id that no longer exists would create a new user.
        const user = await http.requestOrAbsent({
          operation: 'read user',
          method: 'GET',
          path: `Users/${encodeURIComponent(person.ref)}`,
          schema: User,
        });
        if (!user) {
          out.push({ ref, object, result: 'absent' });
          continue;
        }
        const changes = changesFor(user, fields);
        if (changes.length === 0) {
          out.push({ ref, object, result: 'unchanged', fields: Object.keys(fields) });
          continue;
        }
        const saved = await http.request({
          operation: 'correct user',
          method: 'POST',
          path: 'Users',
          body: [{ id: user.id, ...Object.fromEntries(changes.map((c) => [c.field, c.to])) }],
          schema: z.union([User, z.array(User)]),
        });
        const row = Array.isArray(saved) ? saved[0] : saved;
        if (row?.id !== user.id)
          throw new SystemCallError('malformed-answer', `${system.name} (correct user) saved a different user`, false);
        out.push({ ref, object, result: 'corrected', changes });
      }
      return out;
    },
  };

  /** The actions (notes, emails, updates) on each ticket, up to eight tickets at a time. */
  async function listActions(tickets: readonly { id: number }[]) {
    const perTicket = await mapLimit(tickets, 8, (t) =>
      http.request({ operation: 'read actions', method: 'GET', path: 'Actions', query: { ticket_id: t.id }, schema: Actions }),
    );
    return perTicket.flatMap(({ actions }) => actions);
  }

  function listTickets(userId: string) {
    return paged(async (page_no) => {
      const page = await http.request({
        operation: 'read tickets',
        method: 'GET',
        path: 'Tickets',
        query: { user_id: Number(userId), pageinate: true, page_size: PAGE, page_no },
        schema: TicketPage,
      });
      return { record_count: page.record_count, rows: page.tickets };
    });
  }
}
