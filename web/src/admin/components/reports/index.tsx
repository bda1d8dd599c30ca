import { useEffect, useState } from 'preact/hooks';
import type { ComplaintReport } from '../../../../../shared/complaints/report.ts';
import { Field } from '../../../components/field/index.tsx';
import { adminApi, adminPath, type Ctx, type ReportResponse } from '../../lib/admin-client.ts';
import { formatDate, statusNames, ukToday } from '../../lib/words.ts';
import { QueryPanel, useQueryForm } from '../query-form/index.tsx';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const days = (n: number | null) => (n === null ? 'None closed' : n === 1 ? '1 day' : `${n} days`);
const share = (n: number | null) => (n === null ? 'None closed' : `${Math.round(n * 100)}%`);
const byStatus = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${statusNames[status as keyof typeof statusNames] ?? status}: ${n}`)
    .join(', ') || 'None';

/** The headline figures of a period. */
function Figures(props: { report: ReportResponse }) {
  const r = props.report;
  const items: [string, string, string?][] = [
    ['Received', String(r.received)],
    ['Closed', String(r.closed)],
    ['Median time to close', days(r.medianDaysToClose), r.medianDaysToClose === null ? 'none' : undefined],
    ['Closed on time', share(r.closedOnTimeShare), r.closedOnTimeShare === null ? 'none' : undefined],
    ['Overdue now', String(r.overdueNow), r.overdueNow > 0 ? 'danger' : undefined],
  ];
  return (
    <dl class="figures">
      {items.map(([label, value, tone]) => (
        <div key={label} class={tone}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const outcomeNames: Record<string, string> = {
  done: 'done',
  'partly-done': 'partly done',
  'nothing-held': 'nothing held',
  'objection-not-upheld': 'objection not upheld',
  'data-accurate': 'data accurate',
  superseded: 'superseded by an erasure',
  refused: 'refused',
};
const byOutcome = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([o, n]) => `${n} ${outcomeNames[o] ?? o}`)
    .join(', ') || 'none';

/** The table by kind of request: on a phone, a card per kind. */
function ByKind(props: { report: ReportResponse }) {
  const cell = (label: string, value: string) => (
    <td>
      <span class="cell-label" aria-hidden="true">
        {label}
      </span>
      {value}
    </td>
  );
  return (
    <table class="data">
      <caption>By kind of request</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Received</th>
          <th scope="col">Closed</th>
          <th scope="col">Closed on time</th>
          <th scope="col">Median time to close</th>
          <th scope="col">Overdue now</th>
          <th scope="col">Received, by status now</th>
          <th scope="col">Closed, by outcome</th>
        </tr>
      </thead>
      <tbody>
        {props.report.rows.map((row) => (
          <tr key={row.kind}>
            <th scope="row">{row.kindName}</th>
            {cell('Received', String(row.received))}
            {cell('Closed', String(row.closed))}
            {cell('Closed on time', String(row.closedOnTime))}
            {cell('Median time to close', days(row.medianDaysToClose))}
            {cell('Overdue now', String(row.overdueNow))}
            {cell('By status now', byStatus(row.byStatus))}
            {cell('By outcome', byOutcome(row.byOutcome))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Figures for a period (this month by default): how many came in and closed, and how fast. */
export function Reports(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const today = ukToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [complaints, setComplaints] = useState<ComplaintReport | null>(null);
  const query = useQueryForm('report');

  function show(range = { from, to }) {
    const problems = [
      ...(isDate(range.from) ? [] : [{ field: 'from', message: 'Give the first day, for example 1 March 2026' }]),
      ...(isDate(range.to) ? [] : [{ field: 'to', message: 'Give the last day, for example 31 March 2026' }]),
    ];
    if (problems.length === 0 && range.from > range.to)
      problems.push({ field: 'to', message: 'The last day must be on or after the first day' });
    return query.run(problems, async () => {
      const q = `?from=${range.from}&to=${range.to}`;
      setReport(await adminApi<ReportResponse>(slug, `reports${q}`));
      setComplaints(await adminApi<ComplaintReport>(slug, `reports/complaints${q}`));
    });
  }

  useEffect(() => {
    show();
  }, []);

  return (
    <>
      <QueryPanel query={query} id="report" title="Period" submit="Show the figures" onSubmit={() => show()}>
        <div class="date-range">
          <Field id="report-from" label="From" type="date" value={from} onValue={setFrom} error={query.form.errors.from} />
          <Field id="report-to" label="To" type="date" value={to} onValue={setTo} error={query.form.errors.to} />
        </div>
      </QueryPanel>
      {report && (
        <section aria-labelledby="report-heading" aria-live="polite">
          <h2 id="report-heading">
            {formatDate(report.from)} to {formatDate(report.to)}
          </h2>
          <Figures report={report} />
          {report.rows.length > 0 ? <ByKind report={report} /> : <p>No requests were received in this period.</p>}
          <p>
            <a href={`/api${adminPath(slug, `reports.csv?from=${report.from}&to=${report.to}`)}`} download>
              Download CSV<span class="vh"> of these figures</span>
            </a>
          </p>
          <table class="data">
            <caption>Duplicates, repeats and fees</caption>
            <tbody>
              {(
                [
                  ['Duplicates merged', report.repeats.duplicatesMerged],
                  ['Repeats answered by pointing to an earlier answer', report.repeats.repeatsAnsweredByReference],
                  ['Fees asked', report.repeats.feesAsked],
                  ['Fees paid', report.repeats.feesPaid],
                  ['Closed: fee not paid', report.repeats.feesUnpaid],
                ] as const
              ).map(([label, n]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">
            The time to close is in calendar days from receipt, the median over the requests closed in the period; on time means
            closed on or before the due date.
          </p>
          {complaints && (
            <table class="data">
              <caption>Complaints (DPA 2018 s.164A)</caption>
              <thead>
                <tr>
                  <th scope="col">About</th>
                  <th scope="col">Received</th>
                  <th scope="col">Acknowledged within 30 days</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Median days to outcome</th>
                  <th scope="col">Overdue now</th>
                </tr>
              </thead>
              <tbody>
                {[...complaints.rows, { ...complaints, aboutText: 'All complaints' }].map((r) => (
                  <tr key={r.aboutText}>
                    <th scope="row">{r.aboutText}</th>
                    <td>{r.received}</td>
                    <td>
                      {r.acknowledgedOnTime} of {r.acknowledged}
                    </td>
                    <td>{r.closed}</td>
                    <td>{r.medianDaysToOutcome ?? '–'}</td>
                    <td>{r.overdueNow}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
