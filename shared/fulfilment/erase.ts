import { normaliseEmail } from '../crypto.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor, DataRecord, RightsRequest, Subject } from '../entities.ts';
import type { HashKeys } from '../hash-keys.ts';
import { CONSENT_CATEGORY, suppressionHashes } from '../marketing/preferences.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { endedBy, erasureKeepReason } from './erasure-keep.ts';
import { REMOVED, redacted, scrubbed, scrubbedInternal } from './redact-request.ts';

/** What an erasure did, category by category, in words the subject is told. */
export interface ErasureReport {
  /** false when there was nothing left to erase (a repeat run). */
  performed: boolean;
  whole: boolean;
  erased: { category: string; name: string; records: number }[];
  kept: { category: string; name: string; records: number; reason: string; until: string | null }[];
  /** What survives every erasure, and why. */
  alwaysKept: string[];
}

export const ALWAYS_KEPT = [
  'A record of your requests to us and how we handled them (without what you or our staff wrote in them about you), kept to show we followed the law.',
  'A coded (hashed) form of your email address and phone number on our do-not-contact list, so that you are never sent marketing again: the one thing kept from your marketing choices and consent history. It cannot be read back.',
];

/** The consent ledger's name in the letter where the policy has no category for it. */
const CONSENT_NAME = 'Your marketing choices and their history (consent records)';

/**
 * A keyed hash marking an address whose owner had their data erased: imports refuse to bring
 * them back from an old file (it cannot be read back into the address).
 */
export const erasedMarker = (keys: HashKeys, tenant: string, email: string) => keys.hash(erasedValue(tenant, email));

/** The marker's hashes a look-up tries: current HASH_KEY, then previous. */
export const erasedMarkerLookups = (keys: HashKeys, tenant: string, email: string) => keys.lookups(erasedValue(tenant, email));

const erasedValue = (tenant: string, email: string) => `erased:${tenant}:${normaliseEmail(email)}`;

type ErasureInput = {
  tenant: TenantConfig;
  subjectId: string;
  categories: '*' | string[];
  /** Single records only (within `categories`): one call recording, not the whole category. */
  records?: string[];
  actor: Actor;
  requestId?: string;
};

/**
 * Art. 17 erasure. Deletes the subject's records in the chosen categories (all: '*'), except
 * those under a legal hold or a retention obligation of the tenant's policy, and says exactly what
 * was kept and why. A whole erasure also ends every session and link token, deletes the consent
 * ledger, unsent emails and prepared exports (files too), removes the personal part of the subject's audit events (the chain
 * still verifies), removes what the subject wrote in their requests, puts their addresses on the
 * suppression list (a keyed hash), and removes the subject itself unless records are kept.
 * Safe to run again: a second run finds nothing left and changes nothing.
 */
export async function eraseSubject(deps: Deps, input: ErasureInput): Promise<ErasureReport> {
  const subject = await deps.subjects.get(input.tenant.slug, input.subjectId);
  return (await eraseLoaded(deps, { ...input, subject })).report;
}

/** What an erasure changed, for a caller that goes on without reading the subject again. */
export interface Erasure {
  report: ErasureReport;
  /** The subject as stored now: unchanged, a tombstone (records kept), or gone. */
  subject: Subject | undefined;
  /** The subject's requests as saved after redaction (a whole erasure). */
  requests: RightsRequest[];
}

/** `eraseSubject` for a subject the caller has loaded already (the staff action). */
export async function eraseLoaded(deps: Deps, input: ErasureInput & { subject: Subject | undefined }): Promise<Erasure> {
  const { tenant, subjectId, actor, subject } = input;
  const slug = tenant.slug;
  const today = ukDate(deps.clock.now());
  const whole = input.categories === '*' && !input.records;
  if (!subject || subject.erasedAt) {
    return { report: { performed: false, whole, erased: [], kept: [], alwaysKept: ALWAYS_KEPT }, subject, requests: [] };
  }

  const inScope = (r: DataRecord) =>
    (input.categories === '*' || input.categories.includes(r.category)) && (!input.records || input.records.includes(r.id));
  const records = (await deps.subjects.listRecords(slug, subjectId)).filter(inScope);
  // A whole erasure ends the relationship (the person asked to be forgotten, and can no longer be
  // reached): "so long after the relationship ends" starts today, so what is kept has a date, which
  // the letter gives, and the retention sweep deletes it then.
  const ended = endedBy(subject, whole, today);
  const identity = records.find((r) => r.category === 'identity');
  const erase: DataRecord[] = [];
  const kept = new Map<string, ErasureReport['kept'][number]>();
  const erasedCount = new Map<string, number>();
  const requests: RightsRequest[] = [];
  for (const record of records) {
    const category = tenant.categories.find((c) => c.id === record.category);
    const why = erasureKeepReason(category, record, ended, today);
    if (why) {
      const key = `${record.category}|${why.reason}`;
      const entry = kept.get(key) ?? {
        category: record.category,
        name: category?.name ?? record.category,
        records: 0,
        reason: why.reason,
        until: why.until,
      };
      entry.records++;
      if (why.until && (!entry.until || why.until > entry.until)) entry.until = why.until;
      kept.set(key, entry);
    } else {
      erase.push(record);
      erasedCount.set(record.category, (erasedCount.get(record.category) ?? 0) + 1);
    }
  }
  const audit = (action: string, detail: Record<string, string | number | boolean>) => ({
    action,
    actor,
    subjectId,
    detail: { ...(input.requestId ? { requestId: input.requestId } : {}), ...detail },
  });

  // Records, in batches, each batch with its audit event.
  for (let i = 0; i < erase.length; i += 80) {
    const batch = erase.slice(i, i + 80);
    await deps.subjects.deleteRecords({
      tenant: slug,
      subjectId,
      records: batch,
      effects: {
        audit: [
          audit('erasure.records_deleted', {
            records: batch.length,
            categories: [...new Set(batch.map((r) => r.category))].join(','),
          }),
        ],
      },
    });
  }

  if (whole) {
    await deps.sessions.revokeAllOf(slug, subjectId, { audit: [audit('erasure.sessions_ended', {})] });
    await deps.tokens.revokeAllOf(slug, subjectId);
    // The consent history is erased too, and the letter says so: counted before it goes.
    const ledger = await deps.consents.list(slug, subjectId);
    if (ledger.length) erasedCount.set(CONSENT_CATEGORY, (erasedCount.get(CONSENT_CATEGORY) ?? 0) + ledger.length);
    await deps.consents.deleteAll(slug, subjectId);
    await deps.outbox.deletePendingFor(slug, subjectId);
    await deps.suppressions.add(
      slug,
      [
        ...suppressionHashes(deps.settings.hashKeys, slug, subject.email, identity),
        erasedMarker(deps.settings.hashKeys, slug, subject.email),
      ],
      'erased: never contact again, never import again',
      {
        audit: [audit('marketing.suppressed', { reason: 'erasure' })],
      },
    );
    for (const request of await deps.requests.listForSubject(slug, subjectId)) {
      // Saved with a version guard: a request changed meanwhile is read again on a re-run.
      const next = redacted(request);
      await deps.requests.update(next, request.version, {
        audit: [audit('erasure.request_redacted', { requestId: request.id })],
      });
      requests.push(next);
    }
    // Their complaints are kept as the organisation's record (s.164A), without their words or staff's about them.
    for (const complaint of await deps.complaints.listForSubject(slug, subjectId)) {
      const next = {
        ...complaint,
        what: REMOVED,
        history: complaint.history.map(scrubbed),
        ...(complaint.internal ? { internal: complaint.internal.map(scrubbedInternal) } : {}),
        ...(complaint.outcome ? { outcome: REMOVED } : {}),
        version: complaint.version + 1,
      };
      await deps.complaints.update(next, complaint.version, {
        audit: [audit('erasure.complaint_redacted', { complaintId: complaint.id })],
      });
    }
    // Their exports: the files first (an item left behind is found again on a re-run).
    for (const job of await deps.exports.listForSubject(slug, subjectId)) {
      if (job.blobKey) await deps.blobs.delete(job.blobKey);
      await deps.exports.remove(slug, subjectId, job.id, { audit: [audit('erasure.export_deleted', { exportId: job.id })] });
    }
    await deps.trail.removePersonal(slug, await deps.trail.listForSubject(slug, subjectId));
  }

  const report: ErasureReport = {
    performed: true,
    whole,
    erased: [...erasedCount].map(([category, n]) => ({
      category,
      name: tenant.categories.find((c) => c.id === category)?.name ?? (category === CONSENT_CATEGORY ? CONSENT_NAME : category),
      records: n,
    })),
    kept: [...kept.values()],
    alwaysKept: ALWAYS_KEPT,
  };
  const summary = audit('erasure.completed', {
    whole,
    erased: erase.length,
    kept: [...kept.values()].reduce((n, k) => n + k.records, 0),
    keptCategories: [...new Set([...kept.values()].map((k) => k.category))].join(','),
    ...(ended !== subject ? { relationshipEndedOn: today } : {}),
  });
  if (!whole) {
    await deps.audit.commit(slug, { audit: [summary] });
    return { report, subject, requests };
  }
  // The subject goes too: with kept records, a tombstone without their address stays, so the
  // retention sweep still finds and deletes those records when their time comes.
  const tombstone = kept.size > 0;
  await deps.subjects.remove({ tenant: slug, subject: ended, tombstone, effects: { audit: [summary] } });
  const { id, relationship, createdAt, version } = ended;
  const erasedAt = deps.clock.now().toISOString();
  const stone: Subject = { id, tenant: slug, email: '', relationship, createdAt, version: version + 1, erasedAt };
  return { report, subject: tombstone ? stone : undefined, requests };
}

/** The report as the letter (and the request's response note) says it. */
export function erasureLetter(report: ErasureReport, formatDate: (d: string) => string): string {
  if (!report.performed) return 'We hold no personal data about you any more: it had already been erased.';
  const lines = [
    report.erased.length
      ? `We have erased: ${report.erased.map((e) => `${e.name} (${e.records} record${e.records === 1 ? '' : 's'})`).join('; ')}.`
      : 'There was nothing we could erase in what you asked.',
  ];
  for (const k of report.kept) {
    lines.push(
      `We have kept ${k.name} (${k.records} record${k.records === 1 ? '' : 's'}) because: ${k.reason}${
        k.until ? ` We will delete it by ${formatDate(k.until)}.` : ''
      }`,
    );
  }
  if (report.whole) lines.push(...report.alwaysKept.map((a) => `We also keep: ${a}`));
  return lines.join('\n');
}
