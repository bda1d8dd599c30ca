import { useState } from 'preact/hooks';
import type { StaffSubjectView } from '../../../../../shared/admin-api.ts';
import { Field, Form } from '../../../components/field/index.tsx';
import { useFields } from '../../../lib/use-fields.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi } from '../../lib/admin-client.ts';
import { formatDate } from '../../lib/words.ts';

/**
 * Retention on the person's page: when deletion is due in each category (from the policy's rules
 * and the relationship dates), what keeps overdue records, and, for handlers, a form to record or
 * correct when the relationship began and ended (every "after the relationship" rule counts from
 * the end). Saving is audited with the reason; the page then reloads the person.
 */
export function Retention(props: {
  tenant: string;
  view: StaffSubjectView;
  canAct: boolean;
  onSaved: (message: string) => void;
}) {
  const { subject: s, categories } = props.view;
  const [open, setOpen] = useState(false);
  const [closed, setClosed] = useState(0);
  const formRef = useFocus<HTMLDivElement>(open ? 1 : 0, 'input');
  const buttonRef = useFocus<HTMLDivElement>(closed, 'button');
  const rows = categories
    .map((c) => ({ c, records: c.records.filter((r) => !r.readOnly) }))
    .filter(({ records }) => records.length > 0)
    .map(({ c, records }) => {
      const next = records.map((r) => r.deleteOn ?? '9').sort()[0] as string;
      return { id: c.id, name: c.name, next, kept: records.filter((r) => r.keptBecause).length };
    });

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            {r.name}: {r.next < '9' ? `deletion due ${formatDate(r.next)}` : 'not yet known (after the relationship ends)'}
            {r.kept ? `, ${r.kept} kept past it (see below)` : ''}
          </li>
        ))}
      </ul>
      {props.canAct && !s.erasedAt && !open && (
        <div class="actions" ref={buttonRef}>
          <button type="button" class="ghost small" onClick={() => setOpen(true)}>
            Change the relationship
          </button>
        </div>
      )}
      <div ref={formRef}>
        {open && (
          <RelationshipForm
            {...props}
            onClose={() => {
              setOpen(false);
              setClosed((n) => n + 1);
            }}
          />
        )}
      </div>
    </section>
  );
}

function RelationshipForm(props: Parameters<typeof Retention>[0] & { onClose: () => void }) {
  const r = props.view.subject.relationship;
  const form = useForm();
  const idOf = (field: string) => `rel-${field}`;
  const { values, bind } = useFields(
    { startedOn: r.startedOn, endedOn: r.endedOn ?? '', kind: r.kind ?? 'other', reason: '' },
    idOf,
    form.errors,
  );

  const submit = () =>
    form.send(
      async () => {
        await adminApi(props.tenant, `subjects/${props.view.subject.id}/relationship`, {
          method: 'PUT',
          body: { startedOn: values.startedOn, endedOn: values.endedOn || null, kind: values.kind, reason: values.reason },
        });
        props.onSaved('Saved the relationship.');
        props.onClose();
      },
      'reason',
      idOf,
    );

  return (
    <Form
      id="relationship"
      title="The relationship"
      submit="Save the relationship"
      form={form}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Field
        {...bind('kind')}
        label="Who they are to you"
        hint="It decides the marketing default: only customers get the soft opt-in."
        options={props.view.relationshipKinds.map((k) => ({ value: k.id, label: k.name }))}
      />
      <Field {...bind('startedOn')} label="Began on" type="date" />
      <Field {...bind('endedOn')} label="Ended on (optional)" hint="Empty while it lasts." type="date" />
      <Field {...bind('reason')} maxLength={500} label="How do you know?" multiline />
    </Form>
  );
}
