import { useState } from 'preact/hooks';
import type { Category, DataRecord } from '../../lib/fields.ts';
import { api, formatDate, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';
import { daysLeftText } from '../request-list/index.tsx';

/**
 * "Ask us to delete this record": an erasure request for this one record (one call recording,
 * not every call), checked like any erasure: a record kept for a legal claim or by law stays, and
 * the reply says which and why.
 */
export function EraseRecordForm(props: {
  tenant: string;
  category: Category;
  record: DataRecord;
  onSent: (request: RequestSummary, message: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm();
  const id = `${props.record.id}-erase`;
  const idOf = (f: string) => `${id}-${f}`;
  const what = `this record (${props.category.name}, ${formatDate(props.record.recordedOn)})`;

  async function submit() {
    form.start();
    try {
      const request = await api<RequestSummary & { alreadyOpen?: boolean }>(`/t/${props.tenant}/me/requests`, {
        method: 'POST',
        body: {
          idempotencyKey,
          request: {
            kind: 'erasure',
            scope: 'some',
            recordIds: [props.record.id],
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        },
      });
      props.onSent(
        request,
        request.alreadyOpen
          ? `You have already asked us to delete ${what}: reference ${request.reference}, due by ${formatDate(request.dueOn)}.`
          : `We have your request to delete ${what}. Your reference is ${request.reference}. We will reply by ${formatDate(request.dueOn)} at the latest (${daysLeftText(request.daysLeft)}).`,
      );
    } catch (error) {
      form.fail([{ field: 'note', message: messageOf(error) }], idOf);
    }
  }

  return (
    <Form
      id={id}
      title="Ask us to delete this record"
      submit="Send erasure request"
      form={form}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <p class="hint">
        We delete {what} and nothing else, unless we must keep it (for example for a legal claim, or because the law says so):
        then our reply says why and until when.
      </p>
      <Field
        id={idOf('note')}
        maxLength={1000}
        label="Anything we should know (optional)"
        value={note}
        onValue={setNote}
        error={form.errors.note}
        multiline
      />
    </Form>
  );
}
