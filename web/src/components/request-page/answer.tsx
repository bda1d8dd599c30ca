import { useState } from 'preact/hooks';
import { ApiError, api, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';

/** Our question and the person's answer to it: the time limit runs again once they send it. */
export function Answer(props: { tenant: string; request: RequestSummary; onDone: (request: RequestSummary) => void }) {
  const [message, setMessage] = useState('');
  const form = useForm();
  const idOf = () => 'answer-message';

  async function submit() {
    if (!message.trim()) return form.fail([{ field: 'message', message: 'Please write your answer' }], idOf);
    form.start();
    try {
      props.onDone(
        await api<RequestSummary>(`/t/${props.tenant}/me/requests/${props.request.id}/answer`, {
          method: 'POST',
          body: { message: message.trim() },
        }),
      );
    } catch (error) {
      form.fail(
        error instanceof ApiError && error.fields.length > 0 ? error.fields : [{ field: 'message', message: messageOf(error) }],
        idOf,
      );
    }
  }

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
      <Form id="answer" title="Send us your answer" submit="Send my answer" form={form} onSubmit={submit}>
        <Field
          id="answer-message"
          maxLength={5000}
          label="Your answer"
          multiline
          value={message}
          onValue={setMessage}
          error={form.errors.message}
        />
      </Form>
    </section>
  );
}
