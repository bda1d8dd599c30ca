import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { RecordOutcome } from '../systems/connector.ts';
import { type Correction, systemsHolding } from '../systems/correction.ts';
import { systemsOf } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import { countOf, yourField } from '../systems/report.ts';

/**
 * The connected systems' part of the letter answering a rectification: per system, exactly where
 * the correction was made (on which records), where it already read right, and plainly where it
 * was not made and why, including the systems that do not hold the field at all. It says "we
 * corrected" only for what a system reported changed, or a handler recorded doing by hand.
 */

type FormatDate = (isoDate: string) => string;
const dayOf = (iso: string, formatDate: FormatDate) => formatDate(ukDate(new Date(iso)));

function tally(records: readonly RecordOutcome[], result: RecordOutcome['result']) {
  const counts = new Map<string, number>();
  for (const r of records) if (r.result === result) counts.set(r.object, (counts.get(r.object) ?? 0) + 1);
  return [...counts].map(([object, n]) => countOf(object, n)).join(' and ');
}

function line(result: SystemResult, correction: Correction, formatDate: FormatDate): string {
  const { outcome } = result;
  const name = result.step.systemName;
  const what = yourField(correction.label);
  switch (outcome.state) {
    case 'done': {
      const parts: string[] = [];
      const corrected = tally(outcome.records, 'corrected');
      const right = tally(outcome.records, 'unchanged');
      const gone = tally(outcome.records, 'absent');
      if (corrected) parts.push(`we corrected ${what} on ${corrected}`);
      if (right) parts.push(`${right} already read “${correction.value}”, so nothing needed changing`);
      if (gone) parts.push(`${gone} had gone before we came to correct ${gone.startsWith('1 ') ? 'it' : 'them'}`);
      return `${name}: ${parts.length ? parts.join('; ') : 'no record there held it, so there was nothing to change'}.`;
    }
    case 'not-found':
      return `${name}: we searched and found no record of you there, so there was nothing to correct.`;
    case 'resolved': {
      const r = outcome.resolution;
      const on = dayOf(r.at, formatDate);
      const said = r.note ? ` They recorded: “${r.note}”` : '';
      switch (r.reason) {
        case 'done-by-hand':
          return `${name}: our staff corrected ${what} there by hand on ${on}.${said}`;
        case 'not-held':
          return `${name}: our staff checked by hand on ${on}: ${what} is not held there.${said}`;
        case 'unreachable':
          return `${name}: we could not reach this system, so we have not corrected ${what} there (recorded on ${on}).${said}`;
        default:
          return `${name}: we have not corrected ${what} there: it is kept as it is ${r.reason === 'legal-hold' ? 'under a legal hold' : 'because the law requires us to keep it'} (recorded on ${on}).${said}`;
      }
    }
    case 'failed':
      return `${name}: we have not corrected ${what} there: the correction failed (${outcome.reason}).`;
    case 'waiting-for-handler':
      return `${name}: not done yet: our staff are to correct ${what} there by hand by ${formatDate(outcome.dueAt.slice(0, 10))}.`;
    default:
      return `${name}: not done yet: the correction there has not finished.`;
  }
}

/**
 * The systems' part of the letter, or '' for a tenant without connected systems. Every declared
 * system is in it: those holding the field with what was done there, the others said not to hold it.
 */
export function systemsCorrectionLetter(
  tenant: TenantConfig,
  run: SystemRun | undefined,
  correction: Correction,
  formatDate: FormatDate,
): string {
  const systems = systemsOf(tenant);
  if (systems.length === 0) return '';
  const holding = new Set(systemsHolding(systems, correction).map((s) => s.id));
  const results = run?.operation === 'correct' ? run.results : [];
  const what = yourField(correction.label);
  const lines = [
    ...results.map((r) => line(r, correction, formatDate)),
    ...systems
      .filter((s) => holding.has(s.id) && !results.some((r) => r.step.systemId === s.id))
      .map((s) => `${s.name}: we have not corrected ${what} there: no correction was run in it for this request.`),
    ...systems
      .filter((s) => !holding.has(s.id))
      .map((s) => `${s.name}: it does not hold ${what}, so there was nothing to change there.`),
  ];
  return ['In the other systems where we hold data:', ...lines].join('\n');
}
