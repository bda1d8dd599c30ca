import { useState } from 'preact/hooks';
import { api, formatDate, messageOf, type RequestSummary } from '../../lib/portal-client.ts';
import { useFields } from '../../lib/use-fields.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';
import type { RecordRequestProps } from '../record-card/index.tsx';
import { requestTakenText } from '../record-card/request-taken.ts';

/**
 * "Ask us to delete this record": an erasure request for this one record (one call recording,
 * not every call), checked like any erasure: a record kept for a legal claim or by law stays, and
 * the reply says which and why.
 */
export function EraseRecordForm(props: RecordRequestProps) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm();
  const id = `${props.record.id}-erase`;
  const idOf = (f: string) => `${id}-${f}`;
  const { values: v, bind } = useFields({ note: '' }, idOf, form.errors);
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
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          },
        },
      });
      props.onSent(
        request,
        request.alreadyOpen
          ? `You have already asked us to delete ${what}: reference ${request.reference}, due by ${formatDate(request.dueOn)}.`
          : requestTakenText(`delete ${what}`, request),
      );
    } catch (error) {
      // Whatever is refused, its message shows against the note, the one field here.
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
      <Field {...bind('note')} maxLength={1000} label="Anything we should know (optional)" multiline />
    </Form>
  );
}
