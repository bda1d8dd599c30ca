/**
 * `npm run policy -- <list | publish | withdraw> …`: changes a tenant's policy (its categories,
 * retention, contact, marketing wording, staff list) without deploying code. A published policy
 * is validated here and again by every function that reads it; functions re-read the published
 * policies at most POLICY_MAX_AGE_SECONDS (60 s) apart, the local centre every 5 s.
 *
 *   npm run policy -- list
 *   npm run policy -- publish it-mk --by you@msp.example [--file tenants/it-mk/policy.json] [--dry-run]
 *   npm run policy -- withdraw it-mk --by you@msp.example
 *
 * Locally (the default) it writes to `npm start`'s DynamoDB Local; add `--table <TableName output>
 * --region <region>` to publish to a deployed stack with your AWS credentials.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '../functions/adapters/dynamo/client.ts';
import { dynamoPolicyStore } from '../functions/adapters/dynamo/policy-store.ts';
import { publishPolicy, withdrawPolicy } from '../shared/policy/live.ts';
import { parseWholePolicy } from '../shared/systems/declared.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage:
  npm run policy -- list
  npm run policy -- publish <tenant> --by <your email> [--file <policy.json>] [--dry-run]
  npm run policy -- withdraw <tenant> --by <your email>
Options: --table <name> --region <region> (a deployed stack; default: npm start's DynamoDB Local)`;

/**
 * CloudFront answers 404 for a page path under a slug its key value store does not hold, and the
 * deploy fills it with the bundled tenants only: a tenant that exists only as published is added
 * by hand (the store's API signs with SigV4A, which the AWS CLI does and this script does not).
 */
function newTenantOnAws(tenant: string): string {
  return `${tenant} is not a bundled tenant: until its slug is in CloudFront's store of tenant slugs, its pages answer 404 on AWS. Add it once with the AWS CLI (TenantSlugsStoreArn is a stack output):
  arn=<TenantSlugsStoreArn output>
  aws cloudfront-keyvaluestore put-key --kvs-arn "$arn" --key ${tenant} --value tenant \\
    --if-match "$(aws cloudfront-keyvaluestore describe-key-value-store --kvs-arn "$arn" --query ETag --output text)"`;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        by: { type: 'string' },
        file: { type: 'string' },
        table: { type: 'string' },
        region: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
})();
const [command, slug] = positionals;
if (!command || !['list', 'publish', 'withdraw'].includes(command))
  fail(command ? `Unknown command "${command}".` : 'No command given.');
if (command !== 'list' && !slug) fail(`"${command}" needs a tenant, e.g. it-mk.`);
if (command !== 'list' && !values['dry-run'] && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.by ?? '')) {
  fail('Say who you are with --by <your email>: it goes on the tenant’s audit trail.');
}

const local = !values.table;
// DYNAMODB_ENDPOINT points a --table at another DynamoDB Local (the tests use it).
const endpoint = process.env.DYNAMODB_ENDPOINT ?? (local ? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}` : undefined);
const db = createDb({
  tableName: values.table ?? 'privacy-centre',
  region: values.region ?? process.env.AWS_REGION ?? 'eu-west-2',
  endpoint,
});
const store = dynamoPolicyStore(db);
const where = local ? 'the local centre' : `table ${values.table}`;

try {
  if (command === 'list') {
    const published = await store.list();
    if (published.length === 0)
      console.log(`No published policies in ${where}: every tenant uses its bundled tenants/<slug>/policy.json.`);
    for (const p of published) {
      console.log(`${p.slug.padEnd(20)} revision ${p.revision}, published ${p.publishedAt} by ${p.publishedBy}`);
    }
  } else if (command === 'publish') {
    const file = values.file ?? `tenants/${slug}/policy.json`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      fail(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const config = parseWholePolicy(raw, file);
    if (config.slug !== slug) fail(`${file}: its slug is "${config.slug}", not "${slug}".`);
    if (values['dry-run']) {
      console.log(
        `${file} is valid (policy version ${config.policyVersion}, ${config.categories.length} categories). Nothing published.`,
      );
    } else {
      const revision = await publishPolicy(store, config, file, values.by ?? '');
      console.log(`Published ${slug} (policy version ${config.policyVersion}) as revision ${revision} to ${where}.`);
      console.log(
        local ? 'The local centre uses it within 5 seconds.' : 'Every function uses it within a minute (POLICY_MAX_AGE_SECONDS).',
      );
      if (!local && !existsSync(`tenants/${slug}/policy.json`)) console.log(newTenantOnAws(slug ?? ''));
    }
  } else {
    const withdrawn = await withdrawPolicy(store, slug ?? '', values.by ?? '');
    console.log(
      withdrawn
        ? `Withdrew the published policy of ${slug} from ${where}: its bundled policy applies again.`
        : `${slug} has no published policy in ${where}; nothing changed.`,
    );
  }
} catch (error) {
  const e = error as Error;
  const hint =
    local && /ECONNREFUSED|connect/i.test(`${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`)
      ? ' Is npm start running?'
      : '';
  console.error(`${e.message}${hint}`);
  process.exit(1);
} finally {
  db.raw.destroy();
}
