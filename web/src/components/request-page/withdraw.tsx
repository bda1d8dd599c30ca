import { useState } from 'preact/hooks';
import { api, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { useFocus } from '../../lib/use-focus.ts';
import { Field } from '../field/index.tsx';

/** Withdraw an open request, in two steps, with an optional reason. */
export function Withdraw(props: { tenant: string; request: RequestSummary; onDone: (request: RequestSummary) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Into the reason when asked to confirm; back to the first button when that is cancelled.
  const ref = useFocus<HTMLElement>(confirming ? 'confirm' : 'ask', confirming ? 'textarea' : 'button');

  async function withdraw() {
    setBusy(true);
    setError('');
    try {
      props.onDone(
        await api<RequestSummary>(`/t/${props.tenant}/me/requests/${props.request.id}/withdraw`, {
          method: 'POST',
          body: reason.trim() ? { message: reason.trim() } : {},
        }),
      );
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <section class="category" aria-labelledby="withdraw" ref={ref}>
      <h2 id="withdraw">Changed your mind?</h2>
      {confirming ? (
        <>
          <p>If you withdraw this request, we stop working on it. You can make a new request at any time.</p>
          <Field
            id="withdraw-reason"
            maxLength={2000}
            label="Why are you withdrawing it? (optional)"
            multiline
            value={reason}
            onValue={setReason}
          />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={withdraw}>
              Yes, withdraw it
            </button>
            <button type="button" class="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button type="button" class="ghost" onClick={() => setConfirming(true)}>
          Withdraw this request
        </button>
      )}
    </section>
  );
}
