import type { Clock, Deps, TenantDirectory } from '../shared/deps.ts';
import type { BlobStore, ScratchSpace } from '../shared/exports/ports.ts';
import { hashKeys } from '../shared/hash-keys.ts';
import type { DispatchDeps } from '../shared/mail/dispatch.ts';
import type { TenantConfig } from '../shared/policy/schema.ts';
import { dynamoAuditLog } from './adapters/dynamo/audit-log.ts';
import { type AuditBrowser, dynamoAuditTrail } from './adapters/dynamo/audit-trail.ts';
import { createDb, type Db } from './adapters/dynamo/client.ts';
import { dynamoComplaintStore } from './adapters/dynamo/complaint-store.ts';
import { dynamoConsentStore } from './adapters/dynamo/consent-store.ts';
import { dynamoExportStore } from './adapters/dynamo/export-store.ts';
import { dynamoOutboxStore } from './adapters/dynamo/outbox-store.ts';
import { dynamoRateLimiter } from './adapters/dynamo/rate-limiter.ts';
import { dynamoRequestStore } from './adapters/dynamo/request-store.ts';
import { dynamoSessionStore } from './adapters/dynamo/session-store.ts';
import { dynamoStaffStore } from './adapters/dynamo/staff-store.ts';
import { dynamoSubjectStore } from './adapters/dynamo/subject-store.ts';
import { dynamoSuppressionStore } from './adapters/dynamo/suppression-store.ts';
import { dynamoSystemRunReader, type SystemRunWriter } from './adapters/dynamo/system-run-store.ts';
import { dynamoTokenStore } from './adapters/dynamo/token-store.ts';
import { s3BlobStore } from './adapters/s3/blob-store.ts';
import { sesMailer } from './adapters/ses/mailer.ts';
import type { Config } from './config.ts';

export function tenantDirectory(configs: TenantConfig[]): TenantDirectory {
  const bySlug = new Map(configs.map((c) => [c.slug, c]));
  return { get: (slug) => bySlug.get(slug), list: () => configs };
}

/** A method of something this function was not given: it fails with the plain reason. */
const refusing = (reason: string) => async (): Promise<never> => {
  throw new Error(reason);
};

/**
 * The exports bucket (EXPORTS_BUCKET) on AWS; without it, exports fail with a plain reason (and
 * nothing else does). Locally the folder store (EXPORTS_DIR) is passed in by the local runtime,
 * so the Lambda bundles carry no filesystem store.
 */
function blobStore(config: Config): BlobStore {
  if (config.exportsBucket) return s3BlobStore({ bucket: config.exportsBucket, region: config.region });
  const missing = refusing('No export storage is configured (EXPORTS_BUCKET, or EXPORTS_DIR locally).');
  return { put: missing, get: missing, directUrl: missing, delete: missing };
}

/**
 * Only the export builder (and the local runtime, which builds exports in process) is given a
 * scratch space (functions/adapters/fs/scratch.ts): every other function's bundle leaves it out.
 * Likewise only the staff tools (and the local runtime) browse the audit trail, and only the
 * scheduled jobs (and the local runtime) have the jobs' own stores.
 */
const noScratch: ScratchSpace = { create: refusing('No scratch space here: exports are built by the export builder.') };
const browsedElsewhere: AuditBrowser = () => refusing('The audit trail is browsed by the staff tools function, not this one.');

/** What only some functions are given, so the others' bundles leave it out. */
export interface OnlySome {
  scratch?: ScratchSpace;
  auditBrowser?: AuditBrowser;
  /** The scheduled jobs' own stores (cleanup, rekey-hashes): the jobs function's and the local runtime's. */
  jobStores?: (db: Db) => Pick<Deps, 'housekeeping' | 'rekeying'>;
  /**
   * Saving connected-systems runs with their records (`dynamoSystemRunWriter`): the casework's,
   * the staff tools', the systems worker's and the local runtime's. Every function reads runs, and
   * asks for a new one alongside another change (a marketing push) through its effects.
   */
  systemRunWriter?: (db: Db) => SystemRunWriter;
}

const runsWorkedElsewhere = refusing(
  'Connected-systems runs are saved by the casework, the staff tools and the systems worker, not this function.',
);
const noRunWriter: SystemRunWriter = { request: runsWorkedElsewhere, save: runsWorkedElsewhere };

/** The jobs' stores in any other function: using one fails with a plain reason. */
const jobsOnly = refusing('This store belongs to the scheduled jobs function, not this one.');
const noJobStores: Pick<Deps, 'housekeeping' | 'rekeying'> = {
  housekeeping: { listExpired: jobsOnly, delete: jobsOnly },
  rekeying: { progress: jobsOnly, saveProgress: jobsOnly, page: jobsOnly, move: jobsOnly, replaceRecoveryCodes: jobsOnly },
};

export interface Wiring {
  db: Db;
  deps: Deps;
  dispatch: DispatchDeps;
}

/** Builds every adapter once, from the parsed config. */
export function wire(
  config: Config,
  tenants: TenantDirectory,
  db = createDb({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint }),
  clock: Clock = { now: () => new Date() },
  blobs: BlobStore = blobStore(config),
  only: OnlySome = {},
): Wiring {
  const tokens = dynamoTokenStore(db);
  const keys = hashKeys(config.hashKeys, config.hashKeyVersion);
  const deps: Deps = {
    tenants,
    subjects: dynamoSubjectStore(db, keys),
    tokens,
    sessions: dynamoSessionStore(db),
    rateLimiter: dynamoRateLimiter(db),
    audit: dynamoAuditLog(db),
    consents: dynamoConsentStore(db),
    suppressions: dynamoSuppressionStore(db),
    requests: dynamoRequestStore(db),
    complaints: dynamoComplaintStore(db),
    systemRuns: { ...dynamoSystemRunReader(db), ...(only.systemRunWriter?.(db) ?? noRunWriter) },
    staff: dynamoStaffStore(db),
    trail: dynamoAuditTrail(db, only.auditBrowser ?? browsedElsewhere),
    outbox: dynamoOutboxStore(db),
    ...(only.jobStores?.(db) ?? noJobStores),
    exports: dynamoExportStore(db),
    blobs,
    scratch: only.scratch ?? noScratch,
    clock,
    settings: {
      publicUrl: config.publicUrl,
      mailFrom: config.mailFrom,
      hashKeys: keys,
      ...(config.totpKey ? { totpKey: config.totpKey } : {}),
      exportDownloadDays: config.exportDownloadDays,
    },
  };
  const dispatch: DispatchDeps = {
    ...deps,
    mailer: sesMailer({ region: config.region, endpoint: config.sesEndpoint, configurationSet: config.sesConfigurationSet }),
  };
  return { db, deps, dispatch };
}
