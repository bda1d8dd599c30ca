import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import type { CredentialSource } from '../../functions/connectors/credentials.ts';
import { createLocalCentre } from '../../functions/local/runtime.ts';
import { newId } from '../../shared/crypto.ts';
import type { Clock } from '../../shared/deps.ts';

/** A clock the test moves by hand. */
export function testClock(start = new Date()): Clock & { advance(seconds: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
}

let nextPort = 40_000 + Math.floor(Math.random() * 20_000);

/**
 * The real centre against the shared stand-ins, in a table of its own and with a public URL of
 * its own (so that its emails can be told apart from other test files' in the SES stand-in).
 */
export async function startTestCentre(
  options: {
    clock?: Clock;
    distDir?: string;
    port?: number;
    exportDownloadDays?: number;
    sesEndpoint?: string;
    /** Another centre's table (a second deployment of the same data: a key rotation test). */
    tableName?: string;
    seed?: boolean;
    hashKey?: string;
    totpKey?: string;
    /** The connected systems' credentials (the vendor stand-ins'); without, the tenants declare no systems. */
    systemCredentials?: CredentialSource;
    /** The tenants' folder: `tenants` unless a test needs a policy of its own (or a setting no demo tenant has). */
    tenantsDir?: string;
    /** Where the centre reaches DynamoDB: DynamoDB Local's own endpoint unless a test puts a door (a recorder) in front. */
    dynamoEndpoint?: string;
  } = {},
) {
  const port = options.port ?? nextPort++;
  // The mailbox is always the SES stand-in's; the centre may send through a door in front of it.
  const sesEndpoint = inject('sesEndpoint');
  // Export files go to a folder of this centre's own, removed when it stops.
  const exportsDir = mkdtempSync(join(tmpdir(), 'pc-exports-'));
  const centre = await createLocalCentre({
    port,
    dynamoEndpoint: options.dynamoEndpoint ?? inject('dynamoEndpoint'),
    sesEndpoint: options.sesEndpoint ?? sesEndpoint,
    tableName: options.tableName ?? `test-${newId()}`,
    seed: options.seed,
    hashKey: options.hashKey,
    totpKey: options.totpKey,
    tenantsDir: options.tenantsDir ?? 'tenants',
    distDir: options.distDir,
    clock: options.clock,
    exportsDir,
    exportDownloadDays: options.exportDownloadDays,
    systems: options.systemCredentials ? { credentials: options.systemCredentials } : false,
  });
  const base = `http://localhost:${port}`;
  return {
    ...centre,
    base,
    sesEndpoint,
    exportsDir,
    async stop() {
      await centre.stop();
      rmSync(exportsDir, { recursive: true, force: true });
    },
    /** Lets the background work finish (sending the outbox, linking the audit chain). */
    async settle(): Promise<void> {
      await centre.drainOutbox();
      await centre.linkAudit();
    },
    /**
     * How many items the table holds once the background work has settled: the sweep links each
     * tenant's audit chain for the first time by writing its head, which would otherwise land
     * between a test's "before" and "after" counts.
     */
    async settledCount(): Promise<number> {
      await this.settle();
      return (await this.scanAll()).length;
    },
    /** Every item in the table: for tests that prove what is (not) stored. */
    async scanAll(): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await centre.db.doc.send(new ScanCommand({ TableName: centre.db.table, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
  };
}

export type TestCentre = Awaited<ReturnType<typeof startTestCentre>>;

/** A test centre for the file's tests: started before them, stopped after; in `s.centre`. */
export function useTestCentre(options: Parameters<typeof startTestCentre>[0] = {}, timeout?: number) {
  const s = {} as { centre: TestCentre };
  beforeAll(async () => {
    s.centre = await startTestCentre(options);
  }, timeout);
  afterAll(() => s.centre?.stop());
  return s;
}
