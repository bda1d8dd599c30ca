import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSecrets } from './secrets-manager.ts';

/**
 * A stand-in for Secrets Manager's JSON protocol (POST /, X-Amz-Target
 * secretsmanager.GetSecretValue), so the real SDK client is what the test drives.
 */
const secrets: Record<string, string> = {
  'arn:aws:secretsmanager:eu-west-2:123456789012:secret:HashKey-abc': 'h'.repeat(64),
  'arn:aws:secretsmanager:eu-west-2:123456789012:secret:OriginSecret-def': 'o'.repeat(48),
};
const calls: { target: string; secretId: string; authorised: boolean }[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { SecretId } = JSON.parse(body);
      calls.push({
        target: String(req.headers['x-amz-target']),
        secretId: SecretId,
        authorised: String(req.headers.authorization).startsWith('AWS4-HMAC-SHA256'),
      });
      res.setHeader('Content-Type', 'application/x-amz-json-1.1');
      const value = secrets[SecretId];
      if (!value) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }),
        );
        return;
      }
      res.end(JSON.stringify({ ARN: SecretId, Name: SecretId.split(':').pop(), SecretString: value, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});
afterAll(() => {
  for (const key of ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[key];
  server?.close();
});

describe('secrets at cold start', () => {
  it('resolve each <NAME>_SECRET_ARN into <NAME> through Secrets Manager, signed', async () => {
    calls.length = 0;
    const env = await withSecrets({
      AWS_REGION: 'eu-west-2',
      TABLE_NAME: 't',
      HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:HashKey-abc',
      ORIGIN_SECRET_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:OriginSecret-def',
    });
    expect(env).toMatchObject({ HASH_KEY: 'h'.repeat(64), ORIGIN_SECRET: 'o'.repeat(48), TABLE_NAME: 't' });
    expect(calls.map((c) => c.target)).toEqual(['secretsmanager.GetSecretValue', 'secretsmanager.GetSecretValue']);
    expect(calls.every((c) => c.authorised)).toBe(true);
  });

  it('leave a value the environment already has alone, and call nothing when there is nothing to read', async () => {
    calls.length = 0;
    const env = await withSecrets({
      HASH_KEY: 'x'.repeat(40),
      HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:HashKey-abc',
    });
    expect(env.HASH_KEY).toBe('x'.repeat(40));
    expect(calls).toEqual([]);
  });

  it('fail the cold start, naming the error, when a secret cannot be read', async () => {
    await expect(
      withSecrets({
        AWS_REGION: 'eu-west-2',
        HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:Gone-xyz',
      }),
    ).rejects.toThrow(/can't find the specified secret/);
  });
});
