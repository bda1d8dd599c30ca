import { api, type RequestSummary } from '../../lib/portal-client.ts';
import { MessageForm } from '../message-form/index.tsx';

/** Our question and the person's answer to it: the time limit runs again once they send it. */
export function Answer(props: { tenant: string; request: RequestSummary; onDone: (request: RequestSummary) => void }) {
  return (
    <section class="category" aria-labelledby="question">
      <h2 id="question">We need more information from you</h2>
      <p>We asked you:</p>
      <blockquote class="quote">
        <p>{props.request.question}</p>
      </blockquote>
      <p>
        {props.request.questionPurpose === 'identity'
          ? 'The one-month time limit counts again from the day we have your answer.'
          : 'The time limit runs again from the day we have your answer.'}
      </p>
      <MessageForm
        id="answer"
        fieldId="answer-message"
        title="Send us your answer"
        submit="Send my answer"
        label="Your answer"
        need="Please write your answer"
        maxLength={5000}
        send={async (message) =>
          props.onDone(
            await api<RequestSummary>(`/t/${props.tenant}/me/requests/${props.request.id}/answer`, {
              method: 'POST',
              body: { message },
            }),
          )
        }
      />
    </section>
  );
}
