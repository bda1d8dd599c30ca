import { correctable, shown } from '../../lib/fields.ts';
import { api, type RequestSummary } from '../../lib/portal-client.ts';
import { useFields } from '../../lib/use-fields.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';
import type { RecordRequestProps } from '../record-card/index.tsx';
import { requestTakenText } from '../record-card/request-taken.ts';

/**
 * "Ask for a correction" of a detail the person cannot change themselves (kept by their
 * employer, or a record of what happened): a rectification request with a reference and a due date.
 */
export function CorrectionForm(props: RecordRequestProps) {
  const fields = correctable(props.category);
  const form = useForm();
  const id = `${props.record.id}-fix`;
  const idOf = (f: string) => `${id}-${f}`;
  const { values: v, bind } = useFields({ field: fields[0]?.id ?? '', value: '', note: '' }, idOf, form.errors);
  const chosen = fields.find((f) => f.id === v.field);
  const now = shown(props.record.data[v.field]);

  function submit() {
    if (!v.value.trim()) return form.fail([{ field: 'value', message: 'Tell us what the correct value is' }], idOf);
    form.send(
      async () => {
        const request = await api<RequestSummary>(`/t/${props.tenant}/me/corrections`, {
          method: 'POST',
          body: {
            recordId: props.record.id,
            field: v.field,
            value: v.value.trim(),
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          },
        });
        props.onSent(request, requestTakenText(`correct ${chosen?.label.toLowerCase()}`, request));
      },
      'value',
      idOf,
    );
  }

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
        {...bind('field')}
        label="Which detail is wrong?"
        options={fields.map((f) => ({ value: f.id, label: f.label }))}
        hint={`${now ? `Now: ${now}.` : 'We hold nothing for it.'}${chosen?.ownedBy ? ` Kept by ${chosen.ownedBy}.` : ''}`}
      />
      <Field {...bind('value')} label="What should it say?" maxLength={500} />
      <Field {...bind('note')} maxLength={1000} label="Anything we should know (optional)" multiline />
    </Form>
  );
}
