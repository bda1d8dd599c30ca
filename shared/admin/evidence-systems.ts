import { formatUkDate } from '../dates.ts';
import type { StaffMember } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { isResolved } from '../systems/completion.ts';
import type { RecordOutcome } from '../systems/connector.ts';
import { systemsOf } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { operationFor } from '../systems/plan.ts';
import type { SystemRun } from '../systems/ports.ts';
import {
  countOf,
  fieldsInWords,
  foundPerCategory,
  joinParts,
  outcomeAt,
  resolutionWords,
  tallyErasure,
  wasSearched,
} from '../systems/report.ts';
import type { RequestKind } from '../vocabulary.ts';

/**
 * The evidence pack's record of the search of the connected systems (Data (Use and Access) Act
 * 2025, s.78: a reasonable and proportionate search): each system, when, by whom or
 * automatically, with which kind of identity (never its value), what was found and what was done.
 */

type Esc = (value: string | number | undefined | null) => string;
type When = (iso: string) => string;

const identityWords: Record<string, string> = { email: 'their email address' };

/** A staff member by the id the run stores (their email), as the pack names people. */
const staffName = (id: string, staff: readonly StaffMember[]) =>
  id === 'system' ? 'automatically' : (staff.find((s) => s.email === id)?.name ?? id);

function found(result: SystemResult, tenant: TenantConfig, before?: SystemResult): string {
  const { outcome } = result;
  // An erasure replaced the request's search: what that search found is what was there to erase.
  if (before && before.outcome.state === 'found' && outcome.state !== 'found')
    return `${found(before, tenant)}, by the search on ${formatUkDate(before.outcome.at.slice(0, 10))}`;
  switch (outcome.state) {
    case 'found': {
      const n = `${outcome.count} record${outcome.count === 1 ? '' : 's'}`;
      // A search kept without its records (replaced by the erasure, or after it) has only its count.
      const parts = foundPerCategory(outcome)
        .filter((p) => p.category)
        .map(({ category, count }) => `${tenant.categories.find((c) => c.id === category)?.name ?? category} (${count})`);
      return parts.length ? `${n}: ${parts.join('; ')}` : n;
    }
    case 'not-found':
      return 'Nothing';
    case 'done':
      return `${outcome.records.length} record${outcome.records.length === 1 ? '' : 's'}`;
    case 'failed':
      return `Not searched: failed after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'} (${outcome.reason})`;
    case 'waiting-for-handler':
      return 'Not searched yet';
    case 'resolved':
      if (outcome.resolution.reason === 'not-held') return 'Nothing (checked by hand)';
      return outcome.resolution.count === undefined
        ? 'Recorded by hand (see what was done)'
        : `${outcome.resolution.count} record${outcome.resolution.count === 1 ? '' : 's'} (found by hand)`;
    default:
      return 'Not searched yet';
  }
}

/** Where a correction was made: each record and field changed, each already right, each gone. */
function corrected(records: readonly RecordOutcome[]): string {
  const parts = records.flatMap((r) => {
    if (r.result === 'corrected') return [`changed ${fieldsInWords(r.changes.map((c) => c.field))} on ${r.ref}`];
    if (r.result === 'unchanged') return [`${r.ref} already read the corrected value (nothing sent)`];
    if (r.result === 'absent') return [`${r.ref} was gone`];
    return [];
  });
  return parts.length ? parts.join('; ') : 'No record there held the field';
}

function done(result: SystemResult, tenant: TenantConfig, staff: readonly StaffMember[]): string {
  const { outcome } = result;
  switch (outcome.state) {
    case 'done': {
      if (result.step.operation === 'correct') return corrected(outcome.records);
      const t = tallyErasure(outcome.records);
      const parts = [
        ...t.erased.map((e) => `erased ${countOf(e.object, e.count)}`),
        ...t.anonymised.map((a) => `anonymised ${countOf(a.object, a.count)} (${fieldsInWords(a.fields)})`),
        ...t.kept.map(
          (k) =>
            `kept ${countOf(k.object, k.count)} under the retention rule for ${tenant.categories.find((c) => c.id === k.retention)?.name ?? k.retention}: ${k.reason}`,
        ),
        ...t.absent.map((a) => `${countOf(a.object, a.count)} already gone`),
      ];
      return parts.length ? joinParts(parts) : 'Nothing was left to erase';
    }
    case 'resolved': {
      const r = outcome.resolution;
      return `Resolved by ${staffName(r.by, staff)}: ${resolutionWords[r.reason]}. “${r.note}”`;
    }
    case 'waiting-for-handler':
      return `A task for the ${outcome.handlerName ?? outcome.role}, due ${formatUkDate(outcome.dueAt.slice(0, 10))}: ${outcome.instructions}`;
    case 'found':
      return result.step.operation === 'read' ? 'Read for the answer to the request' : 'Found; nothing done yet';
    case 'failed':
      return 'Nothing done';
    default:
      return '';
  }
}

function by(result: SystemResult, run: SystemRun, staff: readonly StaffMember[]): string {
  const { outcome, step } = result;
  if (outcome.state === 'resolved') return staffName(outcome.resolution.by, staff);
  if (!step.automatic) return 'By hand (a staff task)';
  return run.requestedBy === 'system' ? 'Automatically' : `Automatically, asked for by ${staffName(run.requestedBy, staff)}`;
}

/**
 * The run's connected systems as the pack's answer counts them, or '' without a run: a system was
 * searched where it answered or a handler searched it by hand, in the run or in the search before
 * an erasure. Points to the section that lists them.
 */
export function systemsSearchedLine(run: SystemRun | undefined): string {
  if (!run || run.results.length === 0) return '';
  const tried = [...run.results, ...(run.searched ?? [])];
  const systems = [...new Set(run.results.map((r) => r.step.systemId))];
  const n = systems.filter((id) => tried.some((r) => r.step.systemId === id && wasSearched(r.outcome))).length;
  const see = 'see “Connected systems searched” below.';
  if (n === 0) return `No connected system was searched: ${see}`;
  const was = n === 1 ? 'was' : 'were';
  return n === systems.length
    ? `${n} connected system${n === 1 ? '' : 's'} ${was} searched: ${see}`
    : `${n} of the ${systems.length} connected systems ${was} searched: ${see}`;
}

/** The section, or '' for a request kind that goes to no system in a tenant without systems. */
export function systemsEvidence(input: {
  tenant: TenantConfig;
  kind: RequestKind;
  run: SystemRun | undefined;
  staff: readonly StaffMember[];
  esc: Esc;
  when: When;
}): string {
  const { tenant, run, staff, esc, when } = input;
  const declared = systemsOf(tenant);
  if (!run && (declared.length === 0 || !operationFor[input.kind])) return '';
  const head = '<h2>Connected systems searched (Data (Use and Access) Act 2025, s.78)</h2>';
  if (!run)
    return `${head}<p>No search of the connected systems (${esc(declared.map((s) => s.name).join(', '))}) was recorded for this request.</p>`;
  const missing = declared.filter((s) => !run.results.some((r) => r.step.systemId === s.id));
  // A search is partial where a system was not searched; an erasure, where one is still unsettled.
  const open = (r: SystemResult) => (run.operation === 'read' ? !wasSearched(r.outcome) : !isResolved(r.outcome));
  const unsearched = run.results.filter(open).map((r) => r.step.systemName);
  const rows = run.results
    .map((result) => {
      const at = outcomeAt(result.outcome);
      return `<tr><td>${esc(result.step.systemName)} <span class="muted mono">(${esc(result.step.systemId)})</span></td><td>${esc(
        identityWords[result.step.identity] ?? result.step.identity,
      )}</td><td>${esc(at ? when(at) : '')}</td><td>${esc(by(result, run, staff))}</td><td>${esc(
        found(
          result,
          tenant,
          run.searched?.find((s) => s.step.systemId === result.step.systemId),
        ),
      )}</td><td>${esc(done(result, tenant, staff))}</td></tr>`;
    })
    .join('');
  return `${head}<p>${esc(
    `The ${run.operation === 'erase' ? 'erasure' : run.operation === 'correct' ? 'correction' : 'search'} was asked for on ${when(run.requestedAt)} ${
      run.requestedBy === 'system' ? 'automatically, when the request was started' : `by ${staffName(run.requestedBy, staff)}`
    }. Each system was searched with the kind of identity shown; its value is kept with the request, not in this record.${
      run.correction
        ? ` The correction changed ${run.correction.label} (${run.correction.category}.${run.correction.field}) to the value the request asks for, in each system that holds it as its declaration maps it; the old and new values stay with the request.`
        : ''
    }`,
  )}</p><table><thead><tr><th scope="col">System</th><th scope="col">Searched with</th><th scope="col">When</th><th scope="col">By</th><th scope="col">Found</th><th scope="col">What was done</th></tr></thead><tbody>${rows}</tbody></table>${
    missing.length
      ? run.operation === 'correct'
        ? `<p>${esc(`Not holding this field, as their declarations say, so not corrected: ${missing.map((s) => s.name).join(', ')}.`)}</p>`
        : `<p class="warn">${esc(`Declared but not in this search: ${missing.map((s) => s.name).join(', ')}.`)}</p>`
      : ''
  }${
    unsearched.length
      ? `<p class="warn">${esc(`${run.operation === 'read' ? 'The search is partial: not searched' : 'Not settled'}: ${unsearched.join(', ')}.`)}</p>`
      : ''
  }`;
}
