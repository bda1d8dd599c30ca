/**
 * Where a connector's credentials come from. Never the policy: a git-ignored file locally
 * (`.local/system-credentials.json`), Secrets Manager on AWS (one secret per tenant and system).
 * Each connector checks the shape it needs with its own schema.
 */
import { readFile } from 'node:fs/promises';
import { readSecrets } from '../adapters/secrets/secrets-manager.ts';

export interface CredentialSource {
  /** The system's credentials as stored; throws with a plain message (no value) when there are none. */
  get(tenant: string, systemId: string): Promise<unknown>;
}

export class MissingCredentials extends Error {
  constructor(tenant: string, systemId: string, where: string) {
    super(`No credentials for system "${systemId}" of tenant "${tenant}" in ${where}`);
    this.name = 'MissingCredentials';
  }
}

/** `{ "<tenant>": { "<system id>": { ... } } }`, read once on first use. */
export function fileCredentials(path: string): CredentialSource {
  let all: Promise<Record<string, Record<string, unknown>>> | undefined;
  return {
    async get(tenant, systemId) {
      all ??= readFile(path, 'utf8')
        .then((text) => JSON.parse(text) as Record<string, Record<string, unknown>>)
        .catch((error: NodeJS.ErrnoException) => {
          all = undefined;
          if (error.code === 'ENOENT') return {};
          throw new Error(`${path} is not readable JSON`);
        });
      const value = (await all)[tenant]?.[systemId];
      if (value === undefined) throw new MissingCredentials(tenant, systemId, path);
      return value;
    },
  };
}

/** The secret named `<prefix>/<tenant>/<system id>` (a JSON string), read on first use and kept. */
export function secretsManagerCredentials(options: { region: string; prefix?: string }): CredentialSource {
  const prefix = options.prefix ?? 'privacy-centre/systems';
  const cache = new Map<string, Promise<unknown>>();
  return {
    get(tenant, systemId) {
      const id = `${prefix}/${tenant}/${systemId}`;
      let value = cache.get(id);
      if (!value) {
        value = readSecrets(options.region, { [systemId]: id }).then((secrets) => JSON.parse(secrets[systemId] ?? 'null'));
        value.catch(() => cache.delete(id));
        cache.set(id, value);
      }
      return value;
    },
  };
}

/** Credentials held in memory (tests, the local stand-ins). */
export function memoryCredentials(values: Record<string, Record<string, unknown>>): CredentialSource {
  return {
    async get(tenant, systemId) {
      const value = values[tenant]?.[systemId];
      if (value === undefined) throw new MissingCredentials(tenant, systemId, 'the stand-in credentials');
      return value;
    },
  };
}
