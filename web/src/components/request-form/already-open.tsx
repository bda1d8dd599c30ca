import { useEffect, useRef } from 'preact/hooks';
import { api, formatDate, type RequestSummary } from '../../lib/portal-client.ts';
import { follow, navigate } from '../../lib/route.ts';
import { MessageForm } from '../message-form/index.tsx';

/**
 * The person asked for something they already have an open request for: we say so, with its
 * reference and the date we will reply by, and they can add to it instead of starting again.
 */
export function AlreadyOpen(props: { tenant: string; request: RequestSummary }) {
  const r = props.request;
  // It replaces the form the person just sent: their focus moves to what it says.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const link = `/t/${props.tenant}/requests/${r.id}`;

  return (
    <section class="panel" aria-labelledby="already-open">
      <h2 id="already-open" ref={headingRef} tabIndex={-1}>
        You already have this request open
      </h2>
      <p>
        We already have the same request from you, reference <strong>{r.reference}</strong>, received {formatDate(r.receivedOn)}.
        We will reply by <strong>{formatDate(r.dueOn)}</strong>. We have not opened a second one, so nothing is delayed.
      </p>
      <p>
        <a href={link} onClick={follow}>
          See request {r.reference}
        </a>
      </p>
      <MessageForm
        id="add"
        fieldId="add-message"
        title="Add to it instead"
        submit="Add to my request"
        label="What would you like to add? (details that help us find your data, or anything we should know)"
        need="Please write what you want to add"
        send={async (message) => {
          await api<RequestSummary>(`/t/${props.tenant}/me/requests/${r.id}/add`, { method: 'POST', body: { message } });
          navigate(link);
        }}
      />
    </section>
  );
}
