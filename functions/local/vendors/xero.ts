/** Xero Accounting API stand-in, validated against Xero's own OpenAPI document (contacts subset). */
import { fileURLToPath } from 'node:url';
import { type DemoPerson, type PeopleStandIn, peoplePerInstance, SEEDED_AT } from './demo-people.ts';
import { type StandInAnswer, type StandInRequest, startVendorStandIn } from './stand-in.ts';
import { demoClient, newId, tokenIssuer } from './tokens.ts';

export const xeroDocument = fileURLToPath(new URL('../vendor-apis/xero/xero-accounting-contacts-subset.json', import.meta.url));

type Row = Record<string, unknown>;

interface Instance {
  contacts: Map<string, Row>;
  invoices: Map<string, Row>;
  payments: Map<string, Row>;
  history: Map<string, Row[]>;
  nextNumber: number;
}

/** `add` adds a contact with `invoices` paid invoices (and one unpaid if `owing`). */
export type XeroStandIn = PeopleStandIn<string, [invoices?: number, owing?: boolean]>;

/** Xero's JSON date form. */
const msDate = (daysAgo: number) => `/Date(${SEEDED_AT - daysAgo * 86_400_000}+0000)/`;
const notFound: StandInAnswer = { status: 404, body: { Title: 'Not Found', Status: 404, Detail: 'Resource not found' } };

/** The two `where` forms the connector sends; anything else is refused as Xero refuses a bad filter. */
function whereFilter(where: string): ((row: Row) => boolean) | undefined {
  const email = /^EmailAddress=="([^"\\]*)"$/.exec(where)?.[1];
  if (email !== undefined) return (c) => String(c.EmailAddress ?? '').toLowerCase() === email.toLowerCase();
  const contact = /^Invoice\.Contact\.ContactID==guid\("([0-9a-f-]{36})"\)$/i.exec(where)?.[1];
  if (contact) return (p) => ((p.Invoice as Row | undefined)?.Contact as Row | undefined)?.ContactID === contact;
  return undefined;
}

export async function startXeroStandIn(instances: Record<string, DemoPerson[]>, port?: number): Promise<XeroStandIn> {
  const { at, addAll } = peoplePerInstance<Instance>(() => ({
    contacts: new Map(),
    invoices: new Map(),
    payments: new Map(),
    history: new Map(),
    nextNumber: 1001,
  }));
  const add = (instance: string, person: DemoPerson, invoices = 2, owing = false) => {
    const d = at(instance);
    const id = newId();
    const name = `${person.firstName} ${person.lastName}`;
    const contact = {
      ContactID: id,
      ContactStatus: 'ACTIVE',
      Name: name,
      FirstName: person.firstName,
      LastName: person.lastName,
      EmailAddress: person.email,
      Phones: person.phone ? [{ PhoneType: 'DEFAULT', PhoneNumber: person.phone }] : [],
      Addresses: [],
      IsCustomer: true,
      IsSupplier: false,
      UpdatedDateUTC: msDate(30),
    };
    d.contacts.set(id, contact);
    d.history.set(id, [{ Changes: 'Created', DateUTC: msDate(400), User: 'System Generated', Details: 'Contact created' }]);
    for (let i = 0; i < invoices + (owing ? 1 : 0); i++) {
      const unpaid = owing && i === invoices;
      const invoiceId = newId();
      const invoice = {
        InvoiceID: invoiceId,
        InvoiceNumber: `INV-${d.nextNumber++}`,
        Type: 'ACCREC',
        Contact: { ContactID: id, Name: name },
        Date: msDate(60 * (i + 1)),
        DueDate: msDate(60 * (i + 1) - 30),
        Status: unpaid ? 'AUTHORISED' : 'PAID',
        Total: 120,
        AmountDue: unpaid ? 120 : 0,
        AmountPaid: unpaid ? 0 : 120,
        CurrencyCode: 'GBP',
        Reference: 'Managed IT support',
        UpdatedDateUTC: msDate(30),
      };
      d.invoices.set(invoiceId, invoice);
      if (!unpaid) {
        const paymentId = newId();
        d.payments.set(paymentId, {
          PaymentID: paymentId,
          Date: msDate(60 * (i + 1) - 10),
          Amount: 120,
          Reference: 'Bank transfer',
          Status: 'AUTHORISED',
          PaymentType: 'ACCRECPAYMENT',
          Invoice: { InvoiceID: invoiceId, InvoiceNumber: invoice.InvoiceNumber, Contact: { ContactID: id, Name: name } },
        });
      }
    }
    return id;
  };
  addAll(instances, add);
  const tokens = tokenIssuer(demoClient);

  const page = (req: StandInRequest, rows: Row[]) => {
    const size = Number(req.query.pageSize ?? 100);
    const n = Number(req.query.page ?? 1);
    return rows.slice((n - 1) * size, n * size);
  };
  const filtered = (req: StandInRequest, rows: Row[]): Row[] | StandInAnswer => {
    if (req.query.where === undefined) return rows;
    const test = whereFilter(String(req.query.where));
    if (!test) return { status: 400, body: { Title: 'Validation error', Detail: 'the where clause could not be parsed' } };
    return rows.filter(test);
  };

  const standIn = await startVendorStandIn({
    name: 'Xero',
    document: xeroDocument,
    apiRoot: '/api.xro/2.0',
    port,
    dropRefSiblings: true,
    authenticate: (instance, headers) => {
      const token = tokens.check(instance, headers.authorization);
      if (token !== true) return token;
      return headers['xero-tenant-id'] === `org-${instance}`
        ? true
        : 'the xero-tenant-id is not an organisation this connection may reach';
    },
    extra: ({ instance, method, path, form, headers }) =>
      method === 'post' && path === '/connect/token' ? tokens.issue(instance, form, headers.authorization ?? '') : undefined,
    handlers: {
      'get /Contacts': (req) => {
        const archived = String(req.query.includeArchived) === 'true';
        const rows = filtered(
          req,
          [...at(req.instance).contacts.values()].filter((c) => archived || c.ContactStatus !== 'ARCHIVED'),
        );
        return Array.isArray(rows) ? { status: 200, body: { Contacts: page(req, rows) } } : rows;
      },
      'get /Contacts/{ContactID}': (req) => {
        const contact = at(req.instance).contacts.get(String(req.params.ContactID));
        return contact ? { status: 200, body: { Contacts: [contact] } } : notFound;
      },
      'post /Contacts/{ContactID}': (req) => {
        const d = at(req.instance);
        const id = String(req.params.ContactID);
        const contact = d.contacts.get(id);
        if (!contact) return notFound;
        const change = ((req.body as { Contacts?: Row[] }).Contacts ?? [])[0] ?? {};
        // As Xero does: a contact that still owes money cannot be archived.
        const owes = [...d.invoices.values()].some((i) => (i.Contact as Row).ContactID === id && Number(i.AmountDue) > 0);
        if (change.ContactStatus === 'ARCHIVED' && owes)
          return {
            status: 400,
            body: {
              ErrorNumber: 10,
              Type: 'ValidationException',
              Message: 'A validation exception occurred',
              Elements: [{ ValidationErrors: [{ Message: 'The contact cannot be archived as it has an outstanding balance.' }] }],
            },
          };
        Object.assign(contact, change, { ContactID: id, UpdatedDateUTC: msDate(0) });
        d.history.get(id)?.push({ Changes: 'Updated', DateUTC: msDate(0), User: 'Privacy Centre', Details: 'Contact updated' });
        return { status: 200, body: { Contacts: [contact] } };
      },
      'get /Contacts/{ContactID}/History': (req) => {
        const rows = at(req.instance).history.get(String(req.params.ContactID));
        return rows ? { status: 200, body: { HistoryRecords: rows } } : notFound;
      },
      'get /Invoices': (req) => {
        const ids = String(req.query.ContactIDs ?? '')
          .split(',')
          .filter(Boolean);
        const rows = [...at(req.instance).invoices.values()].filter(
          (i) => ids.length === 0 || ids.includes(String((i.Contact as Row).ContactID)),
        );
        return { status: 200, body: { Invoices: page(req, rows) } };
      },
      'get /Payments': (req) => {
        const rows = filtered(req, [...at(req.instance).payments.values()]);
        return Array.isArray(rows) ? { status: 200, body: { Payments: page(req, rows) } } : rows;
      },
    },
  });
  return {
    ...standIn,
    add,
    credentials: (instance) => ({
      ...demoClient(instance),
      organisationId: `org-${instance}`,
      tokenUrl: `${standIn.origin}/${instance}/connect/token`,
      baseUrl: standIn.baseUrl(instance),
    }),
  };
}
