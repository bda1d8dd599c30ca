/**
 * The stand-ins answer with data of the documented shape: their answers are checked against the
 * response schemas of the vendor's own document (where the vendor documents one: Halo does not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AutotaskStandIn, autotaskDocument, startAutotaskStandIn } from '../../../functions/local/vendors/autotask.ts';
import { openContract } from '../../../functions/local/vendors/contract.ts';
import { type GraphStandIn, graphDocument, startGraphStandIn } from '../../../functions/local/vendors/graph.ts';
import { alex, bearer } from '../../support/systems.ts';

async function contract(document: string) {
  const api = await openContract(document);
  return (operationId: string, status: number, body: unknown) => {
    const result = api.validateResponse(body, operationId, status);
    return (result.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

let psa: AutotaskStandIn;
let graph: GraphStandIn;
beforeAll(async () => {
  [psa, graph] = await Promise.all([startAutotaskStandIn({ msp: [alex] }), startGraphStandIn({ client: [alex] })]);
});
afterAll(() => Promise.all([psa.stop(), graph.stop()]));

describe('stand-in answers against the vendor documents', () => {
  it('Autotask: contact, ticket and note queries, a contact read and a patch', async () => {
    const check = await contract(autotaskDocument);
    const c = psa.credentials('msp');
    const headers = {
      UserName: c.username!,
      Secret: c.secret!,
      ApiIntegrationCode: c.integrationCode!,
      'content-type': 'application/json',
    };
    const post = async (path: string, body: unknown) =>
      (await fetch(`${c.baseUrl}/V1.0/${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
    const contacts = await post('Contacts/query', { filter: [{ op: 'eq', field: 'emailAddress', value: alex.email }] });
    expect(check('Contacts_Query', 200, contacts)).toEqual([]);
    const id = contacts.items[0].id;
    const tickets = await post('Tickets/query', { filter: [{ op: 'eq', field: 'contactID', value: id }] });
    expect(tickets.items.length).toBe(2);
    expect(check('Tickets_Query', 200, tickets)).toEqual([]);
    const notes = await post('TicketNotes/query', {
      filter: [{ op: 'in', field: 'ticketID', value: tickets.items.map((t: { id: number }) => t.id) }],
    });
    expect(check('TicketNotes_Query', 200, notes)).toEqual([]);
    const item = await (await fetch(`${c.baseUrl}/V1.0/Contacts/${id}`, { headers })).json();
    expect(check('Contacts_QueryItem', 200, item)).toEqual([]);
    const patched = await (
      await fetch(`${c.baseUrl}/V1.0/Companies/174/Contacts`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ id, title: 'Manager' }),
      })
    ).json();
    expect(check('CompanyContactsChild_PatchEntity', 200, patched)).toEqual([]);
    // And the check can fail: a contact whose id is text is not Autotask's shape.
    expect(check('Contacts_QueryItem', 200, { item: { id: 'seven' } })).not.toEqual([]);
  });

  it('Microsoft Graph: the user list and memberships', async () => {
    const c = graph.credentials('client');
    const headers = await bearer(c.tokenUrl!, c.clientId!, c.clientSecret!);
    const users = await (
      await fetch(`${c.graphUrl}/users?$filter=${encodeURIComponent(`mail eq '${alex.email}'`)}&$select=id,displayName,mail`, {
        headers,
      })
    ).json();
    const groups = await (await fetch(`${c.graphUrl}/users/${users.value[0].id}/memberOf`, { headers })).json();
    // Compiling Graph's response schemas blocks for seconds: only once every answer is in.
    const check = await contract(graphDocument);
    expect(check('user_ListUser', 200, users)).toEqual([]);
    expect(check('user_ListMemberGraphOPre', 200, groups)).toEqual([]);
    expect(check('user_ListUser', 200, { value: [{ id: 7 }] })).not.toEqual([]);
  });
});
