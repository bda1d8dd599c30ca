import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsStandIn {
  /** The endpoint to give a function as AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  endpoint: string;
  /** The secret ids asked for, in order. */
  asked: string[];
  close(): Promise<void>;
}

/**
 * Secrets Manager's GetSecretValue as the SDK calls it (AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: secretsmanager.GetSecretValue`), answering from `secrets` by SecretId, and
 * `ResourceNotFoundException` for any other id, as the service does. Any other operation is
 * refused: a bundle that asked for more would fail here.
 */
export async function secretsStandIn(secrets: Record<string, string>): Promise<SecretsStandIn> {
  const asked: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.setHeader('Content-Type', 'application/x-amz-json-1.1');
    if (req.method !== 'POST' || req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
      res.statusCode = 400;
      res.end(JSON.stringify({ __type: 'InvalidRequestException', message: 'Only GetSecretValue is served here' }));
      return;
    }
    const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
    asked.push(SecretId);
    const value = secrets[SecretId];
    res.statusCode = value === undefined ? 400 : 200;
    res.end(
      JSON.stringify(
        value === undefined
          ? { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }
          : {
              ARN: `arn:aws:secretsmanager:eu-west-2:123456789012:secret:${SecretId}-AbCdEf`,
              Name: SecretId,
              SecretString: value,
            },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
