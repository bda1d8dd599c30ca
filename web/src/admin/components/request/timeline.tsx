import { Fragment } from 'preact';
import type { RequestDetail } from '../../lib/admin-client.ts';
import { formatDateTime, statusNames } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';

type Entry = RequestDetail['request']['history'][number];

/** The history, oldest first. Internal entries (notes, assignment, identity checks) say so in words. */
export function Timeline(props: { history: Entry[] }) {
  return (
    <section class="category" aria-labelledby="history">
      <h2 id="history">History</h2>
      <ol class="timeline">
        {props.history.map((h, i) => (
          <li key={`${h.at}-${i}`} class={h.internal ? 'internal' : undefined}>
            <p class="when">
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> · {h.by}
            </p>
            {h.internal && <Chip tone="quiet">Internal — not shown to the requester</Chip>}
            <p class="what">
              {h.text}
              {h.status && <span class="hint">Status: {statusNames[h.status as keyof typeof statusNames] ?? h.status}</span>}
            </p>
            {h.message && (
              <blockquote class="quote">
                {/* A letter (an erasure's: what was erased, what was kept and why) keeps its lines. */}
                <p>
                  {h.message.split('\n').map((line, n) => (
                    <Fragment key={n}>
                      {n > 0 && <br />}
                      {line}
                    </Fragment>
                  ))}
                </p>
              </blockquote>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
