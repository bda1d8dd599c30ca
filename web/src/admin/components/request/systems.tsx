import { useEffect, useRef, useState } from 'preact/hooks';
import type { SystemsProgress, SystemView } from '../../../../../shared/admin-api/systems.ts';
import { countOf } from '../../../../../shared/systems/report.ts';
import { adminApi, type RequestDetail } from '../../lib/admin-client.ts';
import { formatDate, formatDateTime } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import type { CorrectionTable as Table } from './correction.tsx';

const POLL_MS = 2_000;

const tone: Record<SystemView['state'], 'danger' | 'warning' | 'ok' | 'quiet'> = {
  pending: 'quiet',
  searching: 'quiet',
  found: 'ok',
  'not-found': 'ok',
  done: 'ok',
  resolved: 'ok',
  'waiting-for-handler': 'warning',
  failed: 'danger',
};
const stateWords: Record<SystemView['state'], string> = {
  pending: 'Waiting to start',
  searching: 'Searching…',
  found: 'Found',
  'not-found': 'Not found',
  done: 'Done',
  resolved: 'Resolved',
  'waiting-for-handler': 'Waiting for a handler',
  failed: 'Failed',
};
const operationWords: Record<string, string> = {
  read: 'A search',
  erase: 'The erasure',
  correct: 'The correction',
  suppress: 'The restriction',
};

function SystemRow(props: { s: SystemView; categoryName: (id: string) => string }) {
  const { s } = props;
  // A handler's task says its due date with its instructions below.
  const task = s.state === 'waiting-for-handler' && s.instructions;
  return (
    <li class="system" data-testid={`system-${s.systemId}`}>
      <h3>
        {s.systemName} <Chip tone={tone[s.state]}>{stateWords[s.state]}</Chip>
      </h3>
      <p>
        {task ? '' : s.text}
        {s.at && s.state !== 'searching' && <span class="hint"> ({formatDateTime(s.at)})</span>}
        {!s.automatic && s.state !== 'resolved' && (
          <span class="hint"> A handler’s task: the centre cannot do it by itself.</span>
        )}
      </p>
      {s.objects && (
        <ul class="plain">
          {s.objects.map((o) => (
            <li key={o.object}>
              {countOf(o.object, o.count)} <span class="hint">({props.categoryName(o.category)})</span>
            </li>
          ))}
        </ul>
      )}
      {s.state === 'failed' && (
        <p class="hint">
          {s.retryable
            ? `Attempt ${s.attempts}. Try again below; after three attempts it becomes a task for a handler.`
            : 'Trying again cannot help: record below what you found or did there.'}
        </p>
      )}
      {s.state === 'waiting-for-handler' && s.instructions && (
        <p>
          <strong>
            For {s.handler}, by {s.dueAt ? formatDate(s.dueAt.slice(0, 10)) : 'the due date'}:
          </strong>{' '}
          {s.instructions}
        </p>
      )}
      {s.resolution && (
        <p class="hint">
          {s.resolution.note ? `“${s.resolution.note}” ` : ''}— {s.resolution.by}, {formatDateTime(s.resolution.at)}
        </p>
      )}
    </li>
  );
}

/** Where a correction was made: rare, so its table loads with the rarer forms, on first need. */
function CorrectionOutcome(props: Parameters<typeof Table>[0]) {
  const [Loaded, setLoaded] = useState<typeof Table | undefined>(undefined);
  useEffect(() => {
    void import('../actions/rare-forms.ts').then((m) => setLoaded(() => m.CorrectionTable));
  }, []);
  return Loaded ? <Loaded {...props} /> : <p class="muted">Loading…</p>;
}

/**
 * Where each connected system stands for this request. While one is still running the page asks
 * for the progress (states only) every two seconds, and reloads the request once they are done.
 */
export function SystemsSection(props: { tenant: string; path: string; detail: RequestDetail; onSettled: () => void }) {
  const view = props.detail.systems;
  const [progress, setProgress] = useState<SystemsProgress | undefined>(undefined);
  const settled = useRef(props.onSettled);
  settled.current = props.onSettled;
  const running = view?.running ?? false;
  useEffect(() => {
    setProgress(undefined);
    if (!running) return;
    let stop = false;
    const timer = setInterval(async () => {
      const next = await adminApi<SystemsProgress>(props.tenant, `${props.path}/systems`).catch(() => undefined);
      if (stop || !next) return;
      setProgress(next);
      if (!next.running) {
        stop = true;
        clearInterval(timer);
        settled.current();
      }
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [running, props.tenant, props.path, view?.updatedAt]);
  if (!view) return null;
  const categoryName = (id: string) => props.detail.subject.categories.find((c) => c.id === id)?.name ?? id;
  const live = (s: SystemView): SystemView => {
    const p = progress?.results.find((x) => x.systemId === s.systemId);
    return p ? { ...s, state: p.state, text: p.text } : s;
  };
  return (
    <section class="category" aria-labelledby="systems" aria-busy={running}>
      <h2 id="systems">Connected systems</h2>
      <p class="hint">
        {operationWords[view.operation] ? `${operationWords[view.operation]} in each system` : view.operation}, asked for{' '}
        {formatDateTime(view.requestedAt)}. {running ? 'Still running: this updates by itself.' : ''}
      </p>
      {view.blocked && (
        <p class="notice" data-testid="systems-blocked">
          <strong>Why the request cannot be completed yet:</strong> {view.blocked}{' '}
          {props.detail.actions.includes('resolve-system') && <a href="#actions">Record what happened in a system (Actions)</a>}
        </p>
      )}
      <ul class="plain systems" aria-live="polite">
        {view.results.map((s) => (
          <SystemRow key={s.systemId} s={live(s)} categoryName={categoryName} />
        ))}
      </ul>
      {view.correction?.stage === 'outcome' && <CorrectionOutcome correction={view.correction} />}
      {view.searched && (
        <details>
          <summary>What the search before the {view.operation === 'correct' ? 'correction' : 'erasure'} found</summary>
          <ul class="plain">
            {view.searched.map((s) => (
              <li key={s.systemId}>
                {s.systemName}: {s.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
