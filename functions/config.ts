import { type HashKeyVersion, parseHashKeySecret } from '../shared/hash-keys.ts';

/**
 * The environment, read by hand rather than with a zod schema: this runs at every cold start, and
 * building and first running a zod schema of these 20 variables was the largest share of a
 * function's own import left (about 8 ms CPU of 30, BENCHMARKS.md "Lambda bundles"). Each reader
 * returns the value or records what is wrong with it; every problem is reported at once.
 */
type Issues = string[];
const text = (issues: Issues, env: Env, name: string, min: number, message?: string): string | undefined => {
  const value = env[name];
  if (value === undefined) return undefined;
  if (value.length < min) issues.push(`${name}: ${message ?? `must be at least ${min} characters`}`);
  return value;
};
const required = (issues: Issues, env: Env, name: string, min = 1): string => {
  const value = text(issues, env, name, min);
  if (value === undefined) issues.push(`${name}: required`);
  return value ?? '';
};
const url = (issues: Issues, env: Env, name: string): string | undefined => {
  const value = env[name];
  if (value !== undefined && !URL.canParse(value)) issues.push(`${name}: must be a URL`);
  return value;
};
const int = (issues: Issues, env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  const value = env[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) issues.push(`${name}: must be a whole number from ${min} to ${max}`);
  return n;
};

type Env = Record<string, string | undefined>;

function readEnv(env: Env) {
  const issues: Issues = [];
  const hashKey = required(issues, env, 'HASH_KEY', 0);
  let hashKeys: HashKeyVersion[] = [];
  if (env.HASH_KEY !== undefined) {
    try {
      hashKeys = parseHashKeySecret(hashKey);
    } catch (error) {
      issues.push(`HASH_KEY: ${(error as Error).message}`);
    }
  }
  const e = {
    TABLE_NAME: required(issues, env, 'TABLE_NAME'),
    AWS_REGION: text(issues, env, 'AWS_REGION', 1) ?? 'eu-west-2',
    /** DynamoDB Local; unset on AWS. */
    DYNAMODB_ENDPOINT: url(issues, env, 'DYNAMODB_ENDPOINT'),
    /** The SES stand-in; unset on AWS. */
    SES_ENDPOINT: url(issues, env, 'SES_ENDPOINT'),
    SES_CONFIGURATION_SET: env.SES_CONFIGURATION_SET,
    /** The centre's own origin: links in emails and the Origin check use it. No trailing slash. */
    PUBLIC_URL: (url(issues, env, 'PUBLIC_URL') ?? required(issues, env, 'PUBLIC_URL')).replace(/\/+$/, ''),
    MAIL_FROM: required(issues, env, 'MAIL_FROM', 3),
    /**
     * Key for keyed hashes of emails and client addresses: a bare key (version 1) or, once a key is
     * added, `{"keys": {"1": ..., "N": ...}}` (shared/hash-keys.ts).
     */
    HASH_KEY: hashKeys,
    /**
     * The HASH_KEY version new hashes are written under (the stack sets it, `-c hashKeyVersion`);
     * newer keys in the secret are looked up but not written. Default: the newest key (locally).
     */
    HASH_KEY_VERSION: int(issues, env, 'HASH_KEY_VERSION', 1),
    /**
     * The newest HASH_KEY version the secret must hold (`-c hashKeyLatest`, default the version
     * above). Deploying a new value makes every function start afresh and read the secret again,
     * and a secret that lacks the key fails the cold start.
     */
    HASH_KEY_LATEST: int(issues, env, 'HASH_KEY_LATEST', 1),
    /** The key that seals staff TOTP secrets (the admin function only; locally a fixed one). */
    TOTP_KEY: text(issues, env, 'TOTP_KEY', 32, 'TOTP_KEY must be at least 32 characters'),
    /**
     * The value CloudFront sends in x-origin-verify (AWS): the API believes CloudFront-Viewer-Address
     * only on requests that carry it. From Secrets Manager at cold start (ORIGIN_SECRET_SECRET_ARN).
     */
    ORIGIN_SECRET: text(issues, env, 'ORIGIN_SECRET', 32),
    /** How long a function uses the published tenant policies it read before reading them again. */
    POLICY_MAX_AGE_SECONDS: int(issues, env, 'POLICY_MAX_AGE_SECONDS', 1, 3600) ?? 60,
    /** Folder with one sub-folder per tenant (policy.json, demo.json). */
    TENANTS_DIR: required(issues, env, 'TENANTS_DIR'),
    /** The private bucket for access and portability exports (AWS). */
    EXPORTS_BUCKET: text(issues, env, 'EXPORTS_BUCKET', 3),
    /** Locally: the folder that stands in for the bucket. */
    EXPORTS_DIR: text(issues, env, 'EXPORTS_DIR', 1),
    /** Days a subject can download a finished export. */
    EXPORT_DOWNLOAD_DAYS: int(issues, env, 'EXPORT_DOWNLOAD_DAYS', 1, 90) ?? 7,
    /**
     * Each tenant's mailer signing secret, as JSON {"<tenant>": "<secret>"}: on AWS from Secrets
     * Manager (MAILER_SECRETS_SECRET_ARN), locally from `.local/mailer-secrets.json`. Never in policy.json.
     */
    MAILER_SECRETS: mailerSecrets(issues, env.MAILER_SECRETS),
    /** The CloudWatch namespace of the embedded-metric lines the functions write (the stack sets one per centre). */
    METRICS_NAMESPACE: text(issues, env, 'METRICS_NAMESPACE', 1) ?? 'PrivacyCentre/local',
  };
  return { issues, e };
}

function mailerSecrets(issues: Issues, text: string | undefined): Record<string, string> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((secret) => typeof secret === 'string' && secret.length >= 32);
  if (valid) return parsed as Record<string, string>;
  issues.push('MAILER_SECRETS: must be JSON {"<tenant>": "<secret of 32+ characters>"}');
  return {};
}

export type Config = ReturnType<typeof loadConfig>;

/** Parses the environment once; fails fast naming every missing or bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const { issues, e } = readEnv(env);
  if (issues.length > 0) throw new Error(`Invalid environment:\n${issues.map((issue) => `  ${issue}`).join('\n')}`);
  const needed = Math.max(e.HASH_KEY_VERSION ?? 1, e.HASH_KEY_LATEST ?? 1);
  if (e.HASH_KEY.length < needed) {
    throw new Error(
      `Invalid environment:\n  HASH_KEY: the secret holds versions 1..${e.HASH_KEY.length}, the deployment needs version ${needed} (README: rotating HASH_KEY)`,
    );
  }
  return {
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    publicUrl: e.PUBLIC_URL,
    mailFrom: e.MAIL_FROM,
    hashKeys: e.HASH_KEY,
    /** The version written: the deployment's, else the newest key. */
    hashKeyVersion: e.HASH_KEY_VERSION ?? e.HASH_KEY.length,
    totpKey: e.TOTP_KEY,
    originSecret: e.ORIGIN_SECRET,
    tenantsDir: e.TENANTS_DIR,
    policyMaxAgeSeconds: e.POLICY_MAX_AGE_SECONDS,
    exportsBucket: e.EXPORTS_BUCKET,
    exportsDir: e.EXPORTS_DIR,
    exportDownloadDays: e.EXPORT_DOWNLOAD_DAYS,
    metricsNamespace: e.METRICS_NAMESPACE,
    mailerSecrets: e.MAILER_SECRETS,
  };
}
