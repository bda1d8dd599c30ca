/**
 * Mailchimp Marketing API 3.0. An API key of a user whose role may view and edit audience members
 * (Manager is enough; no account, billing or campaign rights are used). Basic authentication with
 * any user name and the key; the data centre is the key's suffix (`…-us21`). A person is one
 * membership per audience: each is found, read, unsubscribed and erased on its own.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import type { Connector, RecordErasure, SystemPerson, SystemRecord } from '../../shared/systems/connector.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { collectPages, createHttpClient } from './http-client.ts';
import { mailchimpMarketing, unsubscribeMember } from './mailchimp-marketing.ts';
import { type ConnectorOptions, clean, clientSettings } from './options.ts';

export const MailchimpCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({
    apiKey: z.string().regex(/^[0-9a-f]+-[a-z]+\d+$/i, 'a Mailchimp API key ends with its data centre, e.g. -us21'),
    /** Only for a stand-in or a proxy: the API root is otherwise worked out from the key. */
    baseUrl: z.url().optional(),
  }),
);

const PAGE = 1000;
const memberFields = [
  'email_address',
  'full_name',
  'status',
  'language',
  'vip',
  'ip_signup',
  'timestamp_signup',
  'ip_opt',
  'timestamp_opt',
  'last_changed',
  'source',
];
const noteFields = ['note', 'created_at', 'created_by'];
const activityFields = ['activity_type', 'created_at_timestamp', 'campaign_title', 'title', 'link_clicked'];

/** Mailchimp's member id: the MD5 of the lower-cased address (its documented `subscriber_hash`). */
export const subscriberHash = (email: string) => createHash('md5').update(email.toLowerCase()).digest('hex');

const Member = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string(),
    email_address: z.string(),
    list_id: z.string(),
    full_name: z.string().nullish(),
    status: z.string().nullish(),
    merge_fields: z.record(z.string(), z.unknown()).nullish(),
    tags: z.array(z.looseObject({ name: z.string() })).nullish(),
    timestamp_signup: z.string().nullish(),
  }),
);
const Search = /* @__PURE__ */ lazySchema(() => z.object({ exact_matches: z.object({ members: z.array(Member) }).optional() }));
const Notes = /* @__PURE__ */ lazySchema(() =>
  z.object({ notes: z.array(z.looseObject({ id: z.number().int() })), total_items: z.number().int() }),
);
const Activity = /* @__PURE__ */ lazySchema(() =>
  z.object({ activity: z.array(z.looseObject({})), total_items: z.number().int() }),
);
const Empty = /* @__PURE__ */ lazySchema(() => z.unknown().transform(() => true));

export function mailchimpConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = MailchimpCredentials.parse(options.credentials);
  const dataCentre = creds.apiKey.split('-').pop();
  const basic = `Basic ${Buffer.from(`privacy-centre:${creds.apiKey}`).toString('base64')}`;
  const http = createHttpClient({
    baseUrl: creds.baseUrl ?? `https://${dataCentre}.api.mailchimp.com/3.0`,
    system: system.name,
    auth: async () => ({ authorization: basic }),
    ...clientSettings(options),
  });
  const memberPath = (person: SystemPerson) =>
    `lists/${encodeURIComponent(person.context?.listId ?? '')}/members/${encodeURIComponent(person.ref)}`;

  /** Mailchimp pages by count and offset, and says how many there are. */
  const paged = <T>(key: (row: T, i: number) => string, fetchPage: (offset: number) => Promise<{ total: number; rows: T[] }>) =>
    collectPages<T, number>(
      async (cursor) => {
        const offset = cursor ?? 0;
        const { total, rows } = await fetchPage(offset);
        return { items: rows, next: offset + rows.length < total ? offset + rows.length : undefined };
      },
      (row) => key(row, 0),
    );

  const listNotes = (person: SystemPerson) =>
    paged(
      (n: { id: number }) => String(n.id),
      async (offset) => {
        const page = await http.request({
          operation: 'read notes',
          method: 'GET',
          path: `${memberPath(person)}/notes`,
          query: { count: PAGE, offset },
          schema: Notes,
        });
        return { total: page.total_items, rows: page.notes };
      },
    );

  const listActivity = async (person: SystemPerson, memberId: string) => {
    const rows = await paged(
      (a: Record<string, unknown>) => `${a.activity_type}:${a.created_at_timestamp}:${a.campaign_id ?? ''}`,
      async (offset) => {
        const page = await http.request({
          operation: 'read activity',
          method: 'GET',
          path: `${memberPath(person)}/activity-feed`,
          query: { count: PAGE, offset },
          schema: Activity,
        });
        return { total: page.total_items, rows: page.activity as Record<string, unknown>[] };
      },
    );
    const list = person.context?.listId ?? '';
    return rows.map((row, i) => ({
      ref: `activity:${list}:${memberId}:${String(row.created_at_timestamp ?? i)}:${String(row.activity_type ?? '')}`,
      row,
    }));
  };

  return {
    async find(identity) {
      const wanted = identity.value.toLowerCase();
      const found = await http.request({
        operation: 'find members',
        method: 'GET',
        path: 'search-members',
        query: { query: identity.value },
        schema: Search,
      });
      // One person per audience they are in; the hash is the member's id in that audience.
      return (found.exact_matches?.members ?? [])
        .filter((m) => m.email_address.toLowerCase() === wanted)
        .map((m) => ({ ref: m.id, context: { listId: m.list_id }, label: m.full_name || 'Mailchimp member' }));
    },

    async read(person) {
      const member = await http.requestOrAbsent({
        operation: 'read member',
        method: 'GET',
        path: memberPath(person),
        schema: Member,
      });
      if (!member) return [];
      const list = member.list_id;
      const records: SystemRecord[] = [];
      const memberMapping = mappingOf(system, 'member');
      if (memberMapping)
        records.push({
          ref: `member:${list}:${member.id}`,
          object: 'member',
          category: memberMapping.category,
          data: {
            audience: list,
            ...clean(member, memberFields),
            ...Object.fromEntries(
              Object.entries(member.merge_fields ?? {})
                .filter(([, v]) => typeof v === 'string' && v !== '')
                .map(([k, v]) => [`merge_${k}`, v as string]),
            ),
            tags: (member.tags ?? []).map((t) => t.name).join(', '),
          },
          ...(member.timestamp_signup ? { createdAt: member.timestamp_signup } : {}),
        });
      const noteMapping = mappingOf(system, 'note');
      if (noteMapping)
        for (const n of await listNotes(person))
          records.push({
            ref: `note:${list}:${n.id}`,
            object: 'note',
            category: noteMapping.category,
            data: clean(n, noteFields),
          });
      const activityMapping = mappingOf(system, 'activity');
      if (activityMapping)
        for (const a of await listActivity(person, member.id))
          records.push({
            ref: a.ref,
            object: 'activity',
            category: activityMapping.category,
            data: clean(a.row, activityFields),
          });
      return records;
    },

    async erase(person) {
      const list = person.context?.listId ?? '';
      const ref = `member:${list}:${person.ref}`;
      const member = erasureFor(system, 'member', person.ref);
      const exists = await http.requestOrAbsent({
        operation: 'read member',
        method: 'GET',
        path: memberPath(person),
        schema: Member,
      });
      if (!exists) return [{ ref, object: 'member', result: 'absent' }];
      // Read first, so the outcome names every note and activity line, whichever way they go.
      const notes = mappingOf(system, 'note') ? await listNotes(person) : [];
      const activity = mappingOf(system, 'activity') ? await listActivity(person, exists.id) : [];
      const out: RecordErasure[] = [];
      if (member.mode === 'delete') {
        // Permanent deletion takes the member's notes and activity with it.
        const done = await http.requestOrAbsent({
          operation: 'delete member permanently',
          method: 'POST',
          path: `${memberPath(person)}/actions/delete-permanent`,
          schema: Empty,
        });
        if (!done) return [{ ref, object: 'member', result: 'absent' }];
        out.push({ ref, object: 'member', result: 'erased' });
        for (const n of notes) out.push({ ref: `note:${list}:${n.id}`, object: 'note', result: 'erased' });
        for (const a of activity) out.push({ ref: a.ref, object: 'activity', result: 'erased' });
        return out;
      }
      const noteErasure = erasureFor(system, 'note', person.ref);
      for (const n of notes) {
        const noteRef = `note:${list}:${n.id}`;
        if (noteErasure.mode === 'keep') out.push(keptRecord(noteRef, 'note', noteErasure));
        else {
          const gone = await http.requestOrAbsent({
            operation: 'delete note',
            method: 'DELETE',
            path: `${memberPath(person)}/notes/${n.id}`,
            schema: Empty,
          });
          out.push({ ref: noteRef, object: 'note', result: gone ? 'erased' : 'absent' });
        }
      }
      // Kept: unsubscribed first, so the address is never mailed again, then archived out of the audience.
      if (exists.status !== 'unsubscribed' && exists.status !== 'archived') await unsubscribeMember(http, memberPath(person));
      await http.requestOrAbsent({ operation: 'archive member', method: 'DELETE', path: memberPath(person), schema: Empty });
      // The declaration allows only delete or keep for a member (kinds.ts): this is its keep.
      const kept =
        member.mode === 'keep'
          ? member
          : { mode: 'keep' as const, retention: 'marketing', reason: 'archived in Mailchimp, which keeps its history' };
      out.push(keptRecord(ref, 'member', kept));
      for (const a of activity) out.push(keptRecord(a.ref, 'activity', kept));
      return out;
    },

    ...mailchimpMarketing(http, system, memberPath),
  };
}
