import type { StaffRecord, StaffSubjectView } from '../../../../../shared/admin-api.ts';
import { follow } from '../../../lib/route.ts';
import type { Ctx } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { formatDate, formatDateTime } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { relationshipWords } from '../kv-table/index.tsx';
import { Loaded, loadedTitle, type Say } from '../loaded-page/index.tsx';
import { Shell } from '../shell/index.tsx';
import { Marketing } from './marketing.tsx';
import { RecordCard } from './record.tsx';
import { Retention } from './retention.tsx';

/**
 * A person as staff see them: who they are to the organisation, their requests, and every
 * record held, by category, with legal holds; handlers correct records and place or lift holds
 * in place. Opening it is an audited read.
 */
export function Person(props: { ctx: Ctx; subjectId: string }) {
  const { ctx } = props;
  const slug = ctx.tenant.slug;
  const { load, set, reload } = useLoad<StaffSubjectView>(slug, `subjects/${props.subjectId}`);
  return (
    <Shell tenant={ctx.tenant} me={ctx.me} current="people" title={loadedTitle(load, 'Person', (view) => view.subject.name)}>
      <Loaded
        tenant={slug}
        load={load}
        back={{ path: 'people', label: 'Find another person' }}
        loading="Loading…"
        missing="There is no such person in this centre. Find them by email address or request reference."
      >
        {(view, say) => <PersonView ctx={ctx} view={view} set={set} reload={reload} say={say} />}
      </Loaded>
    </Shell>
  );
}

function PersonView(props: {
  ctx: Ctx;
  view: StaffSubjectView;
  set: (view: StaffSubjectView) => void;
  reload: () => void;
  say: Say;
}) {
  const { ctx, view, set, reload, say } = props;
  const slug = ctx.tenant.slug;
  const s = view.subject;
  const held = view.categories.filter((c) => c.records.length > 0);
  const elsewhere = new Set(view.systems?.systems.flatMap((x) => x.holds.map((h) => h.category)));
  const empty = view.categories.filter((c) => c.records.length === 0 && !elsewhere.has(c.name));
  /** A record as the server now has it, and the subject's new version after a correction. */
  const update = (categoryId: string, record: StaffRecord, version = s.version) =>
    set({
      ...view,
      subject: { ...s, version },
      categories: view.categories.map((c) =>
        c.id === categoryId ? { ...c, records: c.records.map((r) => (r.id === record.id ? record : r)) } : c,
      ),
    });

  return (
    <>
      {s.erasedAt && (
        <p class="notice">
          Erased on {formatDateTime(s.erasedAt)}. What is shown below had to be kept (a legal hold or a retention obligation).
        </p>
      )}
      <dl class="panel summary">
        <div>
          <dt>Email</dt>
          <dd>{s.email || 'Erased'}</dd>
        </div>
        <div>
          <dt>Relationship</dt>
          <dd>
            {relationshipWords(
              s.relationship,
              view.relationshipKinds.find((k) => k.id === (s.relationship.kind ?? 'other'))?.name ?? 'Other',
            )}
          </dd>
        </div>
        <div>
          <dt>In this centre since</dt>
          <dd>{formatDateTime(s.createdAt)}</dd>
        </div>
      </dl>

      <Retention
        tenant={slug}
        view={view}
        canAct={ctx.me.can.act}
        onSaved={(message) => {
          reload();
          say(message);
        }}
      />

      <h2>Requests</h2>
      {view.requests.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="other-requests">
          {view.requests.map((r) => (
            <li key={r.id}>
              <a href={pagePath(slug, `requests/${s.id}/${r.id}`)} onClick={follow}>
                {r.reference}
              </a>
              : {r.kindName}, received {formatDate(r.receivedOn)} <Chip tone={r.open ? undefined : 'quiet'}>{r.statusText}</Chip>
            </li>
          ))}
        </ul>
      )}

      <h2>Marketing choices</h2>
      <Marketing ctx={ctx} subjectId={s.id} erased={Boolean(s.erasedAt)} />

      <h2>Data held</h2>
      {held.length === 0 && <p>No records are held about them here.</p>}
      {held.map((c) => (
        <section key={c.id} class="category" aria-labelledby={`cat-${c.id}`}>
          <h3 id={`cat-${c.id}`}>
            {c.name} ({c.records.length === 1 ? '1 record' : `${c.records.length} records`})
          </h3>
          {c.records.map((r) => (
            <RecordCard
              key={r.id}
              tenant={slug}
              subjectId={s.id}
              version={s.version}
              category={c}
              record={r}
              canAct={ctx.me.can.act}
              onSaved={(record, version, message) => {
                update(c.id, record, version);
                say(message);
              }}
              onConflict={(record, version, message) => {
                if (record) update(c.id, record, version);
                else reload();
                say(message, true);
              }}
            />
          ))}
        </section>
      ))}
      {view.systems && (
        <section aria-labelledby="held-elsewhere">
          <h3 id="held-elsewhere">In connected systems, when last searched ({formatDate(view.systems.searchedOn)})</h3>
          <ul>
            {view.systems.systems.map((x) => (
              <li key={x.name}>
                <strong>{x.name}</strong>:{' '}
                {x.holds.map((h) => (h.count === undefined ? h.category : `${h.category} (${h.count})`)).join(', ')}
                {x.byHand ? ' (searched by hand)' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {empty.length > 0 && <p class="muted-text">Nothing held in: {empty.map((c) => c.name).join(', ')}.</p>}
    </>
  );
}
