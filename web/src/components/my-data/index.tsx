import { formatDate, type MyDataResponse } from '../../lib/api.ts';

type Category = MyDataResponse['categories'][number];
type DataRecord = Category['records'][number];

function value(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return String(v);
}

function RecordCard(props: { category: Category; record: DataRecord }) {
  const { category, record } = props;
  return (
    <li class="record">
      <dl>
        {category.fields
          .filter((f) => record.data[f.id] !== undefined && record.data[f.id] !== '')
          .map((f) => (
            <div key={f.id}>
              <dt>{f.label}</dt>
              <dd>{value(record.data[f.id] as string | number | boolean)}</dd>
            </div>
          ))}
        <div>
          <dt>Recorded</dt>
          <dd>{formatDate(record.recordedOn)}</dd>
        </div>
        {record.deleteOn && (
          <div>
            <dt>{record.overdue ? 'Was due for deletion' : 'To be deleted by'}</dt>
            <dd class={record.overdue ? 'overdue' : undefined}>
              {formatDate(record.deleteOn)}
              {record.overdue ? ' (overdue: it will be deleted at the next retention sweep)' : ''}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

function CategorySection(props: { category: Category }) {
  const c = props.category;
  const headingId = `cat-${c.id}`;
  return (
    <section class="category" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {c.name} <span class="count">({c.records.length === 1 ? '1 record' : `${c.records.length} records`})</span>
      </h2>
      <p>{c.description}</p>
      <dl class="facts">
        <div>
          <dt>Why we hold it</dt>
          <dd>{c.purpose}</dd>
        </div>
        <div>
          <dt>Lawful basis</dt>
          <dd>
            <strong>{c.lawfulBasis.label}.</strong> {c.lawfulBasis.detail}
          </dd>
        </div>
        <div>
          <dt>Where it came from</dt>
          <dd>{c.source}</dd>
        </div>
        <div>
          <dt>Who receives it</dt>
          <dd>{c.recipients.join('; ')}</dd>
        </div>
        <div>
          <dt>How long we keep it</dt>
          <dd>{c.retention.summary}</dd>
        </div>
        <div>
          <dt>Next deletion</dt>
          <dd>{c.retention.nextDeletionOn ? formatDate(c.retention.nextDeletionOn) : c.retention.note || 'Not yet set'}</dd>
        </div>
      </dl>
      <details>
        <summary>Show the {c.records.length === 1 ? 'record' : `${c.records.length} records`}</summary>
        <ul class="records">
          {c.records.map((r) => (
            <RecordCard key={r.id} category={c} record={r} />
          ))}
        </ul>
      </details>
    </section>
  );
}

/** Everything held about the subject, grouped by category, with the Art. 15 information. */
export function MyData(props: { data: MyDataResponse }) {
  const held = props.data.categories.filter((c) => c.records.length > 0);
  const empty = props.data.categories.filter((c) => c.records.length === 0);
  return (
    <>
      <p class="lead">
        Signed in as <strong>{props.data.subject.email}</strong>. We hold{' '}
        {held.length === 1 ? 'one kind' : `${held.length} kinds`} of information about you.
      </p>
      <nav aria-label="Categories" class="toc">
        <ul>
          {held.map((c) => (
            <li key={c.id}>
              <a href={`#cat-${c.id}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {held.map((c) => (
        <CategorySection key={c.id} category={c} />
      ))}
      {empty.length > 0 && (
        <section class="category" aria-labelledby="cat-none">
          <h2 id="cat-none">What we hold nothing about you for</h2>
          <p>We may hold these kinds of information about other people, but hold none about you:</p>
          <ul>
            {empty.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
