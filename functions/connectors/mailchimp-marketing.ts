/**
 * Mailchimp as a marketing system: unsubscribing a membership where the centre's scope reaches
 * it, and listing every audience's members for reconciliation. Only member status is written
 * (PATCH `status: unsubscribed`); nobody is ever subscribed by the centre.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import type { ListMember, SuppressResult, SuppressScope, SystemPerson } from '../../shared/systems/connector.ts';
import type { SystemDeclaration } from '../../shared/systems/declaration.ts';
import type { HttpClient } from './http-client.ts';

/** Mailchimp's largest page. */
const PAGE = 1000;

const Status = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ id: z.string(), list_id: z.string(), status: z.string().nullish() }),
);
const Lists = /* @__PURE__ */ lazySchema(() =>
  z.object({
    lists: z.array(z.looseObject({ id: z.string(), name: z.string().nullish() })),
    total_items: z.number().int(),
  }),
);
const Members = /* @__PURE__ */ lazySchema(() =>
  z.object({
    members: z.array(
      z.looseObject({
        id: z.string(),
        email_address: z.string(),
        full_name: z.string().nullish(),
        status: z.string().nullish(),
        last_changed: z.string().nullish(),
      }),
    ),
    total_items: z.number().int(),
  }),
);

const gone = new Set(['unsubscribed', 'archived', 'cleaned']);

/** Unsubscribes one membership: its status is the only thing the centre ever writes to a member. */
export const unsubscribeMember = (http: HttpClient, path: string) =>
  http.request({ operation: 'unsubscribe member', method: 'PATCH', path, body: { status: 'unsubscribed' }, schema: Status });

/** Whether the scope reaches a list: every list, or one mapped to a topic turned off. */
export function inScope(system: SystemDeclaration, listId: string, scope: SuppressScope): boolean {
  if (scope.everywhere) return true;
  const topic = system.lists?.find((l) => l.id === listId)?.topic;
  return topic !== undefined && scope.topics.includes(topic);
}

export function mailchimpMarketing(http: HttpClient, system: SystemDeclaration, memberPath: (person: SystemPerson) => string) {
  return {
    async suppress(person: SystemPerson, scope: SuppressScope): Promise<SuppressResult> {
      const list = person.context?.listId ?? '';
      const ref = `member:${list}:${person.ref}`;
      if (!inScope(system, list, scope)) return { ref, list, result: 'out-of-scope' };
      const member = await http.requestOrAbsent({
        operation: 'read member',
        method: 'GET',
        path: memberPath(person),
        query: { fields: 'id,list_id,status' },
        schema: Status,
      });
      if (!member) return { ref, list, result: 'absent' };
      if (gone.has(member.status ?? '')) return { ref, list, result: 'already' };
      await unsubscribeMember(http, memberPath(person));
      return { ref, list, result: 'unsubscribed' };
    },

    /** Every audience, then every member of each, a page of 1,000 at a time (archived members are not listed). */
    async *listMembers(): AsyncIterable<ListMember[]> {
      const lists: { id: string; name: string }[] = [];
      for (let offset = 0; ; ) {
        const page = await http.request({
          operation: 'list audiences',
          method: 'GET',
          path: 'lists',
          query: { count: PAGE, offset, fields: 'lists.id,lists.name,total_items' },
          schema: Lists,
        });
        lists.push(...page.lists.map((l) => ({ id: l.id, name: l.name || l.id })));
        offset += page.lists.length;
        if (page.lists.length === 0 || offset >= page.total_items) break;
      }
      for (const list of lists) {
        for (let offset = 0; ; ) {
          const page = await http.request({
            operation: 'list members',
            method: 'GET',
            path: `lists/${encodeURIComponent(list.id)}/members`,
            query: {
              count: PAGE,
              offset,
              fields: 'members.id,members.email_address,members.full_name,members.status,members.last_changed,total_items',
            },
            schema: Members,
          });
          yield page.members.map((m) => ({
            email: m.email_address,
            person: { ref: m.id, context: { listId: list.id }, label: m.full_name || 'Mailchimp member' },
            list,
            status: m.status === 'subscribed' ? 'subscribed' : m.status === 'unsubscribed' ? 'unsubscribed' : 'other',
            ...(m.last_changed ? { changedAt: new Date(m.last_changed).toISOString() } : {}),
          }));
          offset += page.members.length;
          if (page.members.length === 0 || offset >= page.total_items) break;
        }
      }
    },
  };
}
