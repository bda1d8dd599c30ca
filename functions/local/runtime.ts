import type { Context } from 'hono';
import type { Clock } from '../../shared/deps.ts';
import type { LiveTenants } from '../../shared/policy/live.ts';
import { reconcileMarketing } from '../../shared/systems/marketing-reconcile.ts';
import { checkRelationshipEnds, type RelationshipCheckResult } from '../../shared/systems/relationship-check.ts';
import { browseAudit } from '../adapters/dynamo/audit-browse.ts';
import { jobStores } from '../adapters/dynamo/job-stores.ts';
import { dynamoSystemRunWriter } from '../adapters/dynamo/system-run-store.ts';
import { ensureTable } from '../adapters/dynamo/table.ts';
import { fsBlobStore } from '../adapters/fs/blob-store.ts';
import { fsScratchSpace } from '../adapters/fs/scratch.ts';
import { adminFunctionRoutes } from '../admin/admin-routes.ts';
import { createAdminApp } from '../admin/app.ts';
import { caseworkRoutes } from '../casework/routes.ts';
import { loadConfig } from '../config.ts';
import { type CredentialSource, fileCredentials } from '../connectors/credentials.ts';
import { builtOpenApi } from '../http/openapi.ts';
import { createPortalApp } from '../portal/app.ts';
import { buildRuntime } from '../runtime.ts';
import { staffToolsRoutes } from '../staff-tools/routes.ts';
import { reconcileDeps, systemsWorkerDeps } from '../systems-worker/worker-deps.ts';
import type { Wiring } from '../wiring.ts';
import { localMailerSecrets } from './mailer-secrets.ts';
import { every, oneAtATime } from './one-at-a-time.ts';
import { startOutboxDriver } from './outbox-driver.ts';
import { seedDemoData } from './seed.ts';
import { createLocalServer } from './server.ts';
import { startSystemsDriver } from './systems-driver.ts';
import { loadTenantDir, type TenantBundle } from './tenant-bundles.ts';

/** A fixed key for local use only; on AWS the key comes from the deployment. */
export const LOCAL_HASH_KEY = 'local-development-key-never-use-in-production';
/** The same for the key that seals staff TOTP secrets. */
export const LOCAL_TOTP_KEY = 'local-totp-key-never-use-in-production';

export interface LocalOptions {
  port: number;
  dynamoEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  tenantsDir: string;
  distDir?: string;
  /** Where the centre is opened, for its links and cookies (default `http://localhost:<port>`; bench:page serves HTTPS). */
  publicUrl?: string;
  seed?: boolean;
  /** Tests move time on with their own clock. */
  clock?: Clock;
  /** HASH_KEY as the secret would hold it (a rotation test gives the rotated ring); default LOCAL_HASH_KEY. */
  hashKey?: string;
  /** TOTP_KEY; default LOCAL_TOTP_KEY. */
  totpKey?: string;
  /** Where export files go (the stand-in for the S3 bucket); default `.local/exports`. */
  exportsDir?: string;
  /** Days a subject can download an export (default 7, or EXPORT_DOWNLOAD_DAYS). */
  exportDownloadDays?: number;
  /**
   * The connected systems: where their credentials come from (default: the git-ignored
   * `.local/system-credentials.json`), or false for a centre whose tenants declare none (tests
   * that are not about connected systems: their tenants' `systems` are left out).
   */
  systems?: { credentials: CredentialSource } | false;
  /** How often the marketing systems are reconciled in process (npm start: every minute); default never (tests call reconcileMarketing). */
  reconcileMs?: number;
  /** How often PSAs are checked for contacts marked inactive in process (npm start: every 5 minutes; AWS: weekly); default never. */
  relationshipCheckMs?: number;
}

/** Locally a published policy applies within this time (on Lambda: POLICY_MAX_AGE_SECONDS). */
const LOCAL_POLICY_MAX_AGE_MS = 5_000;

export interface LocalCentre extends Wiring {
  bundles: TenantBundle[];
  /** The tenants in force: tenants/ overlaid by published policies (npm run policy -- publish). */
  tenants: LiveTenants;
  app: ReturnType<typeof createPortalApp>;
  admin: ReturnType<typeof createAdminApp>;
  server?: ReturnType<typeof createLocalServer>;
  seeded: number;
  drainOutbox(): Promise<void>;
  /** Links every tenant's new audit events into its chain now. */
  linkAudit(): Promise<void>;
  /** Builds every queued export now. */
  buildExports(): Promise<void>;
  /** Waits for the systems worker's runs in progress; `sweepSystems` works every waiting run now. */
  settleSystems(): Promise<void>;
  sweepSystems(): Promise<void>;
  /** Reconciles every marketing system with the centre now (npm start also runs it every minute). */
  reconcileMarketing(): Promise<void>;
  /** Ends the relationships a PSA declared to end them holds only as inactive (relationship-check.ts), now. */
  checkRelationships(): Promise<RelationshipCheckResult[]>;
  stop(): Promise<void>;
}

/**
 * Wires the centre against running stand-ins: the same config parsing, adapters and apps as
 * on AWS, plus the table bootstrap, demo seeding and the in-process outbox driver.
 */
export async function createLocalCentre(options: LocalOptions): Promise<LocalCentre> {
  const config = loadConfig({
    TABLE_NAME: options.tableName,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: options.dynamoEndpoint,
    SES_ENDPOINT: options.sesEndpoint,
    PUBLIC_URL: options.publicUrl ?? `http://localhost:${options.port}`,
    MAIL_FROM: 'Privacy Centre <privacy@localhost.test>',
    HASH_KEY: options.hashKey ?? LOCAL_HASH_KEY,
    TOTP_KEY: options.totpKey ?? LOCAL_TOTP_KEY,
    TENANTS_DIR: options.tenantsDir,
    EXPORTS_DIR: options.exportsDir ?? process.env.EXPORTS_DIR ?? '.local/exports',
    EXPORT_DOWNLOAD_DAYS: String(options.exportDownloadDays ?? process.env.EXPORT_DOWNLOAD_DAYS ?? 7),
    MAILER_SECRETS: JSON.stringify(localMailerSecrets(loadTenantDir(options.tenantsDir).map((b) => b.config.slug))),
  });
  const bundles = loadTenantDir(config.tenantsDir).map((b) =>
    options.systems === false ? { ...b, config: { ...b.config, systems: undefined } } : b,
  );
  const runtime = buildRuntime(config, {
    bundled: bundles.map((b) => b.config),
    clock: options.clock,
    blobs: config.exportsDir ? fsBlobStore(config.exportsDir) : undefined,
    only: { scratch: fsScratchSpace(), auditBrowser: browseAudit, jobStores, systemRunWriter: dynamoSystemRunWriter },
    policyMaxAgeMs: LOCAL_POLICY_MAX_AGE_MS,
  });
  const { db, tenants, deps } = runtime;
  await ensureTable(db);
  await tenants.refresh();
  const driver = startOutboxDriver(db, runtime.dispatch);
  const credentials =
    options.systems === false ? undefined : (options.systems?.credentials ?? fileCredentials('.local/system-credentials.json'));
  const worker = credentials ? systemsWorkerDeps(deps, { credentials, log: false }) : undefined;
  const systems = worker
    ? startSystemsDriver(db, worker, {
        reconcile: () => reconcileMarketing(reconcileDeps(deps, worker)),
        ...(options.reconcileMs ? { reconcileMs: options.reconcileMs } : {}),
      })
    : { settle: async () => {}, sweep: async () => {}, reconcile: async () => {}, stop: async () => {} };
  // One check at a time: a tick while one runs waits for it.
  const checkAll = oneAtATime(async (): Promise<RelationshipCheckResult[]> => {
    if (!worker) return [];
    const check = reconcileDeps(deps, worker);
    return (await Promise.all(tenants.list().map((t) => checkRelationshipEnds(check, t)))).flat();
  });
  const checkRelationships = () => (worker ? checkAll() : Promise.resolve([]));
  const relationshipTimer = every(options.relationshipCheckMs, checkRelationships);
  const seeded = options.seed === false ? 0 : await seedDemoData(deps, bundles);
  const appOptions = {
    originFromHost: true,
    mailerSecrets: config.mailerSecrets,
    openapi: builtOpenApi,
    clientIp: (c: Context) => {
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
      return incoming?.socket?.remoteAddress ?? c.req.header('X-Test-Client') ?? 'local';
    },
  };
  const app = createPortalApp(deps, appOptions);
  // One staff app with every staff route (on AWS three functions share them out: infra/constructs/api.ts).
  const admin = createAdminApp(deps, appOptions, [adminFunctionRoutes, caseworkRoutes, staffToolsRoutes]);
  const server = options.distDir
    ? createLocalServer(
        { portal: app, admin },
        options.distDir,
        () => tenants.refresh(),
        (slug) => tenants.get(slug) !== undefined,
      )
    : undefined;
  await driver.drain();
  return {
    ...runtime,
    bundles,
    tenants,
    app,
    admin,
    server,
    seeded,
    drainOutbox: driver.drain,
    linkAudit: driver.linkAudit,
    buildExports: driver.buildExports,
    settleSystems: systems.settle,
    sweepSystems: systems.sweep,
    reconcileMarketing: systems.reconcile,
    checkRelationships,
    async stop() {
      clearInterval(relationshipTimer);
      await checkAll.idle();
      await systems.stop();
      await driver.stop();
    },
  };
}
