import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { formatUkDate } from '../dates.ts';
import { ukDate } from '../deadlines.ts';
import type { RightsRequest, Subject } from '../entities.ts';
import { lawfulBasisLabels } from '../my-data.ts';
import { controllerName } from '../policy/controller-name.ts';
import type { Category, TenantConfig } from '../policy/schema.ts';
import { requestKindInfo } from '../requests/kinds.ts';
import type { SystemRun } from '../systems/ports.ts';
import { grouped } from '../uk-time.ts';
import type { ExportTally } from './content.ts';
import type { ExportKind } from './ports.ts';
import { exportScope } from './records.ts';
import { SystemsSearched, systemLines, whatThisExportHolds } from './systems-summary.tsx';

const STYLE = `
body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2933;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem;line-height:1.2}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #0b4f8a;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.8rem 0 .3rem}table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{text-align:left;vertical-align:top;border:1px solid #cbd2d9;padding:.4rem .55rem}th{background:#f0f4f8}
th[scope=row]{width:13rem}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#52606d}
code{font-family:ui-monospace,monospace;background:#f0f4f8;padding:0 .2rem}td{overflow-wrap:anywhere}
@media (max-width:40rem){body{margin:1rem auto}th[scope=row]{width:auto}th,td{padding:.3rem}}
@media print{body{margin:0}h2,h3{break-after:avoid}tr{break-inside:avoid}}`;

const ICO = {
  name: "Information Commissioner's Office (ICO)",
  web: 'https://ico.org.uk/make-a-complaint/',
  phone: '0303 123 1113',
  address: 'Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF',
};

export interface SummaryInput {
  tenant: TenantConfig;
  request: RightsRequest;
  subject: Subject;
  kind: ExportKind;
  tally: ExportTally;
  generatedAt: Date;
  /** The request's search of the connected systems, if one was asked for. */
  run?: SystemRun | undefined;
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{props.children}</td>
    </tr>
  );
}

const records = (n: number) => `${grouped(n)} ${n === 1 ? 'record' : 'records'}`;

function CategoryFacts(props: { category: Category; count: number }) {
  const { category: c, count } = props;
  return (
    <section>
      <h3 id={`c-${c.id}`}>{c.name}</h3>
      <p>{c.description}</p>
      <table>
        <tbody>
          <Row label="What we hold">
            {records(count)}
            {count > 0 ? (
              <>
                , in <code>{`${c.id}.csv`}</code> and <code>data.json</code>
              </>
            ) : (
              ' (nothing of this kind is held about you now)'
            )}
          </Row>
          <Row label="Why we use it">{c.purpose}</Row>
          <Row label="Lawful basis">
            {lawfulBasisLabels[c.lawfulBasis]}: {c.lawfulBasisDetail}
          </Row>
          <Row label="Where it came from">{c.source}</Row>
          <Row label="Who receives it">
            <ul>
              {c.recipients.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Row>
          <Row label="How long we keep it">{c.retention.summary}</Row>
          <Row label="Did you give it to us?">
            {c.providedBySubject ? 'Yes: you gave us this data yourself.' : 'No: it came from elsewhere, as stated above.'}
          </Row>
        </tbody>
      </table>
    </section>
  );
}

function Summary(props: SummaryInput) {
  const { tenant, request, subject, kind, tally } = props;
  const scope = exportScope(tenant, kind);
  const made = formatUkDate(ukDate(props.generatedAt));
  // A connected system's search is told once, in the systems section below (from the run).
  const inRun = new Set(props.run?.results.map((r) => r.step.systemId));
  const otherSearches = (request.searches ?? []).filter((x) => !(x.systemId && inRun.has(x.systemId)));
  const systems = systemLines(tenant, props.run, kind, request);
  const partial = systems.some((l) => !l.searched && !l.outOfScope);
  const who = tally.name ? `${tally.name} (${subject.email})` : subject.email;
  const title = kind === 'access' ? 'A copy of your personal data' : 'The data you gave us, to take elsewhere';
  const complainTo = tenant.contact.dpo
    ? `our data protection officer, ${tenant.contact.dpo.name}, at ${tenant.contact.dpo.email}`
    : `us at ${tenant.contact.email}`;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${tenant.name}`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <p class="muted">{tenant.name} privacy centre</p>
        <h1>{title}</h1>
        <p>
          This is the {kind === 'access' ? 'copy of the personal data' : 'data'} that {controllerName(tenant)}, the data
          controller, holds about {who}, made on {made} for your request {request.reference} (received{' '}
          {formatUkDate(request.receivedOn)}).
        </p>

        <h2>What we searched</h2>
        <p>
          We searched every category of personal data described in our privacy policy (version {tenant.policyVersion}).
          {kind === 'portability'
            ? ' A portability export holds the data you gave us yourself, in JSON and CSV, so that you can keep it or pass it to another organisation. The other categories are listed here with what they hold, but not included.'
            : ` ${whatThisExportHolds(systems)}`}
          {partial ? ' Not every one of our other systems was searched: see “The other systems where we hold data” below.' : ''}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Records found</th>
              <th scope="col">In this export</th>
            </tr>
          </thead>
          <tbody>
            {tenant.categories.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td class="n">{grouped(tally.counts.get(c.id) ?? 0)}</td>
                <td>
                  {scope.included.includes(c) ? (
                    <code>{`${c.id}.csv`}</code>
                  ) : (
                    'Not included: this is not data you gave us yourself'
                  )}
                </td>
              </tr>
            ))}
            {tally.unknown.map((id) => (
              <tr key={id}>
                <td>{id} (not described in our privacy policy)</td>
                <td class="n">{grouped(tally.counts.get(id) ?? 0)}</td>
                <td>
                  <code>{`${id}.csv`}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {otherSearches.length ? (
          <>
            <p>We also recorded these searches for your request:</p>
            <ul>
              {otherSearches.map((x) => (
                <li key={x.id}>
                  {x.place}, {formatUkDate(x.searchedOn)}
                  {x.automatic ? ' (automatically)' : ''}:{' '}
                  {x.found ? `found ${x.count === undefined ? 'records' : grouped(x.count)}` : 'nothing found'}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <SystemsSearched lines={systems} run={props.run} />

        <h2>The files in this export</h2>
        <ul>
          <li>
            <code>summary.html</code>: this page.
          </li>
          <li>
            <code>data.json</code>: every record, structured (JSON), with its category and the facts below
            {props.run ? '; a record held in one of the systems above names it as its source' : ''}.
          </li>
          <li>
            One CSV file per category (opens in any spreadsheet), with a column for each detail. Text that a spreadsheet would
            read as a formula starts with an apostrophe.
          </li>
        </ul>

        <h2>Each category: why we hold it, on what basis, from where, who receives it and for how long</h2>
        {scope.included.map((c) => (
          <CategoryFacts key={c.id} category={c} count={tally.counts.get(c.id) ?? 0} />
        ))}

        <h2>Transfers outside the UK</h2>
        <p>{tenant.transfers}</p>

        <h2>Automated decision-making</h2>
        {/* The policy's own words where it has any, as "your data" shows them (shared/my-data.ts). */}
        <p>
          {tenant.automatedDecisions ? (
            <>Our privacy policy says: “{tenant.automatedDecisions}”</>
          ) : (
            'Our privacy policy describes no decisions about you made solely by automated means, including profiling, that have legal or similarly significant effects on you.'
          )}{' '}
          You have the right not to be subject to such decisions; if you believe one was made, ask us about it (choose "
          {requestKindInfo['automated-decision'].name}" in the privacy centre) and we will tell you how it was made and have a
          person review it.
        </p>

        <h2>Your rights</h2>
        <ul>
          {Object.values(requestKindInfo).map((right) => (
            <li key={right.name}>
              <strong>{right.name}.</strong> {right.covers}
            </li>
          ))}
        </ul>
        <p>Ask in the privacy centre, or write to {tenant.contact.email}. Requests are free of charge.</p>

        <h2>How to complain</h2>
        <p>If you are unhappy with how we use your data or handle your request, please tell {complainTo} first.</p>
        <p>
          You also have the right to complain to the {ICO.name}, the UK's data protection regulator: online at{' '}
          <a href={ICO.web}>{ICO.web}</a>, by phone on {ICO.phone}, or by post to {ICO.address}. You can also seek to enforce your
          rights through the courts.
        </p>
        <p class="muted">
          {tenant.legalName}. Contact: {tenant.contact.email}
          {tenant.contact.phone ? `, ${tenant.contact.phone}` : ''}
          {tenant.contact.address ? `, ${tenant.contact.address}` : ''}.
        </p>
      </body>
    </html>
  );
}

/**
 * The human-readable summary of an export: a self-contained HTML page, all of whose content is
 * its one landmark, <main> (for screen readers' "skip to main").
 */
export function renderSummary(input: SummaryInput): string {
  const html = render(<Summary {...input} />);
  return `<!doctype html>${html.replace('<body>', '<body><main>').replace('</body>', '</main></body>')}`;
}
