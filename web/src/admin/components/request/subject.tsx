import { display } from '../../../lib/fields.ts';
import { follow } from '../../../lib/route.ts';
import type { RequestDetail } from '../../lib/api.ts';
import { pagePath } from '../../lib/route.ts';
import { formatDate } from '../../lib/words.ts';

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
  return (
    <table class="kv">
      <caption>Recorded {formatDate(record.recordedOn)}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{display(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The requester: who they are to the organisation, the data held about them, their other requests. */
export function SubjectSection(props: { tenant: string; subject: Subject }) {
  const s = props.subject;
  const held = s.categories.filter((c) => c.records.length > 0);
  return (
    <section class="category" aria-labelledby="subject">
      <h2 id="subject">The requester</h2>
      <dl>
        <div>
          <dt>Name</dt>
          <dd>{s.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${s.email}`}>{s.email}</a>
          </dd>
        </div>
        <div>
          <dt>Relationship</dt>
          <dd>
            Since {formatDate(s.relationship.startedOn)}
            {s.relationship.endedOn ? `, ended ${formatDate(s.relationship.endedOn)}` : ', still current'}
          </dd>
        </div>
      </dl>
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
