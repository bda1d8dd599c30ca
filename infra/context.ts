import type { Node } from 'constructs';

/** The deploy-time choices of one environment, read from CDK context (`-c key=value` or cdk.json). */
export interface AppContext {
  /** Names the stack `PrivacyCentre-<stage>`. */
  stage: string;
  /** The centre's public origin; defaults to the CloudFront distribution's URL. */
  publicUrl?: string;
  /** The From header of every email. */
  mailFrom: string;
  /** The SES identity (domain or address) the dispatcher may send as. */
  sesIdentity: string;
  /**
   * Where the stack goes: the region (default eu-west-2, London, AWS's UK region) and, if given,
   * the account (otherwise the one of the credentials that deploy it).
   */
  env: { account?: string; region: string };
  /**
   * Tenants whose policy promises UK-only storage that the operator knowingly deploys outside
   * the UK anyway (`-c storeOutsideUk=the-one-point,other`); see infra/region.ts.
   */
  storeOutsideUk: string[];
  /**
   * A production stage (stage prod, production or live, or `-c production=true`): it must name
   * its sender (mailFrom) and where alarms go (alarmEmail).
   */
  production: boolean;
  /** Where DMARC aggregate reports go (`rua=mailto:`), if anywhere. */
  dmarcReports?: string;
  /** The SES identity already exists in the account and region: use it, do not create it. */
  sesIdentityExists: boolean;
  /** Days AWS Backup keeps each daily backup of the table (0: none, point-in-time recovery only). */
  backupRetentionDays: number;
  /** A restored table the stack uses instead of its own (README, "Restore"): its name and stream. */
  adoptTable?: { tableName: string; streamArn: string };
  /** A WAF web ACL in front of CloudFront (infra/edge-stack.ts, in us-east-1); on unless `-c waf=false`. */
  waf: boolean;
  /** The dispatcher's reserved concurrency (0: none; see README, a new account's quota). */
  dispatcherConcurrency: number;
  /** Days a subject can download a finished export (the functions' EXPORT_DOWNLOAD_DAYS). */
  exportDownloadDays: number;
  /**
   * HASH_KEY rotation (README, "Rotating HASH_KEY"): the version new hashes are written under
   * (`hashKeyVersion`, the functions' HASH_KEY_VERSION, default 1) and the newest key the secret
   * holds (`hashKeyLatest`, HASH_KEY_LATEST, default the same), looked up but not yet written.
   */
  hashKeyVersion: number;
  hashKeyLatest: number;
  /** Where alarm notifications go (an SNS email subscription), if anywhere. */
  alarmEmail?: string;
  /**
   * The Route 53 public hosted zone of the SES domain, if it is in this account: the stack then
   * writes the DKIM, MAIL FROM and DMARC records itself. Without it, the outputs say what to publish.
   */
  hostedZone?: { id: string; name: string };
  /**
   * An ACM certificate (in us-east-1, as CloudFront requires) for publicUrl's host name: the
   * distribution then answers on that name with TLS 1.2 or later, and, when the name is in the
   * hosted zone, the stack writes its alias records.
   */
  certificateArn?: string;
}

/** The functions' own default (functions/config.ts) and bounds for EXPORT_DOWNLOAD_DAYS. */
export const DEFAULT_EXPORT_DOWNLOAD_DAYS = 7;
const MAX_EXPORT_DOWNLOAD_DAYS = 90;

export const DEFAULT_MAIL_FROM = 'Privacy Centre <privacy@example.com>';

/** London: AWS's only region in the UK, and the default. */
export const DEFAULT_REGION = 'eu-west-2';

/** Stage names that mean production unless `-c production=false` says otherwise. */
const PRODUCTION_STAGES = ['prod', 'production', 'live'];

/** Caps parallel sends so a burst cannot exhaust the SES sending rate (0 turns it off). */
export const DEFAULT_DISPATCHER_CONCURRENCY = 5;

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string.`);
  return value.trim();
}

/** The address inside `Name <address>`, or the whole value when it is a bare address. */
export function mailAddress(mailFrom: string): string {
  const address = (mailFrom.match(/<([^>]+)>/)?.[1] ?? mailFrom).trim();
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) {
    throw new Error(`Context "mailFrom": "${mailFrom}" has no valid email address.`);
  }
  return address;
}

/** A whole number of days from 1 to 90: `-c exportDownloadDays=14` gives a string, cdk.json may give a number. */
function downloadDaysOf(node: Node): number {
  const value: unknown = node.tryGetContext('exportDownloadDays');
  if (value === undefined || value === null || value === '') return DEFAULT_EXPORT_DOWNLOAD_DAYS;
  const days =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPORT_DOWNLOAD_DAYS) {
    throw new Error(
      `Context "exportDownloadDays": "${String(value)}" must be a whole number of days from 1 to ${MAX_EXPORT_DOWNLOAD_DAYS}.`,
    );
  }
  return days;
}

function publicUrlOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`Context "publicUrl": "${value}" must be an https origin such as https://privacy.example.com`);
  }
  return url.origin;
}

function emailOf(key: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) {
    throw new Error(`Context "${key}": "${value}" must be an email address.`);
  }
  return value;
}

function flagOf(node: Node, key: string): boolean | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context "${key}": "${String(value)}" must be true or false.`);
}

function regionOf(value: string | undefined): string {
  const region = value ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
    throw new Error(`Context "region": "${region}" must be an AWS region such as ${DEFAULT_REGION}.`);
  }
  return region;
}

/** A whole number from `min` to `max`, from `-c key=n` (a string) or cdk.json (a number). */
function wholeNumberOf(node: Node, key: string, fallback: number, min: number, max: number, what: string): number {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return fallback;
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Context "${key}": "${String(value)}" must be ${what}.`);
  return n;
}

function adoptTableOf(tableName: string | undefined, streamArn: string | undefined): AppContext['adoptTable'] {
  if (Boolean(tableName) !== Boolean(streamArn)) {
    throw new Error(
      'Context "tableName" and "tableStreamArn" go together: give both (a restored table and its stream) or neither.',
    );
  }
  if (!tableName || !streamArn) return undefined;
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName))
    throw new Error(`Context "tableName": "${tableName}" is not a DynamoDB table name.`);
  if (
    !/^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]+\/stream\/.+$/.test(streamArn) ||
    !streamArn.includes(`:table/${tableName}/stream/`)
  ) {
    throw new Error(`Context "tableStreamArn": "${streamArn}" must be the stream ARN of table ${tableName}.`);
  }
  return { tableName, streamArn };
}

function concurrencyOf(node: Node): number {
  const value: unknown = node.tryGetContext('dispatcherConcurrency');
  if (value === undefined || value === null || value === '') return DEFAULT_DISPATCHER_CONCURRENCY;
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    throw new Error(`Context "dispatcherConcurrency": "${String(value)}" must be a whole number from 0 (no reservation) to 100.`);
  }
  return n;
}

/**
 * `hostedZoneId` and `hostedZoneName` go together, and only with a domain identity that is the
 * zone's name or under it (the records are written into that zone).
 */
function hostedZoneOf(id: string | undefined, name: string | undefined, sesIdentity: string): AppContext['hostedZone'] {
  if (Boolean(id) !== Boolean(name)) {
    throw new Error('Context "hostedZoneId" and "hostedZoneName" go together: give both or neither.');
  }
  if (!id || !name) return undefined;
  const zoneId = id.replace(/^\/?hostedzone\//, '');
  if (!/^[A-Z0-9]{5,32}$/.test(zoneId)) {
    throw new Error(`Context "hostedZoneId": "${id}" must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ.`);
  }
  const zoneName = name.toLowerCase().replace(/\.$/, '');
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(zoneName)) {
    throw new Error(`Context "hostedZoneName": "${name}" must be a domain name such as example.org.`);
  }
  const domain = sesIdentity.toLowerCase();
  if (domain.includes('@') || (domain !== zoneName && !domain.endsWith(`.${zoneName}`))) {
    throw new Error(
      `Context "hostedZoneName": "${zoneName}" must be the SES identity's domain or a parent of it, and the identity a domain (it is "${sesIdentity}").`,
    );
  }
  return { id: zoneId, name: zoneName };
}

function certificateArnOf(value: string | undefined, publicUrl: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/.test(value)) {
    throw new Error(
      `Context "certificateArn": "${value}" must be an ACM certificate ARN in us-east-1 (CloudFront uses only certificates from there), such as arn:aws:acm:us-east-1:123456789012:certificate/…`,
    );
  }
  if (!publicUrl) throw new Error('Context "certificateArn" needs "publicUrl": the host name the certificate is for.');
  return value;
}

function hashKeyVersionsOf(node: Node): Pick<AppContext, 'hashKeyVersion' | 'hashKeyLatest'> {
  const hashKeyVersion = wholeNumberOf(node, 'hashKeyVersion', 1, 1, 1000, 'the HASH_KEY version new hashes are written under');
  const hashKeyLatest = wholeNumberOf(
    node,
    'hashKeyLatest',
    hashKeyVersion,
    hashKeyVersion,
    1000,
    `the newest HASH_KEY version the secret holds, from hashKeyVersion (${hashKeyVersion}) up`,
  );
  return { hashKeyVersion, hashKeyLatest };
}

/** Reads and checks the context; the SES identity defaults to the domain of the From address. */
export function readContext(node: Node): AppContext {
  const stage = text(node, 'stage') ?? 'dev';
  if (!/^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(stage)) {
    throw new Error(`Context "stage": "${stage}" must be letters, digits and dashes, starting with a letter.`);
  }
  const production = flagOf(node, 'production') ?? PRODUCTION_STAGES.includes(stage.toLowerCase());
  const givenMailFrom = text(node, 'mailFrom');
  const alarmEmail = emailOf('alarmEmail', text(node, 'alarmEmail'));
  if (production && !givenMailFrom) {
    throw new Error(
      `Stage "${stage}" is a production stage: give its sender, -c mailFrom="Name <privacy@mail.your-domain>" (the default ${DEFAULT_MAIL_FROM} cannot be verified in SES).`,
    );
  }
  if (production && !alarmEmail) {
    throw new Error(
      `Stage "${stage}" is a production stage: give -c alarmEmail=<ops address> so its alarms reach someone (or -c production=false for a stage nobody relies on).`,
    );
  }
  const mailFrom = givenMailFrom ?? DEFAULT_MAIL_FROM;
  const sesIdentity = text(node, 'sesIdentity') ?? mailAddress(mailFrom).split('@')[1]!;
  const account = text(node, 'account');
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new Error(`Context "account": "${account}" must be a 12-digit AWS account id.`);
  const env = { ...(account ? { account } : {}), region: regionOf(text(node, 'region')) };
  const publicUrl = publicUrlOf(text(node, 'publicUrl'));
  const storeOutsideUk = (text(node, 'storeOutsideUk') ?? '')
    .split(',')
    .map((slug) => slug.trim())
    .filter(Boolean);
  return {
    stage,
    publicUrl,
    mailFrom,
    sesIdentity,
    env,
    storeOutsideUk,
    production,
    dmarcReports: emailOf('dmarcReports', text(node, 'dmarcReports')),
    sesIdentityExists: flagOf(node, 'sesIdentityExists') ?? false,
    dispatcherConcurrency: concurrencyOf(node),
    waf: flagOf(node, 'waf') ?? true,
    backupRetentionDays: wholeNumberOf(node, 'backupRetentionDays', 35, 0, 36500, 'a whole number of days (0: no AWS Backup)'),
    adoptTable: adoptTableOf(text(node, 'tableName'), text(node, 'tableStreamArn')),
    exportDownloadDays: downloadDaysOf(node),
    ...hashKeyVersionsOf(node),
    alarmEmail,
    hostedZone: hostedZoneOf(text(node, 'hostedZoneId'), text(node, 'hostedZoneName'), sesIdentity),
    certificateArn: certificateArnOf(text(node, 'certificateArn'), publicUrl),
  };
}

export const stackName = (stage: string): string => `PrivacyCentre-${stage}`;
export const edgeStackName = (stage: string): string => `PrivacyCentreEdge-${stage}`;
