import { Terms } from '../../../components/terms/index.tsx';
import { follow } from '../../../lib/route.ts';
import type { RequestDetail } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { formatDate, formatDateTime } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { KvTable, relationshipWords } from '../kv-table/index.tsx';

type Subject = RequestDetail['subject'];
type Category = Subject['categories'][number];

/** One record as a two-column table: field, value. Narrow enough for a phone. */
function RecordTable(props: { category: Category; record: Category['records'][number] }) {
  const { category, record } = props;
  const known = new Set(category.fields.map((f) => f.id));
  const rows = [
    ...category.fields.map((f) => [f.label, record.data[f.id]] as const),
    ...Object.entries(record.data).filter(([key]) => !known.has(key)),
  ].filter(([, v]) => v !== undefined && v !== '');
  return <KvTable rows={rows} caption={`Recorded ${formatDate(record.recordedOn)}`} />;
}

/** The requester: who they are to the organisation, the data held about them, their other requests. */
export function SubjectSection(props: { tenant: string; subject: Subject }) {
  const s = props.subject;
  const held = s.categories.filter((c) => c.records.length > 0);
  const names = (ids: string[]) => ids.map((id) => s.categories.find((c) => c.id === id)?.name ?? id).join(', ');
  const limit = s.restriction;
  return (
    <section class="category" aria-labelledby="subject">
      <h2 id="subject">The requester</h2>
      {s.erased && (
        <p class="notice">
          <strong>Erased.</strong> Their data was erased and their account removed: they can no longer sign in. What is shown
          below is what had to be kept; the history says why.
        </p>
      )}
      <Terms
        rows={[
          ['Name', s.name],
          ['Email', s.erased ? s.email : <a href={`mailto:${s.email}`}>{s.email}</a>],
          [
            'Relationship',
            s.relationship
              ? // Erased with records kept: the dates stay (a whole erasure ends a relationship still going).
                `${relationshipWords(s.relationship)}${s.erased ? ' (the retention of what was kept counts from these dates)' : ''}`
              : s.erased
                ? 'Not kept: erased with their record'
                : 'None recorded: the centre knows them only as the requester',
          ],
          [
            'Restriction',
            limit && (
              <>
                <Chip tone="warning">Restricted</Chip> {limit.categories === '*' ? 'All their data' : names(limit.categories)},
                since {formatDateTime(limit.since)}: no marketing, and no disclosure to anyone but them.
                <span class="hint">Why, as they were told: {limit.reason}</span>
                <span class="hint">
                  {limit.liftNoticeAt
                    ? `They were told on ${formatDateTime(limit.liftNoticeAt)} that it will be lifted.`
                    : 'They have not been told that it will be lifted: they must be, before it is.'}
                </span>
              </>
            ),
          ],
          [
            'Objections upheld',
            s.objections.length > 0 && (
              <>
                {names(s.objections)}
                <span class="hint">We no longer use their data for these.</span>
              </>
            ),
          ],
        ]}
      />
      <h3>Data held about them</h3>
      {held.length === 0 && <p>No records are held about them.</p>}
      {held.map((c) => (
        <details key={c.id} class="data-category">
          <summary>
            {c.name} ({c.records.length === 1 ? '1 record' : `${c.records.length} records`})
          </summary>
          {c.records.map((r) => (
            <RecordTable key={r.id} category={c} record={r} />
          ))}
        </details>
      ))}
      <h3>Their other requests</h3>
      {s.otherRequests.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="other-requests">
          {s.otherRequests.map((o) => (
            <li key={o.id}>
              <a href={pagePath(props.tenant, `requests/${s.id}/${o.id}`)} onClick={follow}>
                {o.reference}
              </a>
              : {o.kindName}, {o.statusText.toLowerCase()}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
