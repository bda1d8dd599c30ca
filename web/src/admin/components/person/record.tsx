import { useState } from 'preact/hooks';
import type { RecordCorrected, StaffRecord, StaffSubjectView } from '../../../../../shared/admin-api.ts';
import { HOLD_PERSON_WORDING } from '../../../../../shared/data-tools/hold-wording.ts';
import { Field, Form } from '../../../components/field/index.tsx';
import { display } from '../../../lib/fields.ts';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi } from '../../lib/admin-client.ts';
import { formatDate } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { KvTable } from '../kv-table/index.tsx';
import { EraseRecord } from './erase-record.tsx';

type Category = StaffSubjectView['categories'][number];
type Open = 'correct' | 'hold' | 'erase' | null;

/**
 * One record: its values, where it came from, when retention deletes it, and any legal hold
 * (in words, not colour alone). A handler corrects it or places or lifts a hold in place; the
 * focus goes into the form that opens, and back to its button when it closes.
 */
export function RecordCard(props: {
  tenant: string;
  subjectId: string;
  version: number;
  category: Category;
  record: StaffRecord;
  canAct: boolean;
  onSaved: (record: StaffRecord, version: number | undefined, message: string) => void;
  onConflict: (record: StaffRecord | undefined, version: number | undefined, message: string) => void;
}) {
  const { category: c, record: r } = props;
  const [open, setOpen] = useState<Open>(null);
  const [closed, setClosed] = useState(0);
  const formRef = useFocus<HTMLDivElement>(open, 'input, select, textarea');
  const buttonsRef = useFocus<HTMLDivElement>(closed, 'button');
  const close = () => {
    setOpen(null);
    setClosed((n) => n + 1);
  };
  const id = `r-${r.id}`;
  const known = new Set(c.fields.map((f) => f.id));
  const rows = [
    ...c.fields.map((f) => [f.label, r.data[f.id]] as const),
    ...Object.entries(r.data).filter(([key]) => !known.has(key)),
  ].filter(([, v]) => v !== undefined && v !== '');

  return (
    <article class="record" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="record-title">
        Recorded {formatDate(r.recordedOn)}
        {r.hold && (
          <>
            {' '}
            <Chip tone="warning">On legal hold</Chip>
          </>
        )}
      </p>
      {r.hold && (
        <p class="hold-note">
          <strong>Kept through erasure and the retention sweep:</strong> {r.hold.reason} (internal; placed by {r.hold.byName},{' '}
          {formatDate(r.hold.at.slice(0, 10))}). <strong>The person is told:</strong> “{r.hold.personWording}”
        </p>
      )}
      {r.keptBecause && <p class="hold-note">{r.keptBecause}</p>}
      <KvTable rows={rows} />
      <p class="muted-text record-meta">
        {r.source ? `Imported from ${r.source.system} (${r.source.key}). ` : ''}
        {r.readOnly
          ? 'From the marketing consent ledger: change it on the person’s marketing choices.'
          : r.deleteOn
            ? `Retention deletes it on ${formatDate(r.deleteOn)}${r.hold ? ' unless the hold stands' : ''}.`
            : 'No deletion date yet (it counts from the end of the relationship).'}
      </p>
      {props.canAct && !r.readOnly && open === null && (
        <div class="actions" ref={buttonsRef}>
          <button type="button" class="ghost small" onClick={() => setOpen('correct')}>
            Correct<span class="vh"> this record ({c.name})</span>
          </button>
          <button type="button" class="ghost small" onClick={() => setOpen('hold')}>
            {r.hold ? 'Lift the hold' : 'Place a legal hold'}
            <span class="vh"> on this {c.name} record</span>
          </button>
          <button type="button" class="ghost small" onClick={() => setOpen('erase')}>
            Log an erasure of this record<span class="vh"> ({c.name})</span>
          </button>
        </div>
      )}
      <div ref={formRef}>
        {open === 'correct' && <Correct {...props} onClose={close} />}
        {open === 'hold' && <Hold {...props} onClose={close} />}
        {open === 'erase' && (
          <EraseRecord {...props} onLogged={(message) => props.onSaved(r, undefined, message)} onClose={close} />
        )}
      </div>
    </article>
  );
}

type FormProps = Parameters<typeof RecordCard>[0] & { onClose: () => void };

function Correct(props: FormProps) {
  const { category: c, record: r } = props;
  const fields = c.fields.filter((f) => f.correctable);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.id, display(r.data[f.id])])),
  );
  const form = useForm();
  const idOf = (field: string) => `fix-${r.id}-${field}`;

  async function submit() {
    const changes = Object.fromEntries(
      fields.filter((f) => values[f.id] !== display(r.data[f.id])).map((f) => [f.id, values[f.id] ?? '']),
    );
    if (Object.keys(changes).length === 0) {
      return form.fail([{ field: fields[0]?.id ?? '', message: 'Nothing has changed: change a value, or cancel' }], idOf);
    }
    form.start();
    try {
      const saved = await adminApi<RecordCorrected>(props.tenant, `subjects/${props.subjectId}/records/${r.id}`, {
        method: 'PATCH',
        body: { version: props.version, changes },
      });
      props.onSaved(saved.record, saved.version, `Saved the correction to ${c.name}.`);
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const newest = e.details as { record?: StaffRecord; version?: number } | undefined;
        props.onConflict(newest?.record, newest?.version, `${e.message} Nothing was saved.`);
        props.onClose();
        return;
      }
      form.fail(
        e instanceof ApiError && e.fields.length ? e.fields : [{ field: fields[0]?.id ?? '', message: messageOf(e) }],
        idOf,
      );
    }
  }

  return (
    <Form
      id={`fix-${r.id}`}
      title="Correct this record"
      submit="Save the correction"
      form={form}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <p class="hint">The old and new values are kept in the audit trail.</p>
      {fields.map((f) => (
        <Field
          key={f.id}
          id={idOf(f.id)}
          label={f.label}
          type={f.kind === 'phone' ? 'tel' : f.kind === 'email' ? 'email' : f.kind === 'date' ? 'date' : 'text'}
          autoComplete="off"
          spellcheck={f.kind === 'text' ? undefined : false}
          value={values[f.id] ?? ''}
          onValue={(v) => setValues((old) => ({ ...old, [f.id]: v }))}
          error={form.errors[f.id]}
        />
      ))}
    </Form>
  );
}

function Hold(props: FormProps) {
  const { category: c, record: r } = props;
  const lifting = Boolean(r.hold);
  const [reason, setReason] = useState('');
  const [wording, setWording] = useState(HOLD_PERSON_WORDING);
  const form = useForm();
  const idOf = (field = 'reason') => `hold-${r.id}-${field}`;

  async function submit() {
    if (!reason.trim()) {
      return form.fail(
        [{ field: 'reason', message: lifting ? 'Say why the hold can be lifted' : 'Say why this record must be kept' }],
        idOf,
      );
    }
    form.start();
    try {
      const record = await adminApi<StaffRecord>(props.tenant, `subjects/${props.subjectId}/records/${r.id}/hold`, {
        method: lifting ? 'DELETE' : 'POST',
        body: lifting ? { reason } : { reason, ...(wording.trim() ? { personWording: wording.trim() } : {}) },
      });
      props.onSaved(
        record,
        undefined,
        lifting ? `Lifted the legal hold on the ${c.name} record.` : `Placed a legal hold on the ${c.name} record.`,
      );
      props.onClose();
    } catch (e) {
      form.fail([{ field: 'reason', message: messageOf(e) }], idOf);
    }
  }

  return (
    <Form
      id={`hold-${r.id}`}
      title={lifting ? 'Lift the legal hold' : 'Place a legal hold'}
      submit={lifting ? 'Lift the hold' : 'Place the hold'}
      form={form}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Field
        id={idOf()}
        maxLength={1000}
        label={lifting ? 'Why can it be lifted? (internal)' : 'Internal reason: why must this record be kept?'}
        hint={
          lifting
            ? 'Erasure and the retention sweep will treat the record as usual again.'
            : 'Staff only, never shown or sent to the person: for example a legal claim or an investigation. Erasure and the retention sweep skip the record until the hold is lifted.'
        }
        multiline
        value={reason}
        onValue={setReason}
        error={form.errors.reason}
      />
      {!lifting && (
        <Field
          id={idOf('wording')}
          label="What the person is told"
          hint="Shown to the person in their erasure letter. Keep it general: naming a claim or an investigation could tip them off."
          multiline
          value={wording}
          onValue={setWording}
        />
      )}
    </Form>
  );
}
