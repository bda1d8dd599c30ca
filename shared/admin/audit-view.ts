import { RequestReference } from '../admin-api/data-tools.ts';
import type { AuditEventView, AuditFilter, AuditPage, AuditQuery } from '../admin-api.ts';
import { type VerifyResult, verifyAuditTrail } from '../audit/chain.ts';
import { normaliseEmail } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { AuditEvent } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { CSV_BOM, csvRow } from '../exports/csv.ts';
import type { AuditBrowse } from '../ports.ts';
import { requirePermission } from '../staff/permissions.ts';
import { auditStaffRead, type StaffContext } from './context.ts';
import { requestWithReference } from './queue.ts';

/** Events on one page of the audit screen. */
export const AUDIT_PAGE_SIZE = 50;
/** The most events one export carries; past it the export says it was cut short. */
export const AUDIT_EXPORT_MAX = 20_000;

/**
 * The request a filter names: staff know a request by its reference (the queue, the letters and
 * the requester's emails show it), the trail by its id. Another centre's reference is not found.
 */
async function requestIdOf(deps: Deps, ctx: StaffContext, request: string): Promise<string> {
  const parsed = RequestReference.safeParse(request);
  if (!parsed.success) return request;
  const reference = parsed.data;
  const found = await requestWithReference(deps, ctx.tenant.slug, reference);
  if (!found) throw new DomainError('not_found', `No request with the reference ${reference} is in this centre.`);
  return found.id;
}

/** The filters as the store reads them: a person by id (an address is looked up), days as instants. */
async function browseOf(deps: Deps, ctx: StaffContext, filter: AuditFilter): Promise<Omit<AuditBrowse, 'limit'>> {
  let subjectId: string | undefined;
  if (filter.person) {
    subjectId = filter.person.includes('@')
      ? await deps.subjects.findIdByEmail(ctx.tenant.slug, normaliseEmail(filter.person))
      : filter.person;
    if (!subjectId) {
      throw new DomainError(
        'not_found',
        'No one with that address is in this centre now. After an erasure, filter by the person’s id (it is on their requests).',
      );
    }
  }
  const requestId = filter.request && (await requestIdOf(deps, ctx, filter.request));
  return {
    ...(subjectId ? { subjectId } : {}),
    ...(requestId ? { requestId } : {}),
    ...(filter.staff ? { staff: normaliseEmail(filter.staff) } : {}),
    ...(filter.kind ? { kindPrefix: filter.kind } : {}),
    ...(filter.from ? { fromAt: `${filter.from}T00:00:00.000Z` } : {}),
    ...(filter.to ? { toAt: `${filter.to}T23:59:59.999Z` } : {}),
  };
}

/**
 * The filters as the audit record of a look (and an export) says them: ids only, never a person's
 * address; named apart from `subjectId` and `requestId`, so a look is not itself an event of that
 * person or request.
 */
const filterDetail = (b: Omit<AuditBrowse, 'limit'>): Record<string, string> => ({
  ...(b.subjectId ? { person: b.subjectId } : {}),
  ...(b.requestId ? { request: b.requestId } : {}),
  ...(b.staff ? { staff: b.staff } : {}),
  ...(b.kindPrefix ? { kind: b.kindPrefix } : {}),
  ...(b.fromAt ? { from: b.fromAt.slice(0, 10) } : {}),
  ...(b.toAt ? { to: b.toAt.slice(0, 10) } : {}),
});

/** One event as staff see it: what it says, except its personal part (only whether it had one). */
export function eventView(event: AuditEvent & { seq?: number; personalRemovedAt?: string }): AuditEventView {
  const detail = event.detail ?? {};
  const requestId = typeof detail.requestId === 'string' ? detail.requestId : undefined;
  return {
    id: event.id,
    at: event.at,
    ...(typeof event.seq === 'number' ? { seq: event.seq } : {}),
    action: event.action,
    actor: { type: event.actor.type, ...('id' in event.actor ? { id: event.actor.id } : {}) },
    ...(event.subjectId ? { subjectId: event.subjectId } : {}),
    ...(requestId ? { requestId } : {}),
    detail,
    personal: event.personal ? 'recorded' : event.personalRemovedAt ? 'removed' : 'none',
  };
}

/** A page of the trail, newest first, for an admin; the look itself goes on the trail. */
export async function browseAuditTrail(deps: Deps, ctx: StaffContext, query: AuditQuery): Promise<AuditPage> {
  await requirePermission(deps, ctx, 'read-audit', 'read the audit trail');
  const browse = await browseOf(deps, ctx, query);
  const page = await deps.trail.browse(ctx.tenant.slug, {
    ...browse,
    ...(query.after ? { after: query.after } : {}),
    limit: AUDIT_PAGE_SIZE,
  });
  await auditStaffRead(deps, ctx, {
    action: 'staff.viewed_audit_trail',
    detail: { ...filterDetail(browse), ...(query.after ? { page: 'older' } : {}), shown: page.events.length },
  });
  return { events: page.events.map(eventView), ...(page.next ? { next: page.next } : {}) };
}

export interface AuditExport {
  tenant: string;
  exportedAt: string;
  exportedBy: string;
  filter: Record<string, string>;
  /** The check of the whole chain, run for this export. */
  chain: VerifyResult;
  /** True when more events matched than one export carries (`AUDIT_EXPORT_MAX`). */
  truncated: boolean;
  events: AuditEventView[];
}

/** Every event the filters match (newest first, up to the maximum) with a fresh chain check; audited. */
export async function exportAuditTrail(deps: Deps, ctx: StaffContext, filter: AuditFilter, format: 'csv' | 'json') {
  await requirePermission(deps, ctx, 'read-audit', 'export the audit trail');
  const browse = await browseOf(deps, ctx, filter);
  const chain = await verifyAuditTrail(deps.trail, ctx.tenant.slug);
  const events: AuditEventView[] = [];
  let after: string | undefined;
  let truncated = false;
  do {
    const page = await deps.trail.browse(ctx.tenant.slug, { ...browse, ...(after ? { after } : {}), limit: 500 });
    events.push(...page.events.map(eventView));
    after = page.next;
    if (events.length >= AUDIT_EXPORT_MAX) {
      truncated = events.length > AUDIT_EXPORT_MAX || after !== undefined;
      events.length = Math.min(events.length, AUDIT_EXPORT_MAX);
      break;
    }
  } while (after);
  const result: AuditExport = {
    tenant: ctx.tenant.slug,
    exportedAt: deps.clock.now().toISOString(),
    exportedBy: ctx.member.email,
    filter: filterDetail(browse),
    chain,
    truncated,
    events,
  };
  await auditStaffRead(deps, ctx, {
    action: 'staff.exported_audit_trail',
    detail: {
      ...filterDetail(browse),
      format,
      events: events.length,
      truncated,
      chainOk: chain.ok,
      chainChecked: chain.checked,
    },
  });
  return result;
}

const chainLine = (chain: VerifyResult): string =>
  chain.ok
    ? `intact: ${chain.checked} events checked${chain.head ? `; head #${chain.head.seq} ${chain.head.hash}` : ''}`
    : `BROKEN at #${chain.firstBroken?.seq}${chain.firstBroken?.id ? ` (event ${chain.firstBroken.id})` : ''}: ${chain.firstBroken?.problem}; ${chain.checked} events checked before it`;

/**
 * The export as CSV: a few `#` lines first (what, who, when, the filters and the chain check),
 * then one row per event, newest first.
 */
export function auditCsv(e: AuditExport): string {
  const filters = Object.entries(e.filter).map(([k, v]) => `${k}=${v}`);
  const preamble = [
    `# Audit trail of ${e.tenant} exported ${e.exportedAt} by ${e.exportedBy}`,
    `# Filters: ${filters.length ? filters.join('; ') : 'none'}`,
    `# Chain check: ${chainLine(e.chain)}`,
    ...(e.truncated ? [`# Cut short: only the newest ${e.events.length} matching events. Narrow the filters for the rest`] : []),
  ].map((line) => csvRow([line]));
  const header = csvRow([
    'seq',
    'at',
    'id',
    'action',
    'actor_type',
    'actor',
    'subject_id',
    'request_id',
    'detail',
    'personal_data',
  ]);
  const rows = e.events.map((v) =>
    csvRow([
      v.seq,
      v.at,
      v.id,
      v.action,
      v.actor.type,
      v.actor.id,
      v.subjectId,
      v.requestId,
      Object.entries(v.detail)
        .map(([k, x]) => `${k}=${x}`)
        .join('; '),
      v.personal,
    ]),
  );
  return CSV_BOM + [...preamble, header, ...rows].join('');
}
