import type { Deps } from '../deps.ts';
import type { DataRecord, RightsRequest, Subject } from '../entities.ts';
import { categoryFacts } from '../my-data.ts';
import { deletionDate } from '../policy/retention.ts';
import type { Category, TenantConfig } from '../policy/schema.ts';
import type { SystemRun } from '../systems/ports.ts';
import { type CsvSpill, csvSpill } from './csv-spill.ts';
import type { ExportJob, ExportProgress } from './ports.ts';
import { exportScope, subjectRecords } from './records.ts';
import { renderSummary } from './summary.tsx';
import { type ExportRecord, SOURCE_COLUMN, systemCsvData, systemFacts, systemRecords, withSystemRecords } from './systems.ts';
import type { ZipEntry } from './zip.ts';

export interface ExportInput {
  deps: Pick<Deps, 'subjects' | 'consents' | 'scratch'>;
  tenant: TenantConfig;
  subject: Subject;
  request: RightsRequest;
  job: ExportJob;
  /** What the request's search of the connected systems found (held in one item, already small). */
  run: SystemRun | undefined;
  generatedAt: Date;
  onProgress(progress: ExportProgress): Promise<void>;
  pageSize?: number;
}

/** What the first pass learnt, for the CSV headers and the summary. */
export interface ExportTally {
  /** Records per category id, every category (also those outside a portability export). */
  counts: Map<string, number>;
  /** Data keys a category's records hold that its policy does not list, in the order met. */
  extraKeys: Map<string, string[]>;
  /** Categories with records that the policy does not describe (kept in the export all the same). */
  unknown: string[];
  /** The subject's name, from their identity record. */
  name: string;
}

/** Text is collected into pieces of about this size before it goes to the compressor. */
const PIECE = 64 * 1024;

export const csvName = (category: string) => `${category.replace(/[^a-z0-9-]/g, '-')}.csv`;

/** The Art. 15 facts of a category, as data.json states them. */
function exportFacts(category: Category) {
  return {
    ...categoryFacts(category),
    retention: category.retention.summary,
    providedBySubject: category.providedBySubject,
    csvFile: csvName(category.id),
  };
}

const unknownFacts = (id: string) => ({
  id,
  name: id,
  description:
    'Records of a kind our current privacy policy does not describe. We include them so that you have everything we hold.',
  csvFile: csvName(id),
});

/**
 * The entries of an export ZIP, made as the ZIP writer asks for them, from one read of the
 * records: `data.json` as the records go by (each record's CSV row deflated into a scratch file of
 * its category meanwhile), then one CSV per category copied from the spill, then `summary.html`.
 * Only a page of records and a piece of text are held in memory at a time.
 */
export async function* exportEntries(input: ExportInput): AsyncGenerator<ZipEntry> {
  const { tenant, job } = input;
  const scope = exportScope(tenant, job.kind);
  const inScope = new Map(scope.included.map((c) => [c.id, c]));
  const known = new Set(tenant.categories.map((c) => c.id));
  const tally: ExportTally = { counts: new Map(), extraKeys: new Map(), unknown: [], name: '' };
  const progress: ExportProgress = { step: 'json', records: 0, categoriesDone: 0, categoriesTotal: 0 };
  // Records that belong in this export: access holds everything, portability only what the subject gave.
  const wanted = (r: DataRecord) => inScope.has(r.category) || (job.kind === 'access' && !known.has(r.category));
  const spill = csvSpill(input.deps.scratch);
  /** Categories with records in this export, in the order met. */
  const met: string[] = [];
  const { run } = input;
  try {
    yield { name: 'data.json', content: dataJson(input, { inScope, wanted, tally, progress, spill, met, run }) };

    Object.assign(progress, { step: 'csv', categoriesTotal: scope.included.length + tally.unknown.length });
    await input.onProgress({ ...progress });
    for (const id of met) {
      const category = inScope.get(id);
      yield { name: csvName(id), ...(await spill.csv(id, header(category, tally.extraKeys.get(id) ?? []))) };
      progress.categoriesDone++;
      await input.onProgress({ ...progress });
    }
    for (const category of scope.included) {
      if (met.includes(category.id)) continue;
      yield { name: csvName(category.id), ...(await spill.csv(category.id, header(category, []))) };
      progress.categoriesDone++;
    }
  } finally {
    await spill.dispose();
  }
  Object.assign(progress, { step: 'summary' });
  await input.onProgress({ ...progress });
  yield {
    name: 'summary.html',
    content: [
      renderSummary({
        tenant,
        request: input.request,
        subject: input.subject,
        kind: job.kind,
        tally,
        generatedAt: input.generatedAt,
        run,
      }),
    ],
  };
}

/** What data.json's writer shares with the rest of the build. */
interface Pass {
  inScope: Map<string, Category>;
  wanted: (r: DataRecord) => boolean;
  tally: ExportTally;
  progress: ExportProgress;
  spill: CsvSpill;
  met: string[];
  run: SystemRun | undefined;
}

async function* dataJson(input: ExportInput, pass: Pass): AsyncGenerator<string> {
  const { tenant, subject, request, job } = input;
  const { inScope, wanted, tally, progress, spill, met, run } = pass;
  const head = {
    format: 'privacy-centre-export/1',
    kind: job.kind,
    generatedAt: input.generatedAt.toISOString(),
    controller: { name: tenant.name, legalName: tenant.legalName, contact: tenant.contact },
    policyVersion: tenant.policyVersion,
    request: { reference: request.reference, receivedOn: request.receivedOn },
    subject: { id: subject.id, email: subject.email },
    systems: systemFacts(run, request.searches, job.kind === 'portability' ? inScope : undefined),
  };
  let piece = `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "categories": [`;
  let open: string | undefined;
  let count = 0;
  let firstCategory = true;
  const close = () => {
    if (open === undefined) return '';
    tally.counts.set(open, count);
    return `\n    ], "recordCount": ${count} }`;
  };
  const start = (id: string) => {
    const facts = inScope.get(id);
    const head = JSON.stringify(facts ? exportFacts(facts) : unknownFacts(id));
    const text = `${firstCategory ? '' : ','}\n    ${head.slice(0, -1)}, "records": [`;
    firstCategory = false;
    open = id;
    count = 0;
    return text;
  };
  let seen = 0;
  /** The policy's fields of the open category: its CSV's columns before any key it does not list. */
  let columns: string[] = [];
  /** The same, to look keys up in; and the open category's keys that its policy does not list. */
  let listed = new Set<string>();
  let extra: string[] = [];
  let category: Category | undefined;
  const records = withSystemRecords(subjectRecords(input.deps, tenant, subject.id, input.pageSize), systemRecords(run));
  for await (const record of records) {
    if (record.category === 'identity' && !tally.name) {
      tally.name = [record.data.firstName, record.data.lastName].filter(Boolean).join(' ');
    }
    if (!wanted(record)) {
      tally.counts.set(record.category, (tally.counts.get(record.category) ?? 0) + 1);
      continue;
    }
    if (record.category !== open) {
      piece += close();
      if (tally.counts.has(record.category)) throw new Error(`records of ${record.category} came out of order`);
      if (!inScope.has(record.category)) tally.unknown.push(record.category);
      met.push(record.category);
      piece += start(record.category);
      category = inScope.get(record.category);
      columns = category?.fields.map((f) => f.id) ?? [];
      listed = new Set(columns);
      extra = [];
    }
    const row = csvRecord(tenant, record, columns);
    for (const key in row.data) {
      if (listed.has(key) || extra.includes(key)) continue;
      // A key the policy does not list: a column of its own, after the policy's.
      extra.push(key);
      tally.extraKeys.set(record.category, extra);
    }
    const spilling = spill.add(row, columns, extra);
    if (spilling) await spilling;
    piece += `${count ? ',' : ''}\n      ${JSON.stringify(jsonRecord(record, category, subject))}`;
    count++;
    progress.records++;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
    if (++seen % 500 === 0) await input.onProgress({ ...progress });
  }
  spill.end();
  piece += close();
  // Categories of the export with nothing held still appear, with their facts and no records.
  for (const category of inScope.values()) {
    if (tally.counts.has(category.id)) continue;
    tally.counts.set(category.id, 0);
    piece += `${start(category.id)}], "recordCount": 0 }`;
  }
  open = undefined;
  yield `${piece}\n  ]\n}\n`;
}

/** A record as data.json holds it: a connected system's with its source, and no deletion date of ours. */
function jsonRecord(record: ExportRecord, category: Category | undefined, subject: Subject) {
  const { id, recordedOn, data, heldIn } = record;
  if (heldIn) return { id, recordedOn: recordedOn || null, source: { system: heldIn.id, name: heldIn.name }, data };
  return { id, recordedOn, deleteOn: category ? deletionDate(category.retention.rule, recordedOn, subject) : null, data };
}

/**
 * A record as its CSV row holds it: a connected system's names its source in a column of its own,
 * and a field of its that means something other than the column of the same name gets its own
 * (systemCsvData: a vendor's job title `title` is not the honorific "Title").
 */
const csvRecord = (tenant: TenantConfig, record: ExportRecord, columns: readonly string[]): DataRecord =>
  record.heldIn
    ? { ...record, data: { ...systemCsvData(tenant, record, columns), [SOURCE_COLUMN]: record.heldIn.name } }
    : record;

/** Column headings: the policy's field labels, then any other keys the records hold. */
function header(category: Category | undefined, extra: string[]): string[] {
  return ['Record id', 'Recorded on', ...(category?.fields.map((f) => f.label) ?? []), ...extra];
}
