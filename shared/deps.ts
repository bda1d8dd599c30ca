import type { ComplaintStore } from './complaints/ports.ts';
import type { BlobStore, ExportStore, ScratchSpace } from './exports/ports.ts';
import type { HashKeys } from './hash-keys.ts';
import type { RekeyStore } from './jobs/rekey-ports.ts';
import type { TenantConfig } from './policy/schema.ts';
import type {
  AuditLog,
  AuditTrail,
  ConsentStore,
  Housekeeping,
  OutboxStore,
  RateLimiter,
  RequestStore,
  SessionStore,
  StaffStore,
  SubjectStore,
  SuppressionStore,
  TokenStore,
} from './ports.ts';
import type { SystemRunStore } from './systems/ports.ts';

export interface Clock {
  now(): Date;
}

/** Whole seconds since 1970, as the stores count expiry (DynamoDB's TTL) and leases. */
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export interface TenantDirectory {
  get(slug: string): TenantConfig | undefined;
  list(): TenantConfig[];
}

/** Everything the use cases need, wired once per process. */
export interface Deps {
  tenants: TenantDirectory;
  subjects: SubjectStore;
  tokens: TokenStore;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  audit: AuditLog;
  consents: ConsentStore;
  suppressions: SuppressionStore;
  requests: RequestStore;
  /** Complaints (DPA 2018 s.164A), in the person's partition beside their requests. */
  complaints: ComplaintStore;
  /** Each request's run through the tenant's connected systems (progress, results, the s.78 record). */
  systemRuns: SystemRunStore;
  staff: StaffStore;
  trail: AuditTrail;
  outbox: OutboxStore;
  /** Access and portability exports: the jobs, and the files they make. */
  exports: ExportStore;
  blobs: BlobStore;
  /** Temporary files for building an export in one pass. */
  scratch: ScratchSpace;
  housekeeping: Housekeeping;
  /** The re-key job's table work, after a HASH_KEY rotation. */
  rekeying: RekeyStore;
  clock: Clock;
  settings: {
    publicUrl: string;
    mailFrom: string;
    /** HASH_KEY, every version (keyed hashes of emails, suppression entries); never logged. */
    hashKeys: HashKeys;
    /** The key that seals staff TOTP secrets: the admin function's alone (undefined elsewhere). */
    totpKey?: string;
    /** Days a subject can download a finished export. */
    exportDownloadDays: number;
  };
}
