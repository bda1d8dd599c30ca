import { follow } from '../../../lib/route.ts';
import type { RequestDetail } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { formatDate, viaText } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { DataTable } from '../data-table/index.tsx';
import { askedRows } from './asked.tsx';

type Detail = RequestDetail;
type Row = Detail['related']['duplicates'][number];

const asked = (kind: Detail['request']['kind'], details: Row['details']) =>
  askedRows({ kind, details } as Detail['request'])
    .map(([label, value]) => `${label}: ${value}`)
    .join('; ') || 'Nothing more';

/** One request in a side-by-side comparison. */
function Card(props: { title: string; row: Row | Detail['request']; kind: Detail['request']['kind']; link?: string }) {
  const r = props.row;
  return (
    <div class="compare-card">
      <h4>{props.title}</h4>
      <dl>
        <dt>Reference</dt>
        <dd>
          {props.link ? (
            <a href={props.link} onClick={follow}>
              {r.reference}
            </a>
          ) : (
            r.reference
          )}
        </dd>
        <dt>Received</dt>
        <dd>
          {formatDate(r.receivedOn)}, {viaText(r.receivedVia)}
        </dd>
        <dt>Due</dt>
        <dd>{formatDate(r.dueOn)}</dd>
        <dt>Status</dt>
        <dd>{r.statusText}</dd>
        <dt>Asked</dt>
        <dd>{asked(props.kind, r.details)}</dd>
      </dl>
    </div>
  );
}

/**
 * The person's other requests beside this one: likely duplicates side by side (to merge into
 * the one received first), those merged in, their earlier requests with when each was answered
 * (a repeat of one answered recently may be answered by pointing to it), and any fee.
 */
export function RelatedSection(props: { tenant: string; detail: Detail }) {
  const { request: r, related } = props.detail;
  const link = (id: string) => pagePath(props.tenant, `requests/${r.subjectId}/${id}`);
  return (
    <section class="category" aria-labelledby="related">
      <h2 id="related">Duplicates, repeats and fees</h2>
      {related.mergedInto && (
        <p class="notice">
          Merged into{' '}
          <a href={link(related.mergedInto.id)} onClick={follow}>
            {related.mergedInto.reference}
          </a>
          , received first: that request answers both.
        </p>
      )}
      <h3>Likely duplicates</h3>
      {related.duplicates.length === 0 ? (
        <p>None: no other open request of this person asks for the same thing.</p>
      ) : (
        <>
          <p class="hint">
            Open requests of the same person, kind and scope. Merging keeps the one received first (its deadline stands) and keeps
            everything from both; the other closes, pointing to it.
          </p>
          <div class="compare" data-testid="duplicates">
            <Card title="This request" row={r} kind={r.kind} />
            {related.duplicates.map((d) => (
              <Card key={d.id} title="Likely duplicate" row={d} kind={r.kind} link={link(d.id)} />
            ))}
          </div>
        </>
      )}
      {related.merged.length > 0 && (
        <>
          <h3>Merged into this request</h3>
          <ul>
            {related.merged.map((m) => (
              <li key={m.id}>
                <a href={link(m.id)} onClick={follow}>
                  {m.reference}
                </a>
                , received {formatDate(m.receivedOn)}: {asked(r.kind, m.details)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Earlier requests and when they were answered</h3>
      {related.earlier.length === 0 ? (
        <p>None.</p>
      ) : (
        <DataTable
          class="related-table"
          labels={false}
          rows={related.earlier}
          columns={[
            {
              head: 'Reference',
              cell: (e) => (
                <a href={link(e.id)} onClick={follow}>
                  {e.reference}
                </a>
              ),
            },
            { head: 'Kind', cell: (e) => e.kindName },
            { head: 'Received', cell: (e) => formatDate(e.receivedOn) },
            {
              head: 'Outcome',
              cell: (e) => (
                <>
                  {e.statusText}
                  {e.answeredOn ? `, ${formatDate(e.answeredOn)}` : ''}{' '}
                  {e.recentSameScope && <Chip tone="warning">Same request answered in the last 12 months</Chip>}
                </>
              ),
            },
          ]}
        />
      )}
      <h3>Fee</h3>
      {related.fee ? (
        <p data-testid="fee">
          {related.fee.amount} asked on {formatDate(related.fee.askedOn)} for {related.fee.grounds}.{' '}
          {related.fee.paidOn
            ? `Paid on ${formatDate(related.fee.paidOn)}: the month counts from that day.`
            : `To be paid by ${formatDate(related.fee.payBy)}; the clock is stopped until then.`}
        </p>
      ) : (
        <p>
          No fee asked: requests are free.{' '}
          {related.fees.furtherCopy || related.fees.unfoundedOrExcessive
            ? `This centre may ask ${[
                related.fees.furtherCopy && `${related.fees.furtherCopy} for a further copy`,
                related.fees.unfoundedOrExcessive &&
                  `${related.fees.unfoundedOrExcessive} for a manifestly unfounded or excessive request`,
              ]
                .filter(Boolean)
                .join(' and ')}.`
            : 'This centre charges no fees.'}
        </p>
      )}
    </section>
  );
}
