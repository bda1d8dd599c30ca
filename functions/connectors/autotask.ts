/**
 * Kaseya Autotask PSA (REST v1). An API-only user with a security level that may read and edit
 * contacts, read tickets and ticket notes, and (only if the declaration deletes contacts) delete
 * contacts; nothing else. Autotask caps a query at 500 records: pages are taken by id.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import { type Connector, SystemCallError } from '../../shared/systems/connector.ts';
import { objectKinds } from '../../shared/systems/kinds.ts';
import { createHttpClient } from './http-client.ts';
import { type ConnectorOptions, clientSettings } from './options.ts';
import { psaConnector } from './psa.ts';

export const AutotaskCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The zone's REST root, e.g. https://webservices5.autotask.net/ATServicesRest */
    baseUrl: z.url(),
    username: z.string().min(1),
    secret: z.string().min(1),
    integrationCode: z.string().min(1),
  }),
);

const PAGE = 500;
/** What is read of a contact: the fields a declaration may name (but its notes), and its status. */
const contactFields = [...objectKinds.autotask.contact!.fields.filter((f) => f !== 'note'), 'isActive', 'createDate'];
const ticketFields = ['ticketNumber', 'title', 'description', 'status', 'createDate'];
const noteFields = ['title', 'description', 'createDateTime'];

const Row = /* @__PURE__ */ lazySchema(() => z.looseObject({ id: z.number().int() }));
const Contact = /* @__PURE__ */ lazySchema(() =>
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

  const getContact = async (ref: string, absentOk: boolean) => {
    const call = {
      operation: 'read contact',
      method: 'GET',
      path: `V1.0/Contacts/${encodeURIComponent(ref)}`,
      schema: z.object({ item: Contact.nullable() }),
    } as const;
    const found = absentOk ? await http.requestOrAbsent(call) : await http.request(call);
    return found?.item ?? undefined;
  };
  const listTickets = (contactId: string, operation: string) =>
    queryAll(operation, 'Tickets', [{ op: 'eq', field: 'contactID', value: Number(contactId) }], Row);
  const done = z.unknown().transform(() => true);

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
    // Tickets stay (Autotask cannot delete them through the API); their notes stay with them.
    ...psaConnector(system, {
      person: { object: 'contact', fields: contactFields, createdAt: 'createDate' },
      ticket: {
        fields: ticketFields,
        createdAt: 'createDate',
        operations: { read: 'read tickets', kept: 'list tickets kept' },
      },
      history: {
        object: 'ticket-note',
        fields: noteFields,
        ticketField: 'ticketID',
        operations: { read: 'read ticket notes', kept: 'list ticket notes kept' },
      },
      getPerson: getContact,
      listTickets,
      listHistory: listNotes,
      eraser(person) {
        const companyId = person.context?.companyId;
        if (!companyId) throw new SystemCallError('rejected', `${system.name}: the contact's company is not known`, false);
        return {
          remove: async () =>
            (await http.requestOrAbsent({
              operation: 'delete contact',
              method: 'DELETE',
              path: `${contactPath(companyId)}/${encodeURIComponent(person.ref)}`,
              schema: done,
            })) ?? false,
          anonymise: async (changes) =>
            (await http.requestOrAbsent({
              operation: 'anonymise contact',
              method: 'PATCH',
              path: contactPath(companyId),
              body: { id: Number(person.ref), ...changes, isActive: 0 },
              schema: done,
            })) ?? false,
        };
      },
      update: async (contact, changes) =>
        (await http.requestOrAbsent({
          operation: 'correct contact',
          method: 'PATCH',
          path: contactPath(String(contact.companyID)),
          body: { id: contact.id, ...changes },
          schema: done,
        })) ?? false,
    }),
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
