import type { Deps } from '../deps.ts';
import { isTenantEntry, rekeySuppressionEntry } from '../marketing/suppression-keys.ts';
import type { HashedItem, RekeyProgress } from './rekey-ports.ts';

/** How long one run works before it saves its place and stops (the jobs Lambda has 15 minutes). */
export const REKEY_BUDGET_MS = 12 * 60_000;

export interface RekeyResult {
  /** The HASH_KEY version hashes are moved to. */
  version: number;
  /** True once a pass has been through the whole table; false: run the job again, it resumes. */
  done: boolean;
  /** Whether this run went on from where an earlier one stopped. */
  resumed: boolean;
  scanned: number;
  moved: RekeyProgress['moved'];
}

const none = (): RekeyProgress['moved'] => ({ suppression: 0, email: 0, 'recovery-codes': 0 });

/**
 * After a HASH_KEY rotation: moves every stored keyed hash (suppression entries, the per-tenant
 * ones along the tenant's own suppression keys, erasure markers, the email index, staff recovery
 * codes) to the current version, which needs only the stored hash (shared/hash-keys.ts). Safe to run any number of times: a hash already current is
 * left alone, and a pass that stops (its time budget, a crash) resumes from the page it had
 * reached. A finished pass run again starts a new one, which catches anything written under the
 * previous version meanwhile. Each page's moves are audited per tenant; progress is logged.
 */
export async function rekeyHashes(
  deps: Pick<Deps, 'rekeying' | 'settings' | 'audit' | 'clock'>,
  options: { budgetMs?: number; log?: (line: string) => void } = {},
): Promise<RekeyResult> {
  const keys = deps.settings.hashKeys;
  const version = keys.current;
  const log = options.log ?? ((line: string) => console.log(line));
  if (version === 1) return { version, done: true, resumed: false, scanned: 0, moved: none() };
  const started = Date.now();
  const saved = await deps.rekeying.progress(version);
  const resumed = saved !== undefined && saved.finishedAt === undefined;
  const progress: RekeyProgress = resumed
    ? saved
    : { version, startedAt: deps.clock.now().toISOString(), scanned: 0, moved: none() };

  for (;;) {
    const page = await deps.rekeying.page(progress.cursor);
    const byTenant = new Map<string, RekeyProgress['moved']>();
    for (const item of page.items) {
      if (!(await rekeyItem(deps, item))) continue;
      progress.moved[item.kind]++;
      const counts = byTenant.get(item.tenant) ?? none();
      counts[item.kind]++;
      byTenant.set(item.tenant, counts);
    }
    for (const [tenant, counts] of byTenant) {
      await deps.audit.commit(tenant, {
        audit: [{ action: 'security.hashes_rekeyed', actor: { type: 'system' }, detail: { version, ...counts } }],
      });
    }
    progress.scanned += page.scanned;
    progress.cursor = page.cursor;
    if (!page.cursor) progress.finishedAt = deps.clock.now().toISOString();
    await deps.rekeying.saveProgress(progress);
    log(
      JSON.stringify({
        level: 'info',
        msg: 'rekey progress',
        version,
        scanned: progress.scanned,
        moved: progress.moved,
        done: !page.cursor,
      }),
    );
    if (!page.cursor) break;
    if (Date.now() - started >= (options.budgetMs ?? REKEY_BUDGET_MS)) break;
  }
  return { version, done: progress.finishedAt !== undefined, resumed, scanned: progress.scanned, moved: progress.moved };
}

/** Moves one item's hashes to the current version; false if there was nothing to move. */
async function rekeyItem(deps: Pick<Deps, 'rekeying' | 'settings'>, item: HashedItem): Promise<boolean> {
  const keys = deps.settings.hashKeys;
  if (item.kind === 'recovery-codes') {
    const codes = item.codes.map((code) => keys.rekey(code) ?? code);
    if (codes.every((code, i) => code === item.codes[i])) return false;
    return deps.rekeying.replaceRecoveryCodes(item.tenant, item.email, item.codes, codes);
  }
  // A per-tenant suppression entry (`s<N>:`) moves along the tenant's own suppression keys; keys.rekey would not touch it.
  const to =
    item.kind === 'suppression' && isTenantEntry(item.hash)
      ? rekeySuppressionEntry(keys, item.tenant, item.hash)
      : keys.rekey(item.hash);
  if (!to) return false;
  return (await deps.rekeying.move(item, to)) === 'moved';
}
