/**
 * Microsoft Graph (a client's Microsoft 365 / Entra ID). Application permissions needed:
 * User.Read.All (find, read), GroupMember.Read.All (memberships), User.ReadWrite.All (delete and
 * permanent delete). `exportPersonalData` (User.Export.All) would add what Microsoft holds beyond
 * the directory (mailbox, OneDrive, Teams content) as an asynchronous export to a storage account;
 * the centre reads the directory profile and memberships and does not call it.
 */
import * as z from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import type { Connector, RecordErasure, SystemPerson, SystemRecord } from '../../shared/systems/connector.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { collectPages } from './http-client.ts';
import { clientCredentialsClient } from './oauth.ts';
import { type ConnectorOptions, clean } from './options.ts';

export const GraphCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    tokenUrl: z.url().optional(),
    graphUrl: z.url().optional(),
  }),
);

const profileFields = [
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'mobilePhone',
  'businessPhones',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'createdDateTime',
];

const User = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ id: z.string().min(1), displayName: z.string().nullish(), createdDateTime: z.string().nullish() }),
);
const Page = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item), '@odata.nextLink': z.url().optional() });
const Group = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ id: z.string().min(1), displayName: z.string().nullish(), '@odata.type': z.string().optional() }),
);

/** OData string literal: a quote is doubled. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function graphConnector(options: ConnectorOptions): Connector {
  const { system } = options;
  const creds = GraphCredentials.parse(options.credentials);
  const http = clientCredentialsClient(options, creds.graphUrl ?? 'https://graph.microsoft.com/v1.0', {
    tokenUrl: creds.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(creds.tenantId)}/oauth2/v2.0/token`,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });

  const pages = <T>(operation: string, path: string, query: Record<string, string>, item: z.ZodType<T>) =>
    collectPages<T, string>(
      async (next) => {
        const page = await http.request({
          operation,
          method: 'GET',
          path: next ?? path,
          query: next ? {} : query,
          schema: Page(item),
        });
        return { items: page.value as T[], next: page['@odata.nextLink'] };
      },
      (x) => (x as { id: string }).id,
    );

  return {
    async find(identity) {
      const users = await pages(
        'find users',
        'users',
        { $filter: `mail eq ${literal(identity.value)}`, $select: 'id,displayName' },
        User,
      );
      return users.map((u) => ({ ref: u.id, label: u.displayName ?? 'Microsoft 365 user' }));
    },

    async read(person: SystemPerson) {
      const records: SystemRecord[] = [];
      const userMapping = mappingOf(system, 'user');
      if (userMapping) {
        const user = await http.requestOrAbsent({
          operation: 'read user',
          method: 'GET',
          path: `users/${encodeURIComponent(person.ref)}`,
          query: { $select: ['id', ...profileFields].join(',') },
          schema: User,
        });
        if (!user) return [];
        records.push({
          ref: `user:${user.id}`,
          object: 'user',
          category: userMapping.category,
          data: clean(user, profileFields),
          ...(user.createdDateTime ? { createdAt: user.createdDateTime } : {}),
        });
      }
      const groupMapping = mappingOf(system, 'group-membership');
      if (groupMapping) {
        const groups = await pages(
          'read memberships',
          `users/${encodeURIComponent(person.ref)}/memberOf`,
          { $top: '100' },
          Group,
        );
        for (const group of groups) {
          records.push({
            ref: `group-membership:${person.ref}:${group.id}`,
            object: 'group-membership',
            category: groupMapping.category,
            data: { group: group.displayName ?? group.id },
          });
        }
      }
      return records;
    },

    async erase(person) {
      const erasure = erasureFor(system, 'user', person.ref);
      const ref = `user:${person.ref}`;
      if (erasure.mode === 'keep') return [keptRecord(ref, 'user', erasure)];
      const path = encodeURIComponent(person.ref);
      // The user's group memberships end with the user: each is reported, so the letter accounts
      // for every record the search found. Listed first (only while the user still exists).
      const groupMapping = mappingOf(system, 'group-membership');
      const exists =
        groupMapping &&
        (await http.requestOrAbsent({
          operation: 'read user',
          method: 'GET',
          path: `users/${path}`,
          query: { $select: 'id' },
          schema: User,
        }));
      const groups = exists ? await pages('read memberships', `users/${path}/memberOf`, { $top: '100' }, Group) : [];
      // Delete, then purge from deleted items (else it is restorable for 30 days). Either already gone: fine.
      const deleted = await http.requestOrAbsent({
        operation: 'delete user',
        method: 'DELETE',
        path: `users/${path}`,
        schema: z.unknown().transform(() => true),
      });
      const purged = await http.requestOrAbsent({
        operation: 'purge deleted user',
        method: 'DELETE',
        path: `directory/deletedItems/${path}`,
        schema: z.unknown().transform(() => true),
      });
      const user: RecordErasure = { ref, object: 'user', result: deleted || purged ? 'erased' : 'absent' };
      return [
        user,
        ...(deleted
          ? groups.map(
              (group): RecordErasure => ({
                ref: `group-membership:${person.ref}:${group.id}`,
                object: 'group-membership',
                result: 'erased',
              }),
            )
          : []),
      ];
    },
  };
}
