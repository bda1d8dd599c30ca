/**
 * Xero Accounting API 2.0. A custom connection (client credentials) to one organisation, with
 * scopes `accounting.contacts` (find, read and archive or rewrite contacts) and
 * `accounting.transactions.read` (their invoices and payments); nothing that writes a
 * transaction. Xero cannot delete a contact: erasure archives it (and rewrites its fields where
 * the declaration anonymises), and invoices and payments stay under the tenant's legal retention.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import {
  type Connector,
  type RecordErasure,
  SystemCallError,
  type SystemPerson,
  type SystemRecord,
} from '../../shared/systems/connector.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { collectPages } from './http-client.ts';
import { clientCredentialsClient } from './oauth.ts';
import { type ConnectorOptions, clean } from './options.ts';

export const XeroCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** The organisation's id (the `xero-tenant-id` header). */
    organisationId: z.string().min(1),
    tokenUrl: z.url().default('https://identity.xero.com/connect/token'),
    baseUrl: z.url().default('https://api.xero.com/api.xro/2.0'),
    scope: z.string().default('accounting.contacts accounting.transactions.read'),
  }),
);

const PAGE = 100;
const contactFields = [
  'Name',
  'FirstName',
  'LastName',
  'EmailAddress',
  'ContactStatus',
  'IsCustomer',
  'IsSupplier',
  'AccountNumber',
];
const invoiceFields = ['InvoiceNumber', 'Type', 'Status', 'Total', 'AmountDue', 'AmountPaid', 'CurrencyCode', 'Reference'];
const paymentFields = ['Amount', 'Reference', 'Status', 'PaymentType'];

const Contact = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    ContactID: z.string(),
    Name: z.string().nullish(),
    EmailAddress: z.string().nullish(),
    ContactStatus: z.string().nullish(),
    Phones: z.array(z.looseObject({ PhoneType: z.string().nullish(), PhoneNumber: z.string().nullish() })).nullish(),
    Addresses: z.array(z.looseObject({ AddressType: z.string().nullish() })).nullish(),
  }),
);
const Contacts = /* @__PURE__ */ lazySchema(() => z.object({ Contacts: z.array(Contact) }));
const Invoice = /* @__PURE__ */ lazySchema(() => z.looseObject({ InvoiceID: z.string(), Date: z.string().nullish() }));
const Payment = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    PaymentID: z.string(),
    Date: z.string().nullish(),
    Invoice: z.looseObject({ InvoiceNumber: z.string().nullish() }).nullish(),
  }),
);
const Invoices = /* @__PURE__ */ lazySchema(() => z.object({ Invoices: z.array(Invoice) }));
const Payments = /* @__PURE__ */ lazySchema(() => z.object({ Payments: z.array(Payment) }));

/** Xero's JSON dates: `/Date(1518685950940+0000)/`; ISO strings pass through. */
export function xeroDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value)?.[1];
  if (ms) return new Date(Number(ms)).toISOString();
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

/** A GUID the connector put in a `where` clause: only a GUID, so nothing can be injected. */
const guid = (id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id))
    throw new SystemCallError('malformed-answer', 'Xero gave a contact id that is not a GUID', false);
  return id;
};

export function xeroConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = XeroCredentials.parse(options.credentials);
  const http = clientCredentialsClient(
    options,
    creds.baseUrl,
    {
      tokenUrl: creds.tokenUrl,
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      scope: creds.scope,
      clientAuth: 'basic',
    },
    { 'xero-tenant-id': creds.organisationId, accept: 'application/json' },
  );

  /** Every row of a listing (its rows come under the path's own name), 100 a page: a short page is the last. */
  const listAll = <P extends string, T>(
    operation: string,
    path: P,
    query: Record<string, string | boolean>,
    schema: z.ZodType<Record<P, T[]>>,
    key: (row: T) => string,
  ) =>
    collectPages<T, number>(async (cursor) => {
      const page = cursor ?? 1;
      const rows = (await http.request({ operation, method: 'GET', path, query: { ...query, page, pageSize: PAGE }, schema }))[
        path
      ];
      return { items: rows, next: rows.length >= PAGE ? page + 1 : undefined };
    }, key);

  const invoicesOf = (contactId: string) =>
    listAll('read invoices', 'Invoices', { ContactIDs: guid(contactId) }, Invoices, (i) => i.InvoiceID);
  const paymentsOf = (contactId: string) =>
    listAll(
      'read payments',
      'Payments',
      { where: `Invoice.Contact.ContactID==guid("${guid(contactId)}")` },
      Payments,
      (p) => p.PaymentID,
    );
  /** The rows of one kind of object as records of its declared category: none (and no call) where it is not mapped. */
  const recordsOf = async <T>(
    object: string,
    rows: () => Promise<readonly T[]>,
    describe: (row: T) => { id: string; data: SystemRecord['data']; date?: unknown },
  ): Promise<SystemRecord[]> => {
    const mapping = mappingOf(system, object);
    if (!mapping) return [];
    return (await rows()).map((row) => {
      const { id, data, date } = describe(row);
      const createdAt = xeroDate(date);
      return { ref: `${object}:${id}`, object, category: mapping.category, data, ...(createdAt ? { createdAt } : {}) };
    });
  };
  const readContact = (person: SystemPerson) =>
    http.requestOrAbsent({
      operation: 'read contact',
      method: 'GET',
      path: `Contacts/${encodeURIComponent(person.ref)}`,
      schema: Contacts,
    });

  return {
    async find(identity) {
      const wanted = identity.value.toLowerCase();
      // A quote would end Xero's string literal: an address with one cannot be a contact's.
      if (wanted.includes('"') || wanted.includes('\\')) return [];
      const contacts = await listAll(
        'find contacts',
        'Contacts',
        // Archived contacts are found too: the data is still held, and erasing again stays safe.
        { where: `EmailAddress=="${identity.value}"`, includeArchived: true },
        Contacts,
        (c) => c.ContactID,
      );
      return contacts
        .filter((c) => c.EmailAddress?.toLowerCase() === wanted)
        .map((c) => ({ ref: c.ContactID, label: c.Name || 'Xero contact' }));
    },

    async read(person) {
      const found = (await readContact(person))?.Contacts[0];
      if (!found) return [];
      return [
        ...(await recordsOf(
          'contact',
          async () => [found],
          (c) => ({
            id: c.ContactID,
            data: {
              ...clean(c, contactFields),
              phones: (c.Phones ?? [])
                .filter((p) => p.PhoneNumber)
                .map((p) => `${p.PhoneType ?? ''} ${p.PhoneNumber}`.trim())
                .join(', '),
            },
          }),
        )),
        ...(await recordsOf(
          'invoice',
          () => invoicesOf(found.ContactID),
          (i) => ({ id: i.InvoiceID, data: { ...clean(i, invoiceFields), date: xeroDate(i.Date) ?? null }, date: i.Date }),
        )),
        ...(await recordsOf(
          'payment',
          () => paymentsOf(found.ContactID),
          (p) => ({
            id: p.PaymentID,
            data: { ...clean(p, paymentFields), invoice: p.Invoice?.InvoiceNumber ?? null, date: xeroDate(p.Date) ?? null },
            date: p.Date,
          }),
        )),
      ];
    },

    async erase(person) {
      const ref = `contact:${person.ref}`;
      const found = (await readContact(person))?.Contacts[0];
      if (!found) return [{ ref, object: 'contact', result: 'absent' }];
      const out: RecordErasure[] = [];
      const erasure = erasureFor(system, 'contact', person.ref);
      // Xero cannot delete a contact: it is archived either way, its fields rewritten if anonymised.
      const changes = erasure.mode === 'anonymise' ? erasure.changes : {};
      if (found.ContactStatus !== 'ARCHIVED' || Object.keys(changes).length > 0) {
        const saved = await http
          .request({
            operation: 'archive contact',
            method: 'POST',
            path: `Contacts/${encodeURIComponent(person.ref)}`,
            body: { Contacts: [{ ContactID: person.ref, ...changes, ContactStatus: 'ARCHIVED' }] },
            schema: Contacts,
          })
          .catch((error: unknown) => {
            // Xero's commonest refusal here: the contact still owes money. Its words may quote the contact: not passed on.
            if (error instanceof SystemCallError && error.code === 'rejected')
              throw new SystemCallError(
                'rejected',
                `${system.name} refused to archive the contact (usually an outstanding balance): settle or credit it in Xero, then retry`,
                false,
              );
            throw error;
          });
        if (saved.Contacts[0]?.ContactID !== person.ref)
          throw new SystemCallError('malformed-answer', `${system.name} (archive contact) saved a different contact`, false);
      }
      if (erasure.mode === 'anonymise') out.push({ ref, object: 'contact', result: 'anonymised', fields: Object.keys(changes) });
      else
        out.push(
          keptRecord(
            ref,
            'contact',
            erasure.mode === 'keep'
              ? erasure
              : {
                  mode: 'keep',
                  retention: mappingOf(system, 'contact')?.category ?? 'contact',
                  reason: 'archived: Xero cannot delete a contact',
                },
          ),
        );
      const kept = (object: 'invoice' | 'payment') => {
        const e = erasureFor(system, object, person.ref);
        return e.mode === 'keep' ? e : { mode: 'keep' as const, retention: object, reason: 'Xero cannot delete it' };
      };
      if (mappingOf(system, 'invoice'))
        for (const i of await invoicesOf(person.ref)) out.push(keptRecord(`invoice:${i.InvoiceID}`, 'invoice', kept('invoice')));
      if (mappingOf(system, 'payment'))
        for (const p of await paymentsOf(person.ref)) out.push(keptRecord(`payment:${p.PaymentID}`, 'payment', kept('payment')));
      return out;
    },
  };
}
