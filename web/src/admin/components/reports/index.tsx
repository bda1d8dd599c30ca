import { useEffect, useState } from 'preact/hooks';
import type { ComplaintReport } from '../../../../../shared/complaints/report.ts';
import { Field } from '../../../components/field/index.tsx';
import { adminApi, adminPath, type Ctx, type ReportResponse } from '../../lib/admin-client.ts';
import { formatDate, statusNames, ukToday } from '../../lib/words.ts';
import { DataTable } from '../data-table/index.tsx';
import { QueryPanel, useQueryForm } from '../query-form/index.tsx';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const none = 'None answered';
const days = (n: number | null) => (n === null ? none : n === 1 ? '1 day' : `${n} days`);
const share = (n: number | null) => (n === null ? none : `${Math.round(n * 100)}%`);
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
    ['Answered', String(r.closed)],
    ['Median time to answer', days(r.medianDaysToClose), r.medianDaysToClose === null ? 'none' : undefined],
    ['Answered on time', share(r.closedOnTimeShare), r.closedOnTimeShare === null ? 'none' : undefined],
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
  return (
    <DataTable
      caption="By kind of request"
      rows={props.report.rows}
      rowKey={(row) => row.kind}
      columns={[
        { head: 'Kind', cell: (row) => row.kindName },
        { head: 'Received', cell: (row) => String(row.received) },
        { head: 'Answered', cell: (row) => String(row.closed) },
        { head: 'Answered on time', cell: (row) => String(row.closedOnTime) },
        { head: 'Median time to answer', cell: (row) => days(row.medianDaysToClose) },
        { head: 'Overdue now', cell: (row) => String(row.overdueNow) },
        { head: 'Received, by status now', label: 'By status now', cell: (row) => byStatus(row.byStatus) },
        { head: 'Answered, by outcome', label: 'By outcome', cell: (row) => byOutcome(row.byOutcome) },
      ]}
    />
  );
}

/** Complaints (DPA 2018 s.164A) by what they are about, and all together. */
function Complaints(props: { report: ComplaintReport }) {
  const c = props.report;
  return (
    <DataTable
      caption="Complaints (DPA 2018 s.164A)"
      rows={[...c.rows, { ...c, aboutText: 'All complaints' }]}
      rowKey={(r) => r.aboutText}
      columns={[
        { head: 'About', cell: (r) => r.aboutText },
        { head: 'Received', cell: (r) => r.received },
        {
          head: 'Acknowledged within 30 days',
          cell: (r) => (
            <>
              {r.acknowledgedOnTime} of {r.acknowledged}
            </>
          ),
        },
        { head: 'Closed', cell: (r) => r.closed },
        { head: 'Median days to outcome', cell: (r) => r.medianDaysToOutcome ?? '–' },
        { head: 'Overdue now', cell: (r) => r.overdueNow },
      ]}
    />
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
          <p class="hint">
            Answered: completed or refused in the period (a withdrawal is not an answer). Overdue now: open past its due date
            today, whenever received.
          </p>
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
          {complaints && <Complaints report={complaints} />}
        </section>
      )}
    </>
  );
}
