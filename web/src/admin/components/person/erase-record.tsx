import { useState } from 'preact/hooks';
import type { StaffRecord, StaffSubjectView } from '../../../../../shared/admin-api.ts';
import { optionsOf } from '../../../components/choices/index.tsx';
import { Field, Form } from '../../../components/field/index.tsx';
import { useFields } from '../../../lib/use-fields.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type RequestDetail } from '../../lib/admin-client.ts';
import { formatDate, loggedViaNames, ukToday, viaText } from '../../lib/words.ts';

const via = [{ value: '', label: 'Choose…' }, ...optionsOf(loggedViaNames)];

/**
 * "Log an erasure of this record": the person asked (by phone, letter…) to delete this one record
 * — Northgate IT's "a specific call". It is logged as an erasure request for the record alone,
 * with its legal month; carried out from the request page, with the same hold and retention checks
 * and the letter as any erasure.
 */
export function EraseRecord(props: {
  tenant: string;
  subjectId: string;
  category: StaffSubjectView['categories'][number];
  record: StaffRecord;
  onLogged: (message: string) => void;
  onClose: () => void;
}) {
  const { category: c, record: r } = props;
  const today = ukToday();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm();
  const idOf = (field: string) => `erase-${r.id}-${field}`;
  const { values: v, bind } = useFields({ via: '', receivedOn: today, note: '' }, idOf, form.errors);

  function submit() {
    if (!v.via) return form.fail([{ field: 'via', message: 'Choose how the request reached you' }], idOf);
    form.send(
      async () => {
        const detail = await adminApi<RequestDetail>(props.tenant, 'requests', {
          method: 'POST',
          body: {
            idempotencyKey,
            subjectId: props.subjectId,
            via: v.via,
            receivedOn: v.receivedOn,
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
            request: { kind: 'erasure', scope: 'some', recordIds: [r.id] },
          },
        });
        props.onLogged(
          `Logged ${detail.request.reference}: erase the ${c.name} record of ${formatDate(r.recordedOn)}, received ${viaText(v.via)}. Carry it out from its request page.`,
        );
        props.onClose();
      },
      'via',
      idOf,
    );
  }

  return (
    <Form
      id={`erase-${r.id}`}
      title="Log an erasure of this record"
      submit="Log the request"
      form={form}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <p class="hint">
        For this record alone. It is carried out from the request page: a record on legal hold or kept by law stays, and the
        letter says why.
      </p>
      <Field {...bind('via')} label="How did it reach you?" options={via} />
      <Field
        {...bind('receivedOn')}
        label="Date received"
        hint="The time limit counts from the day it reached the organisation."
        type="date"
        max={today}
      />
      <Field {...bind('note')} label="Note for the record (optional)" multiline maxLength={2000} />
    </Form>
  );
}
