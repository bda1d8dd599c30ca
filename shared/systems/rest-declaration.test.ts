import { describe, expect, it } from 'vitest';
import { RestApi, restModes } from './rest-declaration.ts';

const base = {
  auth: { type: 'api-key', header: 'X-Api-Key' },
  find: { path: '/people', items: 'data', email: 'email' },
};
const issues = (objects: unknown) => {
  const result = RestApi.safeParse({ ...base, objects });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a declared REST API, beyond the basics', () => {
  it('reads a kind of record per record of another (a ticket’s actions), one level deep, naming a kind that exists', () => {
    const ticket = { path: '/tickets', query: { person: '{person}' }, items: 'data', fields: ['title'] };
    const action = { path: '/actions', query: { ticket: '{parent}' }, items: 'data', fields: ['note'], for: 'ticket' };
    expect(issues({ ticket, action })).toEqual([]);
    expect(issues({ ticket, action: { ...action, for: 'tickets' } })).toEqual([
      'objects.action.for: no other kind of record is called "tickets"',
    ]);
    expect(issues({ ticket: { ...ticket, for: 'action' }, action })).toEqual([
      'objects.ticket.for: "action" is itself read per record of another kind: one level only',
      'objects.action.for: "ticket" is itself read per record of another kind: one level only',
    ]);
  });

  it('anonymises by its own call, or by the update call with fields set as they are; neither half of its own call alone', () => {
    const person = { path: '/people/{person}', fields: ['name'] };
    const update = { method: 'POST', path: '/people', idField: 'id', list: true };
    expect(issues({ person: { ...person, update, anonymise: { set: { inactive: true } } } })).toEqual([]);
    expect(issues({ person: { ...person, anonymise: { set: { inactive: true } } } })).toEqual([
      'objects.person.anonymise: give its method and path, or declare the update call (update) it uses',
    ]);
    expect(issues({ person: { ...person, anonymise: { method: 'PATCH' } } })[0]).toMatch(/give both method and path, or neither/);
    const parsed = RestApi.parse({ ...base, objects: { person: { ...person, update, anonymise: {} } } });
    expect(restModes(parsed.objects.person!)).toEqual(['anonymise', 'keep']);
    expect(restModes(RestApi.parse({ ...base, objects: { person } }).objects.person!)).toEqual(['keep']);
  });

  it('pages by number with a total and fixed parameters, per list where it differs', () => {
    const pagination = {
      type: 'page',
      param: 'page_no',
      sizeParam: 'page_size',
      size: 100,
      total: 'record_count',
      query: { pageinate: 'true' },
    };
    const parsed = RestApi.parse({
      ...base,
      pagination,
      objects: { person: { path: '/p/{person}', fields: ['a'], pagination: { type: 'none' } } },
    });
    expect(parsed.pagination).toEqual(pagination);
    expect(parsed.objects.person?.pagination).toEqual({ type: 'none' });
  });
});
