import type { Deps } from '../deps.ts';
import type { DataRecord } from '../entities.ts';
import { CONSENT_CATEGORY, consentRecords } from '../my-data.ts';
import type { Category, TenantConfig } from '../policy/schema.ts';
import type { ExportKind } from './ports.ts';

/** Which of the policy's categories an export holds: all of them, or (portability) what the subject gave us. */
export function exportScope(tenant: TenantConfig, kind: ExportKind): { included: Category[]; excluded: Category[] } {
  const included = tenant.categories.filter((c) => kind === 'access' || c.providedBySubject);
  return { included, excluded: tenant.categories.filter((c) => !included.includes(c)) };
}

/** The order records are stored in (`REC#<category>#<id>`), so the ledger can be slotted in its place. */
const storeOrder = (category: string) => `${category}#`;

/**
 * Every record of the subject, one at a time, grouped by category in the store's key order: the
 * stored records a page at a time, and the marketing choices from the consent ledger in the
 * place of their category. Reads one page into memory, never the whole partition.
 */
export async function* subjectRecords(
  deps: Pick<Deps, 'subjects' | 'consents'>,
  tenant: TenantConfig,
  subjectId: string,
  pageSize = 500,
): AsyncGenerator<DataRecord> {
  const pages = readAhead(deps.subjects.iterateRecords(tenant.slug, subjectId, pageSize));
  // The first page is asked for while the ledger is read.
  let page = pages.next();
  try {
    const ledger = tenant.categories.some((c) => c.id === CONSENT_CATEGORY)
      ? consentRecords(tenant, await deps.consents.list(tenant.slug, subjectId))
      : [];
    let ledgerDone = ledger.length === 0;
    for (let result = await page; !result.done; result = await page) {
      for (const record of result.value) {
        if (!ledgerDone && storeOrder(record.category) > storeOrder(CONSENT_CATEGORY)) {
          yield* ledger;
          ledgerDone = true;
        }
        yield record;
      }
      page = pages.next();
    }
    if (!ledgerDone) yield* ledger;
  } finally {
    // Stopped early (the build failed, or the ledger could not be read): the page asked for is let go.
    page.catch(() => undefined);
    await pages.return(undefined);
  }
}

/**
 * The pages of `source`, asking for the next page as soon as one arrives, so the store reads the
 * next page while this one is written out (the export's time is the read's, not read + write).
 * Holds at most two pages. The request goes out before the page is handed on (one turn of the
 * event loop): the store starts on it at once, not once the page's writing has yielded enough.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const pages = source[Symbol.asyncIterator]();
  // A page that fails while the one before is being written is not left unhandled (that would end
  // the process): its failure is met when the page is awaited.
  const ask = () => {
    const asked = pages.next();
    asked.catch(() => undefined);
    return asked;
  };
  let next = ask();
  try {
    for (let page = await next; !page.done; page = await next) {
      next = ask();
      // Sending the request takes the SDK a few dozen promise steps; without this turn of the event
      // loop they would queue behind the steps of writing this page out, and the request go ~4 ms late.
      await new Promise((resolve) => setImmediate(resolve));
      yield page.value;
    }
  } finally {
    // Stopped early (the build failed): the read in flight ends quietly (see ask), the source is closed.
    await pages.return?.();
  }
}

/**
 * How many records each category of the policy holds for the subject, counted from the very
 * records an export writes (`subjectRecords`: the stored records and the consent ledger), so the
 * evidence pack and the export can never disagree. Every category is listed, 0 where none.
 */
export async function countByCategory(
  deps: Pick<Deps, 'subjects' | 'consents'>,
  tenant: TenantConfig,
  subjectId: string,
): Promise<Map<string, number>> {
  const counts = new Map(tenant.categories.map((c) => [c.id, 0]));
  for await (const record of subjectRecords(deps, tenant, subjectId)) {
    if (counts.has(record.category)) counts.set(record.category, (counts.get(record.category) ?? 0) + 1);
  }
  return counts;
}
