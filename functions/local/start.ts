/**
 * `npm start`: the whole privacy centre on one laptop. Starts DynamoDB Local (a child process
 * we own) and the SES stand-in (in this process), creates the table, seeds the demo tenants and
 * serves the page and the API on one port. Ctrl-C stops everything.
 */
import { serve } from '@hono/node-server';
import { fileCredentials } from '../connectors/credentials.ts';
import { firstOf } from '../systems-worker/worker-deps.ts';
import { createLocalCentre } from './runtime.ts';
import { startDynamo, startSes } from './stand-ins.ts';
import { loadTenantDir } from './tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from './vendors/index.ts';

// Node 20 is supported by the SDK versions we pin; its notice about 2027 releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const systemsPort = Number(process.env.SYSTEMS_PORT ?? 8010);
// One data folder per DynamoDB port, so two centres started side by side never share a database.
const dataDir = process.env.LOCAL_DATA_DIR ?? (dynamoPort === 8000 ? '.local/dynamodb' : `.local/dynamodb-${dynamoPort}`);
const host = process.env.HOST ?? '127.0.0.1';

for (const [name, value] of Object.entries({
  PORT: port,
  DYNAMODB_PORT: dynamoPort,
  SES_PORT: sesPort,
  SYSTEMS_PORT: systemsPort,
})) {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), not "${process.env[name]}"`);
    process.exit(1);
  }
}

const t0 = Date.now();
const step = (text: string) => console.log(`  … ${text}`);
console.log('Starting the privacy centre');
step(`DynamoDB Local on port ${dynamoPort} (data in ${dataDir})`);
const dynamo = await startDynamo({ port: dynamoPort, dataDir }).catch((error: Error) => {
  console.error(`\n${error.message}`);
  process.exit(1);
});
let ses: Awaited<ReturnType<typeof startSes>> | undefined;
let httpServer: ReturnType<typeof serve> | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  httpServer?.close();
  await systems?.stop().catch(() => {});
  await centre?.stop().catch(() => {});
  await ses?.stop().catch(() => {});
  await dynamo.stop();
  console.log('Stopped. Local data is kept in .local/ (npm run reset clears it).');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

let centre: Awaited<ReturnType<typeof createLocalCentre>> | undefined;
let systems: SystemStandIns | undefined;
try {
  step(`SES stand-in on port ${sesPort}`);
  ses = await startSes({ port: sesPort });
  step('stand-ins for the connected systems the tenants declare (Microsoft Graph, Autotask, HaloPSA, Mailchimp, Xero)');
  systems = await startSystemStandIns(loadTenantDir('tenants'), {
    msgraph: systemsPort,
    autotask: systemsPort + 1,
    halopsa: systemsPort + 2,
    mailchimp: systemsPort + 3,
    xero: systemsPort + 4,
  });
  step('table, tenant policies, demo data and the connected-systems worker');
  centre = await createLocalCentre({
    port,
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    tableName: 'privacy-centre',
    tenantsDir: 'tenants',
    distDir: 'web/dist',
    // Real credentials in .local/system-credentials.json win; the rest reach the stand-ins.
    systems: { credentials: firstOf(fileCredentials('.local/system-credentials.json'), systems.credentials) },
    // Opt-outs made in a marketing system (Mailchimp's unsubscribe link) come back within a minute.
    reconcileMs: Number(process.env.RECONCILE_SECONDS ?? 60) * 1000,
    // A PSA contact marked inactive ends the person's relationship (AWS: weekly).
    relationshipCheckMs: Number(process.env.RELATIONSHIP_CHECK_SECONDS ?? 300) * 1000,
  });
  const server = centre.server;
  if (!server) throw new Error('no page to serve');
  httpServer = serve({ fetch: server.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    httpServer?.once('listening', () => resolve());
    httpServer?.once('error', reject);
  });
} catch (error) {
  console.error(`\nCould not start: ${(error as Error).message}`);
  await shutdown(1);
}

const base = `http://localhost:${port}`;
const tenants = centre?.bundles ?? [];
console.log(`
Privacy centre running at ${base}   (started in ${((Date.now() - t0) / 1000).toFixed(1)} s${centre?.seeded ? `, seeded ${centre.seeded} demo subjects` : ''})

Tenants:
${tenants.map((t) => `  ${`${base}/t/${t.config.slug}/`.padEnd(48)} ${t.config.name}`).join('\n')}

Demo emails (every tenant has alex.morgan@example.com, with different data):
${tenants.map((t) => `  ${t.config.slug.padEnd(18)} ${(t.demo?.subjects ?? []).map((s) => s.email).join(', ')}`).join('\n')}

Staff: ${base}/t/<tenant>/admin/ — sign in as sam.taylor@staff.example (a handler in every tenant),
then set up any authenticator app from the QR code.

Connected-system stand-ins (each request checked against the vendor's OpenAPI document):
${(systems?.endpoints ?? []).map((e) => `  ${e.tenant.padEnd(18)} ${e.systemId.padEnd(10)} ${e.baseUrl}`).join('\n')}

Marketing systems are reconciled with the centre every ${Number(process.env.RECONCILE_SECONDS ?? 60)} s (RECONCILE_SECONDS);
PSAs are checked for contacts marked inactive every ${Number(process.env.RELATIONSHIP_CHECK_SECONDS ?? 300)} s (RELATIONSHIP_CHECK_SECONDS).
Emails sent: open http://localhost:${sesPort}/ (JSON at http://localhost:${sesPort}/store)
API: ${base}/api/health · OpenAPI document: ${base}/api/openapi.json
Press Ctrl-C to stop.`);
