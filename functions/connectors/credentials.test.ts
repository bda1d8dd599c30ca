import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { m365 } from '../../shared/systems/fixtures.ts';
import { useSecretsManager } from '../../test/support/secrets-manager.ts';
import { fileCredentials, MissingCredentials, secretsManagerCredentials } from './credentials.ts';
import { connectorFor } from './index.ts';

/** Secrets Manager's stand-in serves these, so the real SDK client is driven. */
const secrets: Record<string, string> = {
  'privacy-centre/systems/northgate-it/m365': JSON.stringify({ tenantId: 't', clientId: 'c', clientSecret: 's' }),
};
const calls = useSecretsManager(secrets);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credentials-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('system credentials', () => {
  it('Secrets Manager: one secret per tenant and system, read on first use and kept', async () => {
    const source = secretsManagerCredentials({ region: 'eu-west-2' });
    expect(await source.get('northgate-it', 'm365')).toEqual({ tenantId: 't', clientId: 'c', clientSecret: 's' });
    await source.get('northgate-it', 'm365');
    expect(calls.map((c) => c.secretId)).toEqual(['privacy-centre/systems/northgate-it/m365']);
    await expect(source.get('northgate-it', 'autotask')).rejects.toThrow();
  });

  it('a local file: read once; a tenant or system not in it, or no file at all, is named', async () => {
    const file = join(dir, 'system-credentials.json');
    writeFileSync(file, JSON.stringify({ 'northgate-it': { autotask: { username: 'u' } } }));
    const source = fileCredentials(file);
    expect(await source.get('northgate-it', 'autotask')).toEqual({ username: 'u' });
    await expect(source.get('northgate-it', 'm365')).rejects.toBeInstanceOf(MissingCredentials);
    await expect(fileCredentials(join(dir, 'absent.json')).get('it-mk', 'halo')).rejects.toThrow(
      'No credentials for system "halo" of tenant "it-mk"',
    );
  });

  it('a connector without credentials fails that system with a plain reason, naming no value', async () => {
    const missing = connectorFor('it-mk', m365, { credentials: fileCredentials(join(dir, 'absent.json')) });
    await expect(missing.find({ kind: 'email', value: 'a@example.com' })).rejects.toMatchObject({
      code: 'unauthorised',
      message: 'No credentials are stored for Microsoft 365',
    });
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify({ 'it-mk': { m365: { tenantId: 't', clientId: 'c' } } }));
    const partial = connectorFor('it-mk', m365, { credentials: fileCredentials(file) });
    await expect(partial.find({ kind: 'email', value: 'a@example.com' })).rejects.toMatchObject({
      message: 'The stored credentials for Microsoft 365 are incomplete (clientSecret)',
    });
  });
});
