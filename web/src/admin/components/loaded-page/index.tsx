import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { follow } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { pagePath } from '../../lib/route.ts';
import type { Load } from '../../lib/use-load.ts';

/** Says what was done (a status), or with `alert`, what went wrong; focused each time. */
export type Say = (text: string, alert?: boolean) => void;

/**
 * A page's line saying what was just done (a status), or with `alert` what went wrong: `say` puts
 * words in it and moves the focus there, each time.
 */
export function useSay(): { say: Say; line: JSX.Element } {
  const [notice, setNotice] = useState({ text: '', alert: false, n: 0 });
  const ref = useFocus<HTMLParagraphElement>(notice.n);
  const say: Say = (text, alert = false) => setNotice((n) => ({ text, alert, n: n.n + 1 }));
  const line = (
    <p
      key={notice.alert ? 'alert' : 'status'}
      class={notice.text ? (notice.alert ? 'notice error-notice' : 'status') : 'status-empty'}
      role={notice.alert ? 'alert' : 'status'}
      ref={ref}
      tabIndex={-1}
    >
      {notice.text}
    </p>
  );
  return { say, line };
}

/** The page's title while it loads ("Person"), once it is not found, or failed; then its own. */
export const loadedTitle = <T,>(load: Load<T>, noun: string, title: (data: T) => string): string =>
  load.kind === 'ready'
    ? title(load.data)
    : load.kind === 'loading'
      ? noun
      : load.status === 404
        ? `${noun} not found`
        : 'Something went wrong';

/**
 * The body of a page of one thing fetched by its address (a person, a request), inside its
 * Shell (titled with `loadedTitle`): a link back to where it is found, then, until it is there,
 * "Loading…", "not found" or what went wrong; once it is, a status line for what is done on the
 * page, and the page itself.
 */
export function Loaded<T>(props: {
  tenant: string;
  load: Load<T>;
  /** Where the back link goes (a staff view) and what it says. */
  back: { path: string; label: string };
  loading: string;
  missing: string;
  children: (data: T, say: Say) => ComponentChildren;
}) {
  const { load } = props;
  const { say, line } = useSay();
  const back = (
    <p class="back">
      <a href={pagePath(props.tenant, props.back.path)} onClick={follow}>
        {props.back.label}
      </a>
    </p>
  );

  if (load.kind !== 'ready') {
    const missing = load.kind === 'error' && load.status === 404;
    return (
      <>
        {back}
        {load.kind === 'loading' ? (
          <p aria-busy="true">{props.loading}</p>
        ) : (
          <p class={missing ? undefined : 'error'} role={missing ? undefined : 'alert'}>
            {missing ? props.missing : load.message}
          </p>
        )}
      </>
    );
  }

  return (
    <>
      {back}
      {line}
      {props.children(load.data, say)}
    </>
  );
}
