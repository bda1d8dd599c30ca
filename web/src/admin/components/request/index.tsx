import { useState } from 'preact/hooks';
import { adminPath, type Ctx, type RequestDetail } from '../../lib/admin-client.ts';
import { pagePath, redirect } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { Actions } from '../actions/index.tsx';
import { Loaded, loadedTitle } from '../loaded-page/index.tsx';
import { Shell } from '../shell/index.tsx';
import { Asked } from './asked.tsx';
import { ExportSection } from './exports.tsx';
import { RelatedSection } from './related.tsx';
import { SubjectSection } from './subject.tsx';
import { RequestSummary } from './summary.tsx';
import { SystemsSection } from './systems.tsx';
import { Timeline } from './timeline.tsx';

/** The page's sections, as the contents list at its top names them. */
function toc(detail: RequestDetail, canAct: boolean) {
  const r = detail.request;
  const sections: [id: string, label: string, shown: unknown][] = [
    ['asked', 'What they asked', true],
    ['subject', 'The requester and their data', true],
    ['systems', 'Connected systems', detail.systems],
    ['export', 'Export', r.kind === 'access' || r.kind === 'portability'],
    ['history', 'History', true],
    ['actions', 'Actions', canAct],
  ];
  return sections.filter(([, , shown]) => shown);
}

/** One request, everything staff need to work it, and what they may do to it now. */
export function RequestView(props: { ctx: Ctx; subjectId: string; requestId: string }) {
  const { ctx } = props;
  const slug = ctx.tenant.slug;
  const path = `subjects/${props.subjectId}/requests/${props.requestId}`;
  const { load, reload, set } = useLoad<RequestDetail>(slug, path);
  // The action forms start afresh after each action done, but not when the request changed
  // meanwhile (a 409): then they keep what was typed, to send again on the newer version.
  const [done, setDone] = useState(0);
  return (
    <Shell
      tenant={ctx.tenant}
      me={ctx.me}
      current="requests"
      title={loadedTitle(load, 'Request', (d) => `${d.request.reference}: ${d.request.kindName}`)}
    >
      <Loaded
        tenant={slug}
        load={load}
        back={{ path: 'requests', label: 'Back to the requests' }}
        loading="Loading the request…"
        missing="There is no such request in this centre. Check the link, or find it in the requests."
      >
        {(detail, say) => {
          const r = detail.request;
          const exportable = r.kind === 'access' || r.kind === 'portability';
          return (
            <>
              <nav class="toc" aria-label="On this page">
                <ul>
                  {toc(detail, ctx.me.can.act).map(([id, label]) => (
                    <li key={id}>
                      <a href={`#${id}`}>{label}</a>
                    </li>
                  ))}
                </ul>
              </nav>
              <RequestSummary request={r} />
              <p>
                <a href={`/api${adminPath(slug, `${path}/evidence`)}`} download>
                  Download evidence pack
                </a>{' '}
                <span class="muted-text">(an HTML file: the request, the checks and the history, to keep or print)</span>
              </p>
              <Asked request={r} />
              <RelatedSection tenant={slug} detail={detail} />
              <SubjectSection tenant={slug} subject={detail.subject} />
              <SystemsSection tenant={slug} path={path} detail={detail} onSettled={reload} />
              {exportable && (
                <ExportSection
                  ctx={ctx}
                  path={path}
                  open={r.open}
                  portability={r.kind === 'portability'}
                  systemsAt={detail.systems?.results
                    .filter((s) => ['found', 'not-found', 'done', 'resolved'].includes(s.state))
                    .map((s) => s.at ?? '')
                    .sort()
                    .at(-1)}
                />
              )}
              <Timeline history={r.history} />
              {ctx.me.can.act && (
                <Actions
                  key={done}
                  ctx={ctx}
                  detail={detail}
                  onDone={(next, message) => {
                    // A merge answers with the request that stands (received first): go to it.
                    if (next.request.id !== r.id)
                      return redirect(pagePath(slug, `requests/${next.request.subjectId}/${next.request.id}`));
                    set(next);
                    setDone((n) => n + 1);
                    say(message);
                  }}
                  onConflict={(message) => {
                    // The server's words only: a refusal is not a change made meanwhile (that one says so itself).
                    say(message, true);
                    reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </Shell>
  );
}
