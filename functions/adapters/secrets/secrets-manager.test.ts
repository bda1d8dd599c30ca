import { describe, expect, it } from 'vitest';
import { useSecretsManager } from '../../../test/support/secrets-manager.ts';
import { withSecrets } from './secrets-manager.ts';

/** Secrets Manager's stand-in serves these, so the real SDK client is what the test drives. */
const secrets: Record<string, string> = {
  'arn:aws:secretsmanager:eu-west-2:123456789012:secret:HashKey-abc': 'h'.repeat(64),
  'arn:aws:secretsmanager:eu-west-2:123456789012:secret:OriginSecret-def': 'o'.repeat(48),
};
const calls = useSecretsManager(secrets);

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
