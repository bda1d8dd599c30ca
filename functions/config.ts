import * as z from 'zod';
import { type HashKeyVersion, parseHashKeySecret } from '../shared/hash-keys.ts';

const Env = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** DynamoDB Local; unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The SES stand-in; unset on AWS. */
  SES_ENDPOINT: z.url().optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** The centre's own origin: links in emails and the Origin check use it. No trailing slash. */
  PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  MAIL_FROM: z.string().min(3),
  /**
   * Key for keyed hashes of emails and client addresses: a bare key (version 1) or, once a key is
   * added, `{"keys": {"1": ..., "N": ...}}` (shared/hash-keys.ts).
   */
  HASH_KEY: z.string().transform((raw, ctx): HashKeyVersion[] => {
    try {
      return parseHashKeySecret(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  /**
   * The HASH_KEY version new hashes are written under (the stack sets it, `-c hashKeyVersion`);
   * newer keys in the secret are looked up but not written. Default: the newest key (locally).
   */
  HASH_KEY_VERSION: z.coerce.number().int().min(1).optional(),
  /**
   * The newest HASH_KEY version the secret must hold (`-c hashKeyLatest`, default the version
   * above). Deploying a new value makes every function start afresh and read the secret again,
   * and a secret that lacks the key fails the cold start.
   */
  HASH_KEY_LATEST: z.coerce.number().int().min(1).optional(),
  /** The key that seals staff TOTP secrets (the admin function only; locally a fixed one). */
  TOTP_KEY: z.string().min(32, 'TOTP_KEY must be at least 32 characters').optional(),
  /**
   * The value CloudFront sends in x-origin-verify (AWS): the API believes CloudFront-Viewer-Address
   * only on requests that carry it. From Secrets Manager at cold start (ORIGIN_SECRET_SECRET_ARN).
   */
  ORIGIN_SECRET: z.string().min(32).optional(),
  /** How long a function uses the published tenant policies it read before reading them again. */
  POLICY_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Folder with one sub-folder per tenant (policy.json, demo.json). */
  TENANTS_DIR: z.string().min(1),
  /** The private bucket for access and portability exports (AWS). */
  EXPORTS_BUCKET: z.string().min(3).optional(),
  /** Locally: the folder that stands in for the bucket. */
  EXPORTS_DIR: z.string().min(1).optional(),
  /** Days a subject can download a finished export. */
  EXPORT_DOWNLOAD_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /**
   * Each tenant's mailer signing secret, as JSON {"<tenant>": "<secret>"}: on AWS from Secrets
   * Manager (MAILER_SECRETS_SECRET_ARN), locally from `.local/mailer-secrets.json`. Never in policy.json.
   */
  MAILER_SECRETS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return {};
      const parsed = z.record(z.string(), z.string().min(32, 'a mailer secret needs 32 characters or more')).safeParse(
        (() => {
          try {
            return JSON.parse(text);
          } catch {
            return undefined;
          }
        })(),
      );
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'must be JSON {"<tenant>": "<secret of 32+ characters>"}' });
      return z.NEVER;
    }),
  /** The CloudWatch namespace of the embedded-metric lines the functions write (the stack sets one per centre). */
  METRICS_NAMESPACE: z.string().min(1).default('PrivacyCentre/local'),
});

export type Config = ReturnType<typeof loadConfig>;

/** Parses the environment once; fails fast naming every missing or bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const result = Env.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = result.data;
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
