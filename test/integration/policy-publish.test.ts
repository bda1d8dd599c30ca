import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';

const run = promisify(execFile);
let centre: TestCentre;
let dir: string;

/** The real CLI, against this test's table on DynamoDB Local. */
async function policy(...args: string[]): Promise<{ code: number; out: string }> {
  const env = {
    ...process.env,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/policy.ts', ...args, '--table', centre.db.table],
      {
        env,
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const itMk = () => JSON.parse(readFileSync('tenants/it-mk/policy.json', 'utf8'));

function policyFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const published = async () => (await centre.scanAll()).filter((i) => i.type === 'policy');
const auditOf = async (action: string) => (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === action);

beforeAll(async () => {
  centre = await startTestCentre();
  dir = mkdtempSync(join(tmpdir(), 'pc-policy-'));
});
afterAll(() => centre?.stop());

describe('publishing a tenant policy without a deploy', () => {
  it('reaches the running centre: the tenant page shows the new contact, and the publication is on the tenant’s audit trail', async () => {
    const http = httpClient(centre.app, centre.base);
    const before = await (await http.get('/api/t/it-mk')).json();
    const changed = { ...itMk(), legalName: 'IT MK Group Ltd', policyVersion: 'published-1' };
    changed.contact = { ...changed.contact, email: 'privacy@itmk-group.example' };
    const result = await policy('publish', 'it-mk', '--by', 'dpo@it-mk.example', '--file', policyFile('it-mk.json', changed));
    expect(result.out).toMatch(/Published it-mk \(policy version published-1\) as revision 1/);
    expect(result.code).toBe(0);

    await centre.tenants.refresh({ force: true });
    const after = await (await http.get('/api/t/it-mk')).json();
    expect(before.legalName).not.toBe('IT MK Group Ltd');
    expect(after).toMatchObject({ legalName: 'IT MK Group Ltd', contact: { email: 'privacy@itmk-group.example' } });
    // Other tenants keep their bundled policies.
    expect((await (await http.get('/api/t/northgate-it')).json()).legalName).toBe(
      JSON.parse(readFileSync('tenants/northgate-it/policy.json', 'utf8')).legalName,
    );
    const [event] = await auditOf('policy.published');
    expect(event).toMatchObject({ tenant: 'it-mk', actor: { type: 'system' }, detail: { policyVersion: 'published-1' } });
    expect(JSON.stringify(event?.detail)).not.toContain('dpo@it-mk.example');

    const list = await policy('list');
    expect(list.out).toMatch(/it-mk\s+revision 1, published .* by dpo@it-mk\.example/);
  });

  it('numbers a second publication as the next revision', async () => {
    const result = await policy(
      'publish',
      'it-mk',
      '--by',
      'dpo@it-mk.example',
      '--file',
      policyFile('again.json', { ...itMk(), policyVersion: 'published-2' }),
    );
    expect(result.out).toMatch(/revision 2/);
    await centre.tenants.refresh({ force: true });
    expect(centre.tenants.get('it-mk')?.policyVersion).toBe('published-2');
  });

  it('refuses a policy that does not validate, naming the field, and changes nothing', async () => {
    const before = await published();
    const broken = { ...itMk(), categories: [{ ...itMk().categories[0], lawfulBasis: 'because' }] };
    const [result, notJson, wrongTenant, nobody] = await Promise.all([
      policy('publish', 'it-mk', '--by', 'dpo@it-mk.example', '--file', policyFile('broken.json', broken)),
      policy('publish', 'it-mk', '--by', 'dpo@it-mk.example', '--file', policyFile('bad.json', '{ nope')),
      policy('publish', 'northgate-it', '--by', 'dpo@it-mk.example', '--file', policyFile('other.json', itMk())),
      policy('publish', 'it-mk', '--file', policyFile('ok.json', itMk())),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/field "categories\.0\.lawfulBasis"/);
    expect(notJson.code).toBe(1);
    expect(notJson.out).toMatch(/Cannot read .*bad\.json/);
    expect(wrongTenant.out).toMatch(/its slug is "it-mk", not "northgate-it"/);
    expect(nobody.out).toMatch(/--by/);
    expect(nobody.code).toBe(1);
    // The connected systems' declarations are checked too (shared/systems/declared.ts).
    const badSystem = itMk();
    badSystem.systems[0].may.push('suppress');
    const systems = await policy(
      'publish',
      'it-mk',
      '--by',
      'dpo@it-mk.example',
      '--file',
      policyFile('systems.json', badSystem),
    );
    expect(systems.code).toBe(1);
    expect(systems.out).toMatch(/field "systems\.0\.may\.\d+": a halopsa system cannot "suppress"/);
    expect(await published()).toEqual(before);
  });

  it('checks a policy without publishing it on --dry-run', async () => {
    const before = await published();
    const result = await policy(
      'publish',
      'it-mk',
      '--dry-run',
      '--file',
      policyFile('dry.json', { ...itMk(), policyVersion: 'dry' }),
    );
    expect(result.out).toMatch(/is valid \(policy version dry, \d+ categories\)\. Nothing published\./);
    expect(await published()).toEqual(before);
  });

  it('withdraws a published policy, so the bundled one applies again', async () => {
    const result = await policy('withdraw', 'it-mk', '--by', 'dpo@it-mk.example');
    expect(result.out).toMatch(/Withdrew the published policy of it-mk/);
    await centre.tenants.refresh({ force: true });
    expect(centre.tenants.get('it-mk')?.legalName).toBe(itMk().legalName);
    expect(await auditOf('policy.withdrawn')).toHaveLength(1);
    const again = await policy('withdraw', 'it-mk', '--by', 'dpo@it-mk.example');
    expect(again.out).toMatch(/has no published policy/);
  });

  it('leaves a stored policy that no longer validates out, and the bundled policy stays in force', async () => {
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const broken = { ...itMk(), legalName: 'Broken Ltd', referencePrefix: 'nope' };
    await centre.db.doc.send(
      new PutCommand({
        TableName: centre.db.table,
        Item: { pk: 'CONFIG', sk: 'TENANT#it-mk', type: 'policy', slug: 'it-mk', policy: JSON.stringify(broken), revision: 9 },
      }),
    );
    await centre.tenants.refresh({ force: true });
    expect(centre.tenants.get('it-mk')?.legalName).toBe(itMk().legalName);

    // And one item that is not even JSON spoils only itself: another tenant's publication still applies.
    await centre.db.doc.send(
      new PutCommand({
        TableName: centre.db.table,
        Item: { pk: 'CONFIG', sk: 'TENANT#instant-on-it', type: 'policy', slug: 'instant-on-it', policy: '{ nope', revision: 1 },
      }),
    );
    const northgate = JSON.parse(readFileSync('tenants/northgate-it/policy.json', 'utf8'));
    const published = await policy(
      'publish',
      'northgate-it',
      '--by',
      'dpo@northgate.example',
      '--file',
      policyFile('northgate.json', { ...northgate, legalName: 'Northgate IT Group' }),
    );
    expect(published.code).toBe(0);
    await centre.tenants.refresh({ force: true });
    expect(centre.tenants.get('northgate-it')?.legalName).toBe('Northgate IT Group');
    expect(centre.tenants.get('instant-on-it')?.legalName).toBe(
      JSON.parse(readFileSync('tenants/instant-on-it/policy.json', 'utf8')).legalName,
    );
  });

  it('tells the operator how to let CloudFront serve a tenant that exists only as published, and only then', async () => {
    const acme = { ...itMk(), slug: 'acme-it', name: 'Acme IT', referencePrefix: 'ACM' };
    const result = await policy('publish', 'acme-it', '--by', 'dpo@acme.example', '--file', policyFile('acme.json', acme));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/acme-it is not a bundled tenant: .* its pages answer 404 on AWS/);
    expect(result.out).toContain('aws cloudfront-keyvaluestore put-key --kvs-arn "$arn" --key acme-it --value tenant');
    const bundled = await policy('publish', 'it-mk', '--by', 'dpo@it-mk.example', '--file', policyFile('mk.json', itMk()));
    expect(bundled.code).toBe(0);
    expect(bundled.out).not.toContain('cloudfront-keyvaluestore');
  });
});
