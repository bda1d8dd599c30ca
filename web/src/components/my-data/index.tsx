import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Category } from '../../lib/fields.ts';
import { formatDate, type MyDataResponse } from '../../lib/portal-client.ts';
import { Marketing } from '../marketing/index.tsx';
import { type RecordActions, RecordCard } from '../record-card/index.tsx';
import { RequestList } from '../request-list/index.tsx';
import { heldCategories } from './lead.tsx';

/**
 * Whether to draw a part nobody sees at first (a closed `<details>`' records): not in the task that
 * first draws the page but in one of its own just after it (one per category), or at once when
 * asked (`drawNow`, e.g. the details opened). On "your data" that is half the page's elements, so
 * the task that first draws the page is shorter (BENCHMARKS.md, "your data" in Lighthouse).
 */
function useDrawnSoon(): [drawn: boolean, drawNow: () => void] {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setDrawn(true));
    return () => clearTimeout(timer);
  }, []);
  return [drawn, () => setDrawn(true)];
}

/**
 * How many kinds of data are drawn with the page: more than fill a phone's or a laptop's first
 * screen. Each of the others is drawn just after, in a task of its own (`Soon`), so that the task
 * that first draws "your data", and the layout after it, do not carry a page 15,000 px tall.
 */
const DRAWN_WITH_THE_PAGE = 3;

/** Its children, drawn just after the page in a task of their own (see useDrawnSoon). */
function Soon(props: { children: ComponentChildren }) {
  const [drawn] = useDrawnSoon();
  return drawn ? props.children : null;
}

function CategorySection(props: RecordActions & { category: Category; systems: MyDataResponse['systems'] }) {
  const c = props.category;
  const elsewhere = props.systems?.systems.filter((s) => s.holds.some((h) => h.category === c.name)).map((s) => s.name);
  const headingId = `cat-${c.id}`;
  const [drawRecords, drawNow] = useDrawnSoon();
  return (
    <section class="category" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {c.name}{' '}
        <span class="count">
          ({c.records.length ? `${c.records.length} record${c.records.length === 1 ? '' : 's'}` : ''}
          {elsewhere?.length ? `${c.records.length ? ' here, and ' : ''}in ${elsewhere.join(', ')}` : ''})
        </span>
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
            {c.lawfulBasis.said && <small class="said"> {c.lawfulBasis.said}</small>}
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
          <dd>
            {c.retention.summary}
            {c.retention.said && <small class="said"> {c.retention.said}</small>}
          </dd>
        </div>
        {c.records.length > 0 && (
          // The centre's own schedule, of its own records: a kind held only in a connected system has none here.
          <div>
            <dt>Next deletion</dt>
            <dd>{c.retention.nextDeletionOn ? formatDate(c.retention.nextDeletionOn) : c.retention.note || 'Not yet set'}</dd>
          </div>
        )}
      </dl>
      {c.records.length === 0 ? (
        <p>See “Other systems that hold your data” below.</p>
      ) : (
        <details onToggle={drawNow}>
          <summary>
            Show {c.fields.some((f) => f.editable) ? 'and change ' : ''}
            {c.records.length === 1 ? 'the record' : `the ${c.records.length} records`}
          </summary>
          {drawRecords && (
            <ul class="records">
              {c.records.map((r) => (
                <RecordCard key={r.id} {...props} category={c} record={r} />
              ))}
            </ul>
          )}
        </details>
      )}
    </section>
  );
}

/**
 * Everything held about the subject, grouped by category, with the Art. 15 information; under the
 * lead paragraph (`Lead`), which the page draws before this view's script has arrived.
 */
export function MyData(props: { tenant: string; data: MyDataResponse }) {
  const [data, setData] = useState(props.data);
  const held = heldCategories(data);
  const empty = data.categories.filter((c) => !held.includes(c));
  const actions: RecordActions = {
    tenant: props.tenant,
    version: data.version,
    onSaved: (version, recordId, values) =>
      setData((d) => ({
        ...d,
        version,
        categories: d.categories.map((c) => ({
          ...c,
          records: c.records.map((r) => (r.id === recordId ? { ...r, data: values } : r)),
        })),
      })),
    onRequest: (request) => setData((d) => ({ ...d, requests: [request, ...d.requests] })),
  };
  return (
    <>
      <RequestList tenant={props.tenant} requests={data.requests} />
      <nav aria-label="On this page" class="toc">
        <ul>
          {held.map((c) => (
            <li key={c.id}>
              <a href={`#cat-${c.id}`}>{c.name}</a>
            </li>
          ))}
          <li>
            <a href="#cat-transfers">Whether your data leaves the UK</a>
          </li>
          <li>
            <a href="#cat-automated">Decisions made by computer alone</a>
          </li>
          <li>
            <a href="#marketing">What we may send you</a>
          </li>
        </ul>
      </nav>
      {held.map((c, i) =>
        i < DRAWN_WITH_THE_PAGE ? (
          <CategorySection key={c.id} {...actions} category={c} systems={data.systems} />
        ) : (
          <Soon key={c.id}>
            <CategorySection {...actions} category={c} systems={data.systems} />
          </Soon>
        ),
      )}
      {data.systems?.systems.length ? (
        <section class="category" aria-labelledby="cat-systems">
          <h2 id="cat-systems">Other systems that hold your data</h2>
          <p>What we found when we last searched them, on {formatDate(data.systems.searchedOn)}:</p>
          <ul>
            {data.systems.systems.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong>:{' '}
                {s.holds.map((h) => (h.count === undefined ? h.category : `${h.category} (${h.count})`)).join(', ')}
                {s.byHand ? ' (searched by our staff by hand)' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="category" aria-labelledby="cat-transfers">
        <h2 id="cat-transfers">Whether your data leaves the UK</h2>
        <p>{data.transfers}</p>
      </section>
      <AutomatedDecisions statement={data.automatedDecisions} />
      <Marketing tenant={props.tenant} />
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

/**
 * Decisions made about the person by computer alone (Arts. 22A–22D): the policy's own words where it
 * has any (IT-MK, The One Point), else that it describes none, as the access export says; and how
 * to ask about one all the same.
 */
function AutomatedDecisions(props: { statement: string | undefined }) {
  return (
    <section class="category" aria-labelledby="cat-automated">
      <h2 id="cat-automated">Decisions made by computer alone</h2>
      {props.statement ? (
        <p>
          Our privacy policy says: <q>{props.statement}</q>
        </p>
      ) : (
        <p>Our privacy policy describes none.</p>
      )}
      <p>
        Think one was made? Choose “Ask about automated decisions” in a request: we will say how, and a person will review it.
      </p>
    </section>
  );
}
