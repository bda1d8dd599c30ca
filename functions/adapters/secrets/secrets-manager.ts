/**
 * Secrets read once at cold start, so that they never sit in a function's configuration (where
 * anyone who may read the function could see them). The client loads only when a secret is asked
 * for: locally, and in tests, the values come from the environment and the SDK never loads.
 */
export async function readSecrets(region: string, arns: Record<string, string>): Promise<Record<string, string>> {
  const entries = Object.entries(arns);
  if (entries.length === 0) return {};
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region });
  const values = await Promise.all(
    entries.map(async ([name, arn]) => {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!SecretString) throw new Error(`Secret for ${name} (${arn}) has no string value.`);
      return [name, SecretString] as const;
    }),
  );
  client.destroy();
  return Object.fromEntries(values);
}

/**
 * The environment with each `<NAME>_SECRET_ARN` resolved into `<NAME>`, unless `<NAME>` is set
 * already (locally and in tests it is).
 */
export async function withSecrets(env: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const wanted: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const name = key.match(/^(.+)_SECRET_ARN$/)?.[1];
    if (name && value && !env[name]) wanted[name] = value;
  }
  return { ...env, ...(await readSecrets(env.AWS_REGION ?? 'eu-west-2', wanted)) };
}
