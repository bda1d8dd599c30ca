import { formatUkDate } from '../dates.ts';
import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { RightsRequest } from '../request-entities.ts';
import { systemsOf } from '../systems/declared.ts';
import type { SystemResult } from '../systems/outcome.ts';
import { holdsGivenData } from '../systems/plan.ts';
import type { SystemRun } from '../systems/ports.ts';
import { foundPerCategory, outcomeAt, wasSearched } from '../systems/report.ts';
import type { ExportKind } from './ports.ts';
import { heldNotInExport } from './systems.ts';

/** One system of the cover note: its name, who runs it, and what the search there came to. */
export interface SystemLine {
  id: string;
  name: string;
  runBy: string;
  result: string;
  searched: boolean;
  /** Not searched because the request does not reach it (portability: it holds nothing the person gave). */
  outOfScope?: boolean;
  /** What is held there but not in this file, and how to get it, in words ("2 records found; how to get it: …"). */
  notInFile?: string;
}

/** The request the export answers: its reference, and the searches staff recorded for it. */
export type ExportRequest = Pick<RightsRequest, 'reference' | 'searches'>;

const on = (iso: string | undefined) => (iso ? ` on ${formatUkDate(ukDate(new Date(iso)))}` : '');
const recordsOf = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

/** How the person gets what this file does not hold: by asking us (the centre sends nothing else itself). */
const askUs = (tenant: TenantConfig, request: ExportRequest | undefined) =>
  `ask us at ${tenant.contact.email}${request ? `, quoting your reference ${request.reference}` : ''}`;

/** What a system holds that this file does not, for the cover note's sentence; undefined if nothing. */
function notInFile(result: SystemResult, tenant: TenantConfig, request: ExportRequest | undefined): string | undefined {
  const missing = heldNotInExport(result, request?.searches);
  if (!missing) return undefined;
  const what = missing.byHand
    ? `${missing.count === undefined ? '' : `${recordsOf(missing.count)} `}found by our staff by hand`
    : `${recordsOf(missing.count ?? 0)} found`;
  return `${what}; how to get it: ${askUs(tenant, request)}`;
}

function resultText(result: SystemResult, tenant: TenantConfig, kind: ExportKind, request: ExportRequest | undefined): string {
  const { outcome } = result;
  const missing = heldNotInExport(result, request?.searches);
  switch (outcome.state) {
    case 'found': {
      const parts = foundPerCategory(outcome).map(({ category, count }) => {
        const c = tenant.categories.find((x) => x.id === category);
        const where = kind === 'portability' && !c?.providedBySubject ? ', not in a portability export' : '';
        return `${c?.name ?? category} (${count}${where})`;
      });
      const n = outcome.count;
      const found = `Searched${on(outcome.at)}: found ${recordsOf(n)}: ${parts.join('; ')}.`;
      if (!missing) return `${found} They are in this export, marked as held in this system.`;
      const kept = outcome.records.length;
      return `${found} ${kept === 0 ? 'They are not in this file' : `${recordsOf(missing.count ?? 0)} of them ${missing.count === 1 ? 'is' : 'are'} not in this file (the others are, marked as held in this system)`}: to get them, ${askUs(tenant, request)}.`;
    }
    case 'not-found':
      return `Searched${on(outcome.at)}: nothing about you is held there.`;
    case 'resolved': {
      const r = outcome.resolution;
      if (r.reason === 'not-held') return `Searched by hand by our staff${on(r.at)}: nothing about you is held there.`;
      if (r.reason === 'done-by-hand') {
        const how = askUs(tenant, request);
        return missing?.count === undefined
          ? `Searched by hand by our staff${on(r.at)}, who recorded the result. What is held there is not in this file: to get it, ${how}.`
          : `Searched by hand by our staff${on(r.at)}, who found ${recordsOf(missing.count)} there. They are not in this file: to get them, ${how}.`;
      }
      return `Not searched: ${r.reason === 'unreachable' ? 'the system could not be reached' : 'it was set aside by our staff'}${on(r.at)}.`;
    }
    case 'waiting-for-handler':
      return `Not searched yet: our staff search it by hand (due ${formatUkDate(outcome.dueAt.slice(0, 10))}).`;
    case 'failed':
      return `Not searched: the search failed${on(outcome.at)} (${outcome.reason}).`;
    case 'done':
      return `Your data there was erased${on(outcome.at)}.`;
    default:
      return 'Not searched yet: the search has not finished.';
  }
}

/**
 * Every system the tenant declares (and any other the run went to), with what the search there
 * came to; `request` (its reference, and the counts staff recorded) says how to get what is not in the file.
 */
export function systemLines(
  tenant: TenantConfig,
  run: SystemRun | undefined,
  kind: ExportKind,
  request?: ExportRequest,
): SystemLine[] {
  const declared = systemsOf(tenant);
  const lines: SystemLine[] = declared.map((system) => {
    const result = run?.results.find((r) => r.step.systemId === system.id);
    // Portability covers what the person gave us: a system holding none of it is not searched for it.
    if (kind === 'portability' && !result && !holdsGivenData(tenant, system)) {
      const runBy = system.operatedBy.by === 'client' ? system.operatedBy.organisation : tenant.name;
      return {
        id: system.id,
        name: system.name,
        runBy,
        result: 'Not searched: it holds nothing you gave us yourself, so it is not part of a portability export.',
        searched: false,
        outOfScope: true,
      };
    }
    const missing = result && notInFile(result, tenant, request);
    return {
      id: system.id,
      name: system.name,
      runBy: system.operatedBy.by === 'client' ? system.operatedBy.organisation : tenant.name,
      result: result ? resultText(result, tenant, kind, request) : 'Not searched for this request.',
      searched: result ? wasSearched(result.outcome) : false,
      ...(missing ? { notInFile: missing } : {}),
    };
  });
  for (const result of run?.results ?? []) {
    if (declared.some((s) => s.id === result.step.systemId)) continue;
    const missing = notInFile(result, tenant, request);
    lines.push({
      id: result.step.systemId,
      name: result.step.systemName,
      runBy: '',
      result: resultText(result, tenant, kind, request),
      searched: wasSearched(result.outcome),
      ...(missing ? { notInFile: missing } : {}),
    });
  }
  return lines;
}

/**
 * The cover note's sentence on what this export holds of what we found: all of it, or all but
 * what the systems named hold ("…, except what we hold in: Call recordings (2 records found by our
 * staff by hand; how to get it: …)"). Access exports only: a portability export says what it leaves out.
 */
export function whatThisExportHolds(lines: readonly SystemLine[]): string {
  const elsewhere = lines.filter((l) => l.notInFile);
  if (elsewhere.length === 0) return 'Everything we found about you is in this export.';
  return `Everything we found about you is in this export, except what we hold in: ${elsewhere.map((l) => `${l.name} (${l.notInFile})`).join('; ')}.`;
}

/** The cover note's section on the connected systems: every one, its result, and whether the search is partial. */
export function SystemsSearched(props: { lines: readonly SystemLine[]; run: SystemRun | undefined }) {
  const { lines } = props;
  if (lines.length === 0) return null;
  const missing = lines.filter((l) => !l.searched && !l.outOfScope);
  const outOfScope = lines.some((l) => l.outOfScope);
  // "We also searched" only where something was: a request answered before any search says so instead.
  const none = missing.length === lines.filter((l) => !l.outOfScope).length;
  const last = props.run?.results
    .map((r) => outcomeAt(r.outcome))
    .sort()
    .at(-1);
  return (
    <>
      <h3 id="systems">The other systems where we hold data</h3>
      <p>
        {none ? (
          'We hold data about people in the systems below, ourselves or for the organisations we work for.'
        ) : (
          <>
            We also searched for your email address in the systems below
            {outOfScope ? ' that hold data you gave us' : ''}, where we or the organisations we work for hold data
            {last ? ` (last result${on(last)})` : ''}.
          </>
        )}
      </p>
      {missing.length > 0 ? (
        <p>
          <strong>
            This search is partial: {missing.length} of {lines.length} system{lines.length === 1 ? '' : 's'}{' '}
            {missing.length === 1 ? 'was' : 'were'} not searched ({missing.map((l) => l.name).join(', ')}), so this export may not
            hold everything we have about you.
          </strong>
        </p>
      ) : (
        <p>
          {outOfScope
            ? 'Every one of these systems that holds data you gave us was searched.'
            : 'Every one of these systems was searched.'}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">System</th>
            <th scope="col">Run by</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{l.name}</td>
              <td>{l.runBy}</td>
              <td>{l.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
