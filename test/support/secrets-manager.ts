import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface SecretCall {
  target: string;
  secretId: string;
  /** Signed as the SDK signs (SigV4). */
  authorised: boolean;
}

const ENV = ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/**
 * A stand-in for Secrets Manager's JSON protocol (POST /, X-Amz-Target
 * secretsmanager.GetSecretValue), so the real SDK client is what a test drives: serves `secrets`
 * (by id) for the test file, with the SDK pointed at it and local credentials, and records every
 * call in the list it returns (empty it between tests as needed).
 */
export function useSecretsManager(secrets: Record<string, string>): SecretCall[] {
  const calls: SecretCall[] = [];
  let server: Server | undefined;
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
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
  });
  afterAll(() => {
    for (const key of ENV) delete process.env[key];
    server?.close();
  });
  return calls;
}
