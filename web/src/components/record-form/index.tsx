import { useState } from 'preact/hooks';
import { checkField } from '../../../../shared/profile/validate.ts';
import { type Category, type DataRecord, display, type FieldDef, inputFor, shown } from '../../lib/fields.ts';
import { ApiError, api, messageOf } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';

type Data = DataRecord['data'];
export type Outcome = 'saved' | 'unchanged' | 'conflict';
type Conflict = { version: number; record?: { data: Data } };

const check = (f: FieldDef, raw: string) => checkField({ label: f.label, kind: f.kind, required: f.required }, raw);
const valuesOf = (fields: FieldDef[], data: Data) => Object.fromEntries(fields.map((f) => [f.id, display(data[f.id])]));

/**
 * Change the editable fields of one record in place. Sends only what changed, with the version
 * last seen; a 409 brings the newest values into the form instead of overwriting them.
 */
export function RecordForm(props: {
  tenant: string;
  category: Category;
  record: DataRecord;
  version: number;
  onSaved: (version: number, data: Data, outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const { category, record } = props;
  const editable = category.fields.filter((f) => f.editable);
  const fixed = category.fields.filter((f) => !f.editable && display(record.data[f.id]));
  const [values, setValues] = useState(() => valuesOf(editable, record.data));
  const [notice, setNotice] = useState('');
  const form = useForm();
  const idOf = (f: string) => `${record.id}-f-${f}`;

  async function submit() {
    setNotice('');
    const problems: { field: string; message: string }[] = [];
    const changes: Record<string, string> = {};
    for (const f of editable) {
      const now = display(record.data[f.id]);
      // Only what the person typed in: a stored value is never re-checked or re-formatted behind their back.
      if (values[f.id] === now) continue;
      const result = check(f, values[f.id] ?? '');
      if (!result.ok) problems.push({ field: f.id, message: result.message });
      else if (result.value !== now) changes[f.id] = result.value;
    }
    if (problems.length > 0) return form.fail(problems, idOf);
    if (Object.keys(changes).length === 0) return props.onSaved(props.version, record.data, 'unchanged');
    form.start();
    try {
      const res = await api<{ version: number; record: { data: Data } }>(`/t/${props.tenant}/me/records/${record.id}`, {
        method: 'PATCH',
        body: { version: props.version, changes },
      });
      props.onSaved(res.version, res.record.data, 'saved');
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) return form.fail(error.fields, idOf);
      form.fail([]);
      if (error instanceof ApiError && error.status === 409) {
        const newest = error.details as Conflict;
        const data = newest.record?.data ?? record.data;
        props.onSaved(newest.version, data, 'conflict');
        if (newest.record) setValues(valuesOf(editable, data));
        setNotice(`${error.message} Check them, then save again if anything is still wrong.`);
      } else {
        setNotice(messageOf(error));
      }
    }
  }

  return (
    <Form
      id={record.id}
      title={`Change ${category.name.toLowerCase()}`}
      submit="Save"
      form={form}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      {editable.map((f) => (
        <Field
          key={f.id}
          id={idOf(f.id)}
          label={f.required ? f.label : `${f.label} (optional)`}
          value={values[f.id] ?? ''}
          error={form.errors[f.id]}
          onValue={(v) => {
            setValues((all) => ({ ...all, [f.id]: v }));
            // Errors show only at Save, in the summary too: one shown on leaving a field moved Save
            // from under the pointer pressing it, so nothing happened. One goes as soon as the value
            // is right, while typing, not on leaving the field, for the same reason.
            if (form.errors[f.id] && check(f, v).ok) form.setErrors((e) => ({ ...e, [f.id]: '' }));
          }}
          {...inputFor(f)}
        />
      ))}
      {fixed.length > 0 && (
        <dl class="fixed">
          {fixed.map((f) => (
            <div key={f.id}>
              <dt>{f.label}</dt>
              <dd>
                {shown(record.data[f.id])}
                <span class="hint">
                  {f.kind === 'email'
                    ? 'Change it with “Change email address”: we confirm the new one first.'
                    : `Kept by ${f.ownedBy ?? 'us'}: ask for a correction instead.`}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Form>
  );
}
