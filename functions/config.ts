import * as z from 'zod';

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
  /** Key for keyed hashes of emails and client addresses. */
  HASH_KEY: z.string().min(32, 'HASH_KEY must be at least 32 characters'),
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
  return {
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    publicUrl: e.PUBLIC_URL,
    mailFrom: e.MAIL_FROM,
    hashKey: e.HASH_KEY,
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
