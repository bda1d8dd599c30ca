import { useState } from 'preact/hooks';
import { follow } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { adminPath, type Ctx, type RequestDetail } from '../../lib/admin-client.ts';
import { pagePath, redirect } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { Actions } from '../actions/index.tsx';
import { Shell } from '../shell/index.tsx';
import { Asked } from './asked.tsx';
import { ExportSection } from './exports.tsx';
import { RelatedSection } from './related.tsx';
import { SubjectSection } from './subject.tsx';
import { RequestSummary } from './summary.tsx';
import { SystemsSection } from './systems.tsx';
import { Timeline } from './timeline.tsx';

/** One request, everything staff need to work it, and what they may do to it now. */
export function RequestView(props: { ctx: Ctx; subjectId: string; requestId: string }) {
  const { ctx } = props;
  const slug = ctx.tenant.slug;
  const path = `subjects/${props.subjectId}/requests/${props.requestId}`;
  const { load, reload, set } = useLoad<RequestDetail>(slug, path);
  const [notice, setNotice] = useState({ text: '', alert: false, n: 0 });
  // The action forms start afresh after each action done, but not when the request changed
  // meanwhile (a 409): then they keep what was typed, to send again on the newer version.
  const [done, setDone] = useState(0);
  const noticeRef = useFocus<HTMLParagraphElement>(notice.n);
  const say = (text: string, alert = false) => setNotice((n) => ({ text, alert, n: n.n + 1 }));
  const back = (
    <p class="back">
      <a href={pagePath(slug, 'requests')} onClick={follow}>
        Back to the requests
      </a>
    </p>
  );

  if (load.kind !== 'ready') {
    const missing = load.kind === 'error' && load.status === 404;
    return (
      <Shell
        tenant={ctx.tenant}
        me={ctx.me}
        current="requests"
        title={load.kind === 'loading' ? 'Request' : missing ? 'Request not found' : 'Something went wrong'}
      >
        {back}
        {load.kind === 'loading' ? (
          <p aria-busy="true">Loading the request…</p>
        ) : (
          <p class={missing ? undefined : 'error'} role={missing ? undefined : 'alert'}>
            {missing ? 'There is no such request in this centre. Check the link, or find it in the requests.' : load.message}
          </p>
        )}
      </Shell>
    );
  }

  const { request: r, subject } = load.data;
  const exportable = r.kind === 'access' || r.kind === 'portability';
  return (
    <Shell tenant={ctx.tenant} me={ctx.me} current="requests" title={`${r.reference}: ${r.kindName}`}>
      {back}
      <p
        key={notice.alert ? 'alert' : 'status'}
        class={notice.text ? (notice.alert ? 'notice error-notice' : 'status') : 'status-empty'}
        role={notice.alert ? 'alert' : 'status'}
        ref={noticeRef}
        tabIndex={-1}
      >
        {notice.text}
      </p>
      <nav class="toc" aria-label="On this page">
        <ul>
          <li>
            <a href="#asked">What they asked</a>
          </li>
          <li>
            <a href="#subject">The requester and their data</a>
          </li>
          {load.data.systems && (
            <li>
              <a href="#systems">Connected systems</a>
            </li>
          )}
          {exportable && (
            <li>
              <a href="#export">Export</a>
            </li>
          )}
          <li>
            <a href="#history">History</a>
          </li>
          {ctx.me.can.act && (
            <li>
              <a href="#actions">Actions</a>
            </li>
          )}
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
      <RelatedSection tenant={slug} detail={load.data} />
      <SubjectSection tenant={slug} subject={subject} />
      <SystemsSection tenant={slug} path={path} detail={load.data} onSettled={reload} />
      {exportable && <ExportSection ctx={ctx} path={path} open={r.open} portability={r.kind === 'portability'} />}
      <Timeline history={r.history} />
      {ctx.me.can.act && (
        <Actions
          key={done}
          ctx={ctx}
          detail={load.data}
          onDone={(next, message) => {
            // A merge answers with the request that stands (received first): go to it.
            if (next.request.id !== r.id)
              return redirect(pagePath(slug, `requests/${next.request.subjectId}/${next.request.id}`));
            set(next);
            setDone((n) => n + 1);
            say(message);
          }}
          onConflict={(message) => {
            say(`${message} The page now shows the latest version: check it and try again.`, true);
            reload();
          }}
        />
      )}
    </Shell>
  );
}
