import { useState } from 'preact/hooks';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';

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
