import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { systemsOf } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import { countOf, fieldsInWords, holdsContents, joinParts, tallyErasure, withoutContents } from '../systems/report.ts';

/**
 * The connected systems' part of the erasure letter, kept apart from the centre's own part
 * (erase.ts): per system, exactly what was erased or anonymised (which fields), what was already
 * gone, what was kept and why, and plainly where nothing was done. It says "we erased" only for
 * what a system reported erased.
 */

type FormatDate = (isoDate: string) => string;

const dayOf = (iso: string, formatDate: FormatDate) => formatDate(ukDate(new Date(iso)));
const quoted = (note: string) => (note ? ` They recorded: “${note}”` : '');

function doneLine(result: Extract<SystemResult['outcome'], { state: 'done' }>, tenant: TenantConfig): string {
  const tally = tallyErasure(result.records);
  const parts: string[] = [];
  const list = (items: { object: string; count: number }[]) => items.map((i) => countOf(i.object, i.count)).join(' and ');
  if (tally.erased.length) parts.push(`we erased ${list(tally.erased)}`);
  for (const a of tally.anonymised) {
    parts.push(
      `we anonymised ${countOf(a.object, a.count)} (your ${fieldsInWords(a.fields)} rewritten or removed; the rest of the record stays)`,
    );
  }
  const absent = tally.absent.reduce((n, a) => n + a.count, 0);
  if (absent) parts.push(`${list(tally.absent)} had already gone before we came to erase ${absent === 1 ? 'it' : 'them'}`);
  for (const k of tally.kept) {
    const rule = tenant.categories.find((c) => c.id === k.retention)?.name ?? k.retention;
    parts.push(`we kept ${countOf(k.object, k.count)} under our retention rule for ${rule}, because: ${k.reason}`);
  }
  if (parts.length === 0) return 'nothing about you was left there to erase.';
  const text = joinParts(parts);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function systemLine(result: SystemResult, tenant: TenantConfig, formatDate: FormatDate): string {
  const { outcome } = result;
  const name = result.step.systemName;
  switch (outcome.state) {
    case 'done':
      return `${name}: ${doneLine(outcome, tenant)}`;
    case 'not-found':
      return `${name}: we searched and found nothing about you there, so there was nothing to erase.`;
    case 'found':
      return `${name}: we found your data there but have not erased it.`;
    case 'resolved': {
      const r = outcome.resolution;
      const on = dayOf(r.at, formatDate);
      switch (r.reason) {
        case 'done-by-hand':
          return `${name}: the centre cannot act in this system by itself, so our staff dealt with it by hand on ${on}.${quoted(r.note)}`;
        case 'not-held':
          return `${name}: our staff checked by hand on ${on}: nothing about you is held there.${quoted(r.note)}`;
        case 'legal-hold':
          return `${name}: we have not erased your data there: it is kept under a legal hold (recorded on ${on}).${quoted(r.note)}`;
        case 'retention-obligation':
          return `${name}: we have not erased your data there: the law requires us to keep it (recorded on ${on}).${quoted(r.note)}`;
        case 'unreachable':
          return `${name}: we could not reach this system, so we have not erased your data there (recorded on ${on}).${quoted(r.note)}`;
      }
      return `${name}: ${r.reason}.`;
    }
    case 'failed':
      return `${name}: we have not erased your data there: the erasure failed (${outcome.reason}).`;
    case 'waiting-for-handler':
      return `${name}: not done yet: our staff are to erase your data there by hand by ${formatDate(outcome.dueAt.slice(0, 10))}.`;
    default:
      return `${name}: not done yet: the erasure there has not finished.`;
  }
}

/**
 * The systems' part of the letter, or '' for a tenant without connected systems. Every system the
 * tenant declares is in it: one the erasure never went to is said to be untouched.
 */
export function systemsErasureLetter(tenant: TenantConfig, run: SystemRun | undefined, formatDate: FormatDate): string {
  const results = run?.results ?? [];
  const untouched = systemsOf(tenant).filter((s) => !results.some((r) => r.step.systemId === s.id));
  if (results.length === 0 && untouched.length === 0) return '';
  return [
    'In the other systems where we hold data:',
    ...results.map((r) => systemLine(r, tenant, formatDate)),
    ...untouched.map((s) => `${s.name}: we have not erased anything there: no erasure was run in it for this request.`),
  ].join('\n');
}

/** The centre's part and the systems' part, as one letter. */
export function withSystemsPart(centrePart: string, systemsPart: string): string {
  return systemsPart ? `In this privacy centre's own records:\n${centrePart}\n${systemsPart}` : centrePart;
}

/**
 * After a whole erasure: every run through the systems for the person keeps what it counted and
 * did (the s.78 record) but no longer what a system held about them, nor (but in the erasure's own
 * run, which its letter quotes) what a handler wrote there. Audited per run; safe to repeat.
 */
export async function forgetWhatSystemsFound(
  deps: Pick<Deps, 'systemRuns' | 'clock'>,
  input: { tenant: string; subjectId: string; actor: Actor; requestId?: string },
): Promise<number> {
  let changed = 0;
  for (const run of await deps.systemRuns.listForSubject(input.tenant, input.subjectId)) {
    const keepNotes = run.requestId === input.requestId;
    if (!holdsContents(run, keepNotes)) continue;
    const next = { ...withoutContents(run, keepNotes), updatedAt: deps.clock.now().toISOString(), version: run.version + 1 };
    await deps.systemRuns.save(next, run.version, {
      audit: [
        {
          action: 'erasure.system_run_redacted',
          actor: input.actor,
          subjectId: input.subjectId,
          detail: { ...(input.requestId ? { requestId: input.requestId } : {}), runOf: run.requestId },
        },
      ],
    });
    changed++;
  }
  return changed;
}
