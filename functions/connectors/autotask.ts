/**
 * Kaseya Autotask PSA (REST v1). An API-only user with a security level that may read and edit
 * contacts, read tickets and ticket notes, and (only if the declaration deletes contacts) delete
 * contacts; nothing else. Autotask caps a query at 500 records: pages are taken by id.
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
import { createHttpClient } from './http-client.ts';
import { type ConnectorOptions, clean, clientSettings } from './options.ts';

export const AutotaskCredentials = lazySchema(() =>
  z.object({
    /** The zone's REST root, e.g. https://webservices5.autotask.net/ATServicesRest */
    baseUrl: z.url(),
    username: z.string().min(1),
    secret: z.string().min(1),
    integrationCode: z.string().min(1),
  }),
);

const PAGE = 500;
const contactFields = [
  'firstName',
  'lastName',
  'emailAddress',
  'emailAddress2',
  'emailAddress3',
  'phone',
  'mobilePhone',
  'alternatePhone',
  'title',
  'addressLine',
  'addressLine1',
  'city',
  'zipCode',
  'isActive',
  'createDate',
];
const ticketFields = ['ticketNumber', 'title', 'description', 'status', 'createDate'];
const noteFields = ['title', 'description', 'createDateTime'];

const Row = lazySchema(() => z.looseObject({ id: z.number().int() }));
const Contact = lazySchema(() =>
  Row.extend({ companyID: z.number().int(), firstName: z.string().nullish(), lastName: z.string().nullish() }),
);
const Query = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), pageDetails: z.object({ count: z.number().int() }).loose().optional() });

type Filter = { op: string; field?: string; value?: unknown; items?: Filter[] };

export function autotaskConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = AutotaskCredentials.parse(options.credentials);
  const http = createHttpClient({
    baseUrl: creds.baseUrl,
    system: system.name,
    auth: async () => ({ UserName: creds.username, Secret: creds.secret, ApiIntegrationCode: creds.integrationCode }),
    ...clientSettings(options),
  });

  /** Every row matching the filter, 500 at a time, each page starting after the last id seen. */
  async function queryAll<T extends { id: number }>(
    operation: string,
    entity: string,
    filter: Filter[],
    item: z.ZodType<T>,
  ): Promise<T[]> {
    const rows = new Map<number, T>();
    let after = 0;
    for (;;) {
      const page = await http.request({
        operation,
        method: 'POST',
        path: `V1.0/${entity}/query`,
        body: { filter: [...filter, { op: 'gt', field: 'id', value: after }], maxRecords: PAGE },
        schema: Query(item),
      });
      const items = page.items as T[];
      for (const row of items) rows.set(row.id, row);
      if (items.length < PAGE) return [...rows.values()].sort((a, b) => a.id - b.id);
      const last = Math.max(...items.map((r) => r.id));
      if (last <= after) throw new SystemCallError('malformed-answer', `${system.name} (${operation}) repeated a page`, false);
      after = last;
    }
  }

  const contactPath = (companyId: string) => `V1.0/Companies/${encodeURIComponent(companyId)}/Contacts`;

  return {
    async find(identity) {
      const emailFields = ['emailAddress', 'emailAddress2', 'emailAddress3'];
      const filter = [{ op: 'or', items: emailFields.map((field) => ({ op: 'eq', field, value: identity.value })) }];
      const contacts = await queryAll('find contacts', 'Contacts', filter, Contact);
      return contacts.map((c) => ({
        ref: String(c.id),
        context: { companyId: String(c.companyID) },
        label: [c.firstName, c.lastName].filter(Boolean).join(' ') || 'Autotask contact',
      }));
    },

    async read(person) {
      const records: SystemRecord[] = [];
      const contactMapping = mappingOf(system, 'contact');
      const found = await http.request({
        operation: 'read contact',
        method: 'GET',
        path: `V1.0/Contacts/${encodeURIComponent(person.ref)}`,
        schema: z.object({ item: Contact.nullable() }),
      });
      if (!found.item) return [];
      if (contactMapping) {
        records.push({
          ref: `contact:${person.ref}`,
          object: 'contact',
          category: contactMapping.category,
          data: clean(found.item, contactFields),
          ...(typeof found.item.createDate === 'string' ? { createdAt: found.item.createDate } : {}),
        });
      }
      const ticketMapping = mappingOf(system, 'ticket');
      const noteMapping = mappingOf(system, 'ticket-note');
      if (!ticketMapping && !noteMapping) return records;
      const tickets = await queryAll(
        'read tickets',
        'Tickets',
        [{ op: 'eq', field: 'contactID', value: Number(person.ref) }],
        Row,
      );
      if (ticketMapping) {
        for (const t of tickets)
          records.push({
            ref: `ticket:${t.id}`,
            object: 'ticket',
            category: ticketMapping.category,
            data: clean(t, ticketFields),
            ...(typeof t.createDate === 'string' ? { createdAt: t.createDate } : {}),
          });
      }
      if (noteMapping) {
        for (const n of await listNotes(tickets, 'read ticket notes'))
          records.push({
            ref: `ticket-note:${n.id}`,
            object: 'ticket-note',
            category: noteMapping.category,
            data: { ticketID: Number(n.ticketID), ...clean(n, noteFields) },
          });
      }
      return records;
    },

    async erase(person) {
      const companyId = person.context?.companyId;
      if (!companyId) throw new SystemCallError('rejected', `${system.name}: the contact's company is not known`, false);
      const ref = `contact:${person.ref}`;
      const out: RecordErasure[] = [];
      const erasure = erasureFor(system, 'contact', person.ref);
      if (erasure.mode === 'keep') out.push(keptRecord(ref, 'contact', erasure));
      else if (erasure.mode === 'delete') {
        const done = await http.requestOrAbsent({
          operation: 'delete contact',
          method: 'DELETE',
          path: `${contactPath(companyId)}/${encodeURIComponent(person.ref)}`,
          schema: z.unknown().transform(() => true),
        });
        out.push({ ref, object: 'contact', result: done ? 'erased' : 'absent' });
      } else {
        // Rewriting the same values twice changes nothing: safe to repeat.
        const done = await http.requestOrAbsent({
          operation: 'anonymise contact',
          method: 'PATCH',
          path: contactPath(companyId),
          body: { id: Number(person.ref), ...erasure.changes, isActive: 0 },
          schema: z.unknown().transform(() => true),
        });
        out.push(
          done
            ? { ref, object: 'contact', result: 'anonymised', fields: Object.keys(erasure.changes) }
            : { ref, object: 'contact', result: 'absent' },
        );
      }
      // Tickets stay (Autotask cannot delete them through the API): each is listed as kept, with why.
      // Their notes stay with them, each reported under its own declared rule, so the letter
      // accounts for every record the search found.
      const tickets = mappingOf(system, 'ticket') ? erasureFor(system, 'ticket', person.ref) : undefined;
      const notes = mappingOf(system, 'ticket-note') ? erasureFor(system, 'ticket-note', person.ref) : undefined;
      if (tickets?.mode !== 'keep' && notes?.mode !== 'keep') return out;
      const rows = await queryAll(
        'list tickets kept',
        'Tickets',
        [{ op: 'eq', field: 'contactID', value: Number(person.ref) }],
        Row,
      );
      if (tickets?.mode === 'keep') for (const t of rows) out.push(keptRecord(`ticket:${t.id}`, 'ticket', tickets));
      if (notes?.mode === 'keep')
        for (const n of await listNotes(rows, 'list ticket notes kept'))
          out.push(keptRecord(`ticket-note:${n.id}`, 'ticket-note', notes));
      return out;
    },

    /** Only the contact's own fields can be changed (tickets and notes are the business's history). */
    async correct(person, corrections) {
      const out: RecordCorrection[] = [];
      for (const { object, fields } of corrections) {
        if (object !== 'contact') throw new SystemCallError('rejected', `${system.name} cannot change ${object} records`, false);
        const ref = `contact:${person.ref}`;
        const found = await http.requestOrAbsent({
          operation: 'read contact',
          method: 'GET',
          path: `V1.0/Contacts/${encodeURIComponent(person.ref)}`,
          schema: z.object({ item: Contact.nullable() }),
        });
        const contact = found?.item;
        if (!contact) {
          out.push({ ref, object, result: 'absent' });
          continue;
        }
        const changes = changesFor(contact, fields);
        if (changes.length === 0) {
          out.push({ ref, object, result: 'unchanged', fields: Object.keys(fields) });
          continue;
        }
        const done = await http.requestOrAbsent({
          operation: 'correct contact',
          method: 'PATCH',
          path: contactPath(String(contact.companyID)),
          body: { id: contact.id, ...Object.fromEntries(changes.map((c) => [c.field, c.to])) },
          schema: z.unknown().transform(() => true),
        });
        out.push(done ? { ref, object, result: 'corrected', changes } : { ref, object, result: 'absent' });
      }
      return out;
    },
  };

  /** The notes on the tickets, 200 tickets to a query. */
  async function listNotes(tickets: readonly { id: number }[], operation: string) {
    const notes: z.infer<typeof Row>[] = [];
    for (let i = 0; i < tickets.length; i += 200) {
      const ids = tickets.slice(i, i + 200).map((t) => t.id);
      notes.push(...(await queryAll(operation, 'TicketNotes', [{ op: 'in', field: 'ticketID', value: ids }], Row)));
    }
    return notes;
  }
}
