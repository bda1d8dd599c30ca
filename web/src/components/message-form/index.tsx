import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';
import { Quote } from '../quote/index.tsx';

/**
 * A form of one text box the person writes in (an answer to our question, something to add to a
 * request): `need` when it is left blank, then `send` with the text trimmed; what the server
 * refuses shows against the box.
 */
export function MessageForm(props: {
  id: string;
  /** The text box's id. */
  fieldId: string;
  title: string;
  submit: string;
  label: string;
  need: string;
  maxLength?: number;
  send: (message: string) => Promise<unknown>;
}) {
  const [message, setMessage] = useState('');
  const form = useForm();
  const idOf = () => props.fieldId;

  function submit() {
    if (!message.trim()) return form.fail([{ field: 'message', message: props.need }], idOf);
    form.send(() => props.send(message.trim()), 'message', idOf);
  }

  return (
    <Form id={props.id} title={props.title} submit={props.submit} form={form} onSubmit={submit}>
      <Field
        id={props.fieldId}
        label={props.label}
        multiline
        maxLength={props.maxLength}
        value={message}
        onValue={setMessage}
        error={form.errors.message}
      />
    </Form>
  );
}

/**
 * "We need more information from you": our question, quoted, and the person's answer to it,
 * posted to `path`; `onDone` gets what the server returns (the request or complaint as it is now).
 */
export function OurQuestion<T>(props: {
  ids: { heading: string; form: string; field: string };
  question: string;
  /** Said before the question. */
  lead?: string;
  /** Said after it: what answering does. */
  children?: ComponentChildren;
  path: string;
  onDone: (next: T) => void;
}) {
  return (
    <section class="category" aria-labelledby={props.ids.heading}>
      <h2 id={props.ids.heading}>We need more information from you</h2>
      {props.lead && <p>{props.lead}</p>}
      <Quote text={props.question} />
      {props.children}
      <MessageForm
        id={props.ids.form}
        fieldId={props.ids.field}
        title="Send us your answer"
        submit="Send my answer"
        label="Your answer"
        need="Please write your answer"
        maxLength={5000}
        send={async (message) => props.onDone(await api<T>(props.path, { method: 'POST', body: { message } }))}
      />
    </section>
  );
}
