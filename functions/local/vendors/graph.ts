/** Microsoft Graph (Entra ID users) stand-in, validated against Microsoft's own document. */
import { fileURLToPath } from 'node:url';
import { type DemoPerson, daysAgoIso, type PeopleStandIn, peoplePerInstance } from './demo-people.ts';
import { type StandInAnswer, type StandInRequest, startVendorStandIn } from './stand-in.ts';
import { bearerSignIn, demoClient, newId } from './tokens.ts';

export const graphDocument = fileURLToPath(
  new URL('../vendor-apis/msgraph/graph-v1.0-users-subset.2023-10.ps-modules.normalised.json', import.meta.url),
);

interface GraphUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  userPrincipalName: string;
  mobilePhone: string | null;
  businessPhones: string[];
  jobTitle: string | null;
  companyName: string | null;
  createdDateTime: string;
}

interface Tenant {
  users: Map<string, GraphUser>;
  deleted: Map<string, GraphUser & { deletedDateTime: string }>;
  groups: Map<string, { id: string; displayName: string }[]>;
}

const error = (status: number, code: string, message: string): StandInAnswer => ({ status, body: { error: { code, message } } });

export type GraphStandIn = PeopleStandIn<string>;

export async function startGraphStandIn(instances: Record<string, DemoPerson[]>, port?: number): Promise<GraphStandIn> {
  const { at: tenant, addAll } = peoplePerInstance<Tenant>(() => ({ users: new Map(), deleted: new Map(), groups: new Map() }));
  const add = (instance: string, person: DemoPerson) => {
    const id = newId();
    const domain = person.email.split('@')[1];
    tenant(instance).users.set(id, {
      id,
      displayName: `${person.firstName} ${person.lastName}`,
      givenName: person.firstName,
      surname: person.lastName,
      mail: person.email,
      userPrincipalName: `${person.firstName}.${person.lastName}@${domain}`.toLowerCase(),
      mobilePhone: person.mobile ?? null,
      businessPhones: person.phone ? [person.phone] : [],
      jobTitle: person.jobTitle ?? null,
      companyName: person.employer ?? null,
      createdDateTime: daysAgoIso(400),
    });
    tenant(instance).groups.set(id, [
      { id: newId(), displayName: 'All Staff' },
      ...(person.jobTitle ? [{ id: newId(), displayName: `${person.jobTitle} team` }] : []),
    ]);
    return id;
  };
  addAll(instances, add);

  const page = <T>(req: StandInRequest, items: T[], defaultTop: number): StandInAnswer => {
    const top = Math.min(Number(req.query.$top ?? defaultTop), 999);
    const skip = Number(req.url.searchParams.get('$skiptoken') ?? req.query.$skip ?? 0);
    const value = items.slice(skip, skip + top);
    const next = new URL(req.url);
    next.searchParams.set('$skiptoken', String(skip + top));
    return { status: 200, body: { value, ...(skip + top < items.length ? { '@odata.nextLink': next.toString() } : {}) } };
  };

  const standIn = await startVendorStandIn({
    name: 'Microsoft Graph',
    document: graphDocument,
    apiRoot: '/v1.0',
    port,
    linkParams: ['$skiptoken'],
    ...bearerSignIn('/oauth2/v2.0/token'),
    handlers: {
      'get /users': (req) => {
        const filter = String(req.query.$filter ?? '');
        const match = filter.match(/^mail eq '((?:[^']|'')*)'$/);
        if (!match) return error(400, 'Request_UnsupportedQuery', 'Unsupported or invalid query filter clause specified.');
        const mail = match[1]!.replaceAll("''", "'").toLowerCase();
        const users = [...tenant(req.instance).users.values()].filter((u) => u.mail.toLowerCase() === mail);
        return page(req, users, 100);
      },
      'get /users/{user-id}': (req) => {
        const user = tenant(req.instance).users.get(req.params['user-id']!);
        return user ? { status: 200, body: user } : error(404, 'Request_ResourceNotFound', 'Resource does not exist.');
      },
      'get /users/{user-id}/memberOf': (req) => {
        const t = tenant(req.instance);
        if (!t.users.has(req.params['user-id']!)) return error(404, 'Request_ResourceNotFound', 'Resource does not exist.');
        const groups = (t.groups.get(req.params['user-id']!) ?? []).map((g) => ({
          '@odata.type': '#microsoft.graph.group',
          ...g,
        }));
        return page(req, groups, 100);
      },
      'delete /users/{user-id}': (req) => {
        const t = tenant(req.instance);
        const user = t.users.get(req.params['user-id']!);
        if (!user) return error(404, 'Request_ResourceNotFound', 'Resource does not exist.');
        t.users.delete(user.id);
        t.deleted.set(user.id, { ...user, deletedDateTime: new Date().toISOString() });
        return { status: 204 };
      },
      'get /directory/deletedItems/{directoryObject-id}': (req) => {
        const user = tenant(req.instance).deleted.get(req.params['directoryObject-id']!);
        return user
          ? { status: 200, body: { '@odata.type': '#microsoft.graph.user', ...user } }
          : error(404, 'Request_ResourceNotFound', 'Resource does not exist.');
      },
      'delete /directory/deletedItems/{directoryObject-id}': (req) => {
        const t = tenant(req.instance);
        const id = req.params['directoryObject-id']!;
        if (!t.deleted.has(id)) return error(404, 'Request_ResourceNotFound', 'Resource does not exist.');
        t.deleted.delete(id);
        t.groups.delete(id);
        return { status: 204 };
      },
    },
  });
  return {
    ...standIn,
    add,
    credentials: (instance) => ({
      tenantId: instance,
      ...demoClient(instance),
      tokenUrl: `${standIn.origin}/${instance}/oauth2/v2.0/token`,
      graphUrl: standIn.baseUrl(instance),
    }),
  };
}
