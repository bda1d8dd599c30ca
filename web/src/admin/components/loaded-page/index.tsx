import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { follow } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import type { Ctx } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import type { Load } from '../../lib/use-load.ts';
import { Shell } from '../shell/index.tsx';

/** Says what was done (a status), or with `alert`, what went wrong; focused each time. */
export type Say = (text: string, alert?: boolean) => void;

/**
 * The page of one thing fetched by its address (a person, a request): a link back to where it
 * is found, then, until it is there, "Loading…", "not found" or what went wrong; once it is, a
 * status line for what is done on the page, and the page itself.
 */
export function LoadedPage<T>(props: {
  ctx: Ctx;
  /** The staff view it belongs to (highlighted in the header), and where the back link goes. */
  current: string;
  back: string;
  load: Load<T>;
  /** What it is, as the title while it loads ("Person"), and the words for each state. */
  noun: string;
  loading: string;
  missing: string;
  title: (data: T) => string;
  children: (data: T, say: Say) => ComponentChildren;
}) {
  const { ctx, load } = props;
  const [notice, setNotice] = useState({ text: '', alert: false, n: 0 });
  const noticeRef = useFocus<HTMLParagraphElement>(notice.n);
  const say: Say = (text, alert = false) => setNotice((n) => ({ text, alert, n: n.n + 1 }));
  const back = (
    <p class="back">
      <a href={pagePath(ctx.tenant.slug, props.current)} onClick={follow}>
        {props.back}
      </a>
    </p>
  );

  if (load.kind !== 'ready') {
    const missing = load.kind === 'error' && load.status === 404;
    return (
      <Shell
        tenant={ctx.tenant}
        me={ctx.me}
        current={props.current}
        title={load.kind === 'loading' ? props.noun : missing ? `${props.noun} not found` : 'Something went wrong'}
      >
        {back}
        {load.kind === 'loading' ? (
          <p aria-busy="true">{props.loading}</p>
        ) : (
          <p class={missing ? undefined : 'error'} role={missing ? undefined : 'alert'}>
            {missing ? props.missing : load.message}
          </p>
        )}
      </Shell>
    );
  }

  return (
    <Shell tenant={ctx.tenant} me={ctx.me} current={props.current} title={props.title(load.data)}>
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
      {props.children(load.data, say)}
    </Shell>
  );
}
