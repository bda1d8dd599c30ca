import { useState } from 'preact/hooks';
import { type Category, correctable, type DataRecord, display } from '../../lib/fields.ts';
import { ApiError, api, formatDate, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';
import { daysLeftText } from '../request-list/index.tsx';

/**
 * "Ask for a correction" of a detail the person cannot change themselves (kept by their
 * employer, or a record of what happened): a rectification request with a reference and a due date.
 */
export function CorrectionForm(props: {
  tenant: string;
  category: Category;
  record: DataRecord;
  onSent: (request: RequestSummary, message: string) => void;
  onCancel: () => void;
}) {
  const fields = correctable(props.category);
  const [field, setField] = useState(fields[0]?.id ?? '');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const form = useForm();
  const id = `${props.record.id}-fix`;
  const chosen = fields.find((f) => f.id === field);
  const now = display(props.record.data[field]);

  async function submit() {
    if (!value.trim()) return form.fail([{ field: 'value', message: 'Tell us what the correct value is' }], idOf);
    form.start();
    try {
      const request = await api<RequestSummary>(`/t/${props.tenant}/me/corrections`, {
        method: 'POST',
        body: { recordId: props.record.id, field, value: value.trim(), ...(note.trim() ? { note: note.trim() } : {}) },
      });
      props.onSent(
        request,
        `We have your request to correct ${chosen?.label.toLowerCase()}. Your reference is ${request.reference}. We will reply by ${formatDate(request.dueOn)} at the latest (${daysLeftText(request.daysLeft)}).`,
      );
    } catch (error) {
      form.fail(
        error instanceof ApiError && error.fields.length > 0 ? error.fields : [{ field: 'value', message: messageOf(error) }],
        idOf,
      );
    }
  }

  const idOf = (f: string) => `${id}-${f}`;
  return (
    <Form
      id={id}
      title="Ask for a correction"
      submit="Send correction request"
      form={form}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <p class="hint">Tell us what is wrong and what it should say. We check it and reply within the time the law allows.</p>
      <Field
        id={idOf('field')}
        label="Which detail is wrong?"
        value={field}
        onValue={setField}
        options={fields.map((f) => ({ value: f.id, label: f.label }))}
        hint={`${now ? `Now: ${now}.` : 'We hold nothing for it.'}${chosen?.ownedBy ? ` Kept by ${chosen.ownedBy}.` : ''}`}
      />
      <Field
        id={idOf('value')}
        label="What should it say?"
        maxLength={500}
        value={value}
        onValue={setValue}
        error={form.errors.value}
      />
      <Field
        id={idOf('note')}
        maxLength={1000}
        label="Anything we should know (optional)"
        multiline
        value={note}
        onValue={setNote}
        error={form.errors.note}
      />
    </Form>
  );
}
