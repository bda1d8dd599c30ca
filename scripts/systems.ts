/**
 * `npm run systems -- check <tenant>`: validates the tenant's connected-system declarations and,
 * with credentials present, makes one read-only call to each system (it signs in and searches for
 * an address no one has), saying plainly what works and what does not. It writes nothing.
 *
 *   npm run systems -- check it-mk                      credentials from .local/system-credentials.json
 *   npm run systems -- check it-mk --stand-ins          against the local vendor stand-ins (demo)
 *   npm run systems -- check it-mk --aws --region eu-west-2   from Secrets Manager
 *   npm run systems -- check it-mk --file my-policy.json      a policy not yet published
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CredentialSource, fileCredentials, secretsManagerCredentials } from '../functions/connectors/credentials.ts';
import { connectorFor } from '../functions/connectors/index.ts';
import { loadTenantDir } from '../functions/local/tenant-bundles.ts';
import { startSystemStandIns } from '../functions/local/vendors/index.ts';
import { checkSystems } from '../shared/systems/check.ts';
import { parseWholePolicy, systemsOf } from '../shared/systems/declared.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run systems -- check <tenant> [--file <policy.json>] [--stand-ins | --aws --region <region> | --credentials <file>]`;
const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        credentials: { type: 'string' },
        'stand-ins': { type: 'boolean', default: false },
        aws: { type: 'boolean', default: false },
        region: { type: 'string' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [command, slug] = positionals;
if (command !== 'check') fail(command ? `Unknown command "${command}".` : 'No command given.');
if (!slug) fail('"check" needs a tenant, e.g. it-mk.');

const tenants = (() => {
  try {
    return loadTenantDir('tenants');
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const bundled = tenants.find((t) => t.config.slug === slug) ?? fail(`No tenant "${slug}" under tenants/.`);
const file = values.file ?? `tenants/${slug}/policy.json`;
const config = (() => {
  if (!values.file) return bundled.config;
  try {
    return parseWholePolicy(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const systems = systemsOf(config);
console.log(`${file}: ${systems.length} system declaration(s), valid.`);
if (systems.length === 0) process.exit(0);

const standIns = values['stand-ins'] ? await startSystemStandIns([{ ...bundled, config }]) : undefined;
const credentials: CredentialSource =
  standIns?.credentials ??
  (values.aws
    ? secretsManagerCredentials({ region: values.region ?? process.env.AWS_REGION ?? 'eu-west-2' })
    : fileCredentials(values.credentials ?? '.local/system-credentials.json'));
const where = standIns
  ? 'the local stand-ins'
  : values.aws
    ? 'Secrets Manager (privacy-centre/systems/<tenant>/<system>)'
    : (values.credentials ?? '.local/system-credentials.json');
console.log(`Credentials from ${where}.\n`);
try {
  const results = await checkSystems(systems, (system) => connectorFor(slug!, system, { credentials, retries: 1 }));
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.systemId.padEnd(16)} ${r.name}: ${r.says}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${failed === 0 ? 'Every system answered.' : `${failed} system(s) need attention.`} Nothing was changed.`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await standIns?.stop();
}
