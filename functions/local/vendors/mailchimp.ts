/** Mailchimp Marketing API stand-in, validated against Mailchimp's own published document (members subset). */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { subscriberHash } from '../../connectors/mailchimp.ts';
import { type DemoPerson, daysAgoIso } from './demo-people.ts';
import { type StandInAnswer, type StandInRequest, startVendorStandIn, type VendorStandIn } from './stand-in.ts';

export const mailchimpDocument = fileURLToPath(
  new URL('../vendor-apis/mailchimp/mailchimp-marketing-3.0.55-members-subset.json', import.meta.url),
);

type Row = Record<string, unknown>;

interface Member extends Row {
  id: string;
  email_address: string;
  list_id: string;
  status: string;
}

interface Instance {
  lists: Map<string, Row>;
  /** By `<list id>/<subscriber hash>`. */
  members: Map<string, Member>;
  notes: Map<string, Row[]>;
  activity: Map<string, Row[]>;
  /** Permanently deleted: Mailchimp refuses to add them again. */
  forgotten: Set<string>;
  nextNote: number;
}

export interface MailchimpStandIn extends VendorStandIn {
  /** Adds a person to the instance's audience, with a note and some campaign activity. */
  add(instance: string, person: DemoPerson, status?: 'subscribed' | 'unsubscribed'): string;
  credentials(instance: string): Record<string, string>;
  /** The instance's one audience id. */
  audience(instance: string): string;
}

const notFound: StandInAnswer = {
  status: 404,
  body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Resource Not Found', status: 404 },
};

/** A stand-in API key per instance, shaped as Mailchimp's (hex, then the data centre). */
const apiKeyOf = (instance: string) => `${createHash('sha256').update(instance).digest('hex').slice(0, 32)}-us1`;
const audienceOf = (instance: string) => createHash('sha256').update(`list:${instance}`).digest('hex').slice(0, 10);

export async function startMailchimpStandIn(instances: Record<string, DemoPerson[]>, port?: number): Promise<MailchimpStandIn> {
  const data = new Map<string, Instance>();
  const at = (instance: string) => {
    let d = data.get(instance);
    if (!d) {
      const listId = audienceOf(instance);
      d = {
        lists: new Map([[listId, { id: listId, web_id: 1, name: 'Newsletter', stats: { member_count: 0 } }]]),
        members: new Map(),
        notes: new Map(),
        activity: new Map(),
        forgotten: new Set(),
        nextNote: 1,
      };
      data.set(instance, d);
    }
    return d;
  };
  const add = (instance: string, person: DemoPerson, status: 'subscribed' | 'unsubscribed' = 'subscribed') => {
    const d = at(instance);
    const list = audienceOf(instance);
    const id = subscriberHash(person.email);
    const key = `${list}/${id}`;
    d.members.set(key, {
      id,
      email_address: person.email,
      unique_email_id: id.slice(0, 10),
      full_name: `${person.firstName} ${person.lastName}`,
      status,
      merge_fields: { FNAME: person.firstName, LNAME: person.lastName },
      ip_signup: '',
      timestamp_signup: daysAgoIso(500),
      ip_opt: '',
      timestamp_opt: daysAgoIso(500),
      last_changed: daysAgoIso(30),
      language: 'en',
      vip: false,
      source: 'Import',
      tags: [{ id: 1, name: 'Customer' }],
      list_id: list,
    });
    d.notes.set(key, [
      { id: d.nextNote++, note: 'Asked for the security bulletin only.', created_at: daysAgoIso(200), created_by: 'Office' },
    ]);
    d.activity.set(key, [
      { activity_type: 'open', created_at_timestamp: daysAgoIso(20), campaign_id: 'c1', campaign_title: 'Security bulletin' },
      { activity_type: 'sent', created_at_timestamp: daysAgoIso(21), campaign_id: 'c1', campaign_title: 'Security bulletin' },
    ]);
    return id;
  };
  for (const [instance, people] of Object.entries(instances)) for (const person of people) add(instance, person);

  const memberKey = (req: StandInRequest) => `${req.params.list_id}/${req.params.subscriber_hash}`;
  const member = (req: StandInRequest) => at(req.instance).members.get(memberKey(req));
  const page = <T>(req: StandInRequest, rows: T[]) => {
    const count = Number(req.query.count ?? 10);
    const offset = Number(req.query.offset ?? 0);
    return rows.slice(offset, offset + count);
  };
  const live = (m: Member) => m.status !== 'archived';

  const standIn = await startVendorStandIn({
    name: 'Mailchimp',
    document: mailchimpDocument,
    apiRoot: '/3.0',
    port,
    authenticate: (instance, headers) => {
      const header = typeof headers.authorization === 'string' ? headers.authorization : '';
      const [, password = ''] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
        .toString('utf8')
        .split(':');
      return password === apiKeyOf(instance) ? true : 'API Key Invalid';
    },
    handlers: {
      'get /lists': (req) => {
        const lists = [...at(req.instance).lists.values()];
        return { status: 200, body: { lists: page(req, lists), total_items: lists.length } };
      },
      'get /lists/{list_id}': (req) => {
        const list = at(req.instance).lists.get(String(req.params.list_id));
        return list ? { status: 200, body: list } : notFound;
      },
      'get /search-members': (req) => {
        const query = String(req.query.query ?? '').toLowerCase();
        const matches = [...at(req.instance).members.values()].filter(
          (m) => live(m) && m.email_address.toLowerCase() === query && (!req.query.list_id || m.list_id === req.query.list_id),
        );
        return {
          status: 200,
          body: {
            exact_matches: { members: matches, total_items: matches.length },
            full_search: { members: [], total_items: 0 },
          },
        };
      },
      'get /lists/{list_id}/members': (req) => {
        const rows = [...at(req.instance).members.values()].filter(
          (m) => m.list_id === req.params.list_id && live(m) && (!req.query.status || m.status === req.query.status),
        );
        return { status: 200, body: { members: page(req, rows), list_id: req.params.list_id, total_items: rows.length } };
      },
      'get /lists/{list_id}/members/{subscriber_hash}': (req) => {
        const m = member(req);
        return m ? { status: 200, body: m } : notFound;
      },
      'patch /lists/{list_id}/members/{subscriber_hash}': (req) => {
        const m = member(req);
        if (!m) return notFound;
        const change = req.body as Row;
        Object.assign(m, change, { id: m.id, list_id: m.list_id, last_changed: new Date().toISOString() });
        return { status: 200, body: m };
      },
      'put /lists/{list_id}/members/{subscriber_hash}': (req) => {
        const d = at(req.instance);
        const key = memberKey(req);
        if (d.forgotten.has(key))
          return {
            status: 400,
            body: { title: 'Forgotten Email Not Subscribed', status: 400, detail: 'was permanently deleted' },
          };
        const change = req.body as Row;
        const existing = d.members.get(key);
        const saved = {
          ...(existing ?? { id: String(req.params.subscriber_hash), list_id: String(req.params.list_id), tags: [] }),
          ...change,
          status: String(change.status ?? change.status_if_new ?? existing?.status ?? 'subscribed'),
        } as Member;
        d.members.set(key, saved);
        return { status: 200, body: saved };
      },
      // Mailchimp's DELETE archives: the member leaves the audience, its record stays.
      'delete /lists/{list_id}/members/{subscriber_hash}': (req) => {
        const m = member(req);
        if (!m || !live(m)) return notFound;
        m.status = 'archived';
        return { status: 204 };
      },
      'post /lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent': (req) => {
        const d = at(req.instance);
        const key = memberKey(req);
        if (!d.members.delete(key)) return notFound;
        d.notes.delete(key);
        d.activity.delete(key);
        d.forgotten.add(key);
        return { status: 204 };
      },
      'get /lists/{list_id}/members/{subscriber_hash}/activity-feed': (req) => {
        if (!member(req)) return notFound;
        const rows = at(req.instance).activity.get(memberKey(req)) ?? [];
        return { status: 200, body: { activity: page(req, rows), total_items: rows.length, list_id: req.params.list_id } };
      },
      'get /lists/{list_id}/members/{subscriber_hash}/notes': (req) => {
        if (!member(req)) return notFound;
        const rows = at(req.instance).notes.get(memberKey(req)) ?? [];
        return { status: 200, body: { notes: page(req, rows), total_items: rows.length, list_id: req.params.list_id } };
      },
      'delete /lists/{list_id}/members/{subscriber_hash}/notes/{note_id}': (req) => {
        const rows = at(req.instance).notes.get(memberKey(req)) ?? [];
        const i = rows.findIndex((n) => String(n.id) === String(req.params.note_id));
        if (i < 0) return notFound;
        rows.splice(i, 1);
        return { status: 204 };
      },
      'get /lists/{list_id}/members/{subscriber_hash}/tags': (req) => {
        const m = member(req);
        if (!m) return notFound;
        const tags = (m.tags as Row[]) ?? [];
        return { status: 200, body: { tags: page(req, tags), total_items: tags.length } };
      },
    },
  });
  return {
    ...standIn,
    add,
    audience: audienceOf,
    credentials: (instance) => ({ apiKey: apiKeyOf(instance), baseUrl: standIn.baseUrl(instance) }),
  };
}
