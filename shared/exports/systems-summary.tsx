import { formatUkDate } from '../dates.ts';
import { ukDate } from '../deadlines.ts';
import type { TenantConfig } from '../policy/schema.ts';
import type { SystemResult } from '../systems/outcome.ts';
import type { SystemRun } from '../systems/ports.ts';
import { foundPerCategory, outcomeAt, wasSearched } from '../systems/report.ts';
import type { ExportKind } from './ports.ts';

/** One system of the cover note: its name, who runs it, and what the search there came to. */
export interface SystemLine {
  id: string;
  name: string;
  runBy: string;
  result: string;
  searched: boolean;
}

const on = (iso: string | undefined) => (iso ? ` on ${formatUkDate(ukDate(new Date(iso)))}` : '');

function resultText(result: SystemResult, tenant: TenantConfig, kind: ExportKind): string {
  const { outcome } = result;
  switch (outcome.state) {
    case 'found': {
      const parts = foundPerCategory(outcome).map(({ category, count }) => {
        const c = tenant.categories.find((x) => x.id === category);
        const where = kind === 'portability' && !c?.providedBySubject ? ', not in a portability export' : '';
        return `${c?.name ?? category} (${count}${where})`;
      });
      const n = outcome.count;
      return `Searched${on(outcome.at)}: found ${n} record${n === 1 ? '' : 's'}: ${parts.join('; ')}. They are in this export, marked as held in this system.`;
    }
    case 'not-found':
      return `Searched${on(outcome.at)}: nothing about you is held there.`;
    case 'resolved': {
      const r = outcome.resolution;
      if (r.reason === 'not-held') return `Searched by hand by our staff${on(r.at)}: nothing about you is held there.`;
      if (r.reason === 'done-by-hand')
        return `Searched by hand by our staff${on(r.at)}, who recorded the result. What is held there is not in this file.`;
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

/** Every system the tenant declares (and any other the run went to), with what the search there came to. */
export function systemLines(tenant: TenantConfig, run: SystemRun | undefined, kind: ExportKind): SystemLine[] {
  const declared = tenant.systems ?? [];
  const lines: SystemLine[] = declared.map((system) => {
    const result = run?.results.find((r) => r.step.systemId === system.id);
    return {
      id: system.id,
      name: system.name,
      runBy: system.operatedBy.by === 'client' ? system.operatedBy.organisation : tenant.name,
      result: result ? resultText(result, tenant, kind) : 'Not searched for this request.',
      searched: result ? wasSearched(result.outcome) : false,
    };
  });
  for (const result of run?.results ?? []) {
    if (declared.some((s) => s.id === result.step.systemId)) continue;
    lines.push({
      id: result.step.systemId,
      name: result.step.systemName,
      runBy: '',
      result: resultText(result, tenant, kind),
      searched: wasSearched(result.outcome),
    });
  }
  return lines;
}

/** The cover note's section on the connected systems: every one, its result, and whether the search is partial. */
export function SystemsSearched(props: { tenant: TenantConfig; run: SystemRun | undefined; kind: ExportKind }) {
  const lines = systemLines(props.tenant, props.run, props.kind);
  if (lines.length === 0) return null;
  const missing = lines.filter((l) => !l.searched);
  const last = props.run?.results
    .map((r) => outcomeAt(r.outcome))
    .sort()
    .at(-1);
  return (
    <>
      <h3 id="systems">The other systems where we hold data</h3>
      <p>
        We also searched for your email address in the systems below, where we or the organisations we work for hold data
        {last ? ` (last result${on(last)})` : ''}.
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
        <p>Every one of these systems was searched.</p>
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
