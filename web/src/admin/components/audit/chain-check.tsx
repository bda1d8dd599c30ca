import { useState } from 'preact/hooks';
import { grouped } from '../../../../../shared/uk-time.ts';
import { messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { type AuditVerifyResponse, adminApi, type Ctx } from '../../lib/admin-client.ts';
import { formatDateTime } from '../../lib/words.ts';

type State = { kind: 'idle' | 'checking' } | { kind: 'done'; result: AuditVerifyResponse } | { kind: 'error'; message: string };

/** Check the audit trail's hash chain from the start: intact, or the first link that is broken. */
export function ChainCheck(props: { ctx: Ctx }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [n, setN] = useState(0);
  const ref = useFocus<HTMLDivElement>(state.kind !== 'checking' && n);

  async function check() {
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'done', result: await adminApi<AuditVerifyResponse>(props.ctx.tenant.slug, 'audit/verify') });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
    setN((x) => x + 1);
  }

  const result = state.kind === 'done' ? state.result : null;
  const broken = result?.firstBroken;
  return (
    <>
      <p>
        Every change to a request, a person’s details or their choices is written to the audit trail. Each event carries a hash of
        the one before it, so an event changed or deleted afterwards breaks the chain. The check reads the whole trail.
      </p>
      <button type="button" onClick={check} disabled={state.kind === 'checking'}>
        {state.kind === 'checking' ? 'Checking…' : 'Check the audit trail'}
      </button>
      <div ref={ref} tabIndex={-1} class="audit-result">
        {state.kind === 'error' && (
          <p class="error" role="alert">
            {state.message}
          </p>
        )}
        {result && !broken && result.ok && (
          <p class="status" role="status">
            Intact: {result.checked === 1 ? '1 event' : `${grouped(result.checked)} events`} checked
            {result.head ? `, chain head #${result.head.seq}` : ''}.
          </p>
        )}
        {result && (broken || !result.ok) && (
          <div class="error-summary" role="alert">
            <h2>The audit trail is broken</h2>
            <p>{grouped(result.checked)} events checked. Tell whoever runs this centre at once, and keep this page’s details.</p>
            {broken && (
              <dl>
                <div>
                  <dt>First broken link</dt>
                  <dd>#{broken.seq}</dd>
                </div>
                {broken.id && (
                  <div>
                    <dt>Event</dt>
                    <dd>
                      <code>{broken.id}</code>
                    </dd>
                  </div>
                )}
                {broken.at && (
                  <div>
                    <dt>Recorded</dt>
                    <dd>{formatDateTime(broken.at)}</dd>
                  </div>
                )}
                <div>
                  <dt>Problem</dt>
                  <dd>{broken.problem}</dd>
                </div>
              </dl>
            )}
          </div>
        )}
      </div>
    </>
  );
}
