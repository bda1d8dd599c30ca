import { Radios } from '../../../components/choices/index.tsx';
import { Field, Form } from '../../../components/field/index.tsx';
import { useFields } from '../../../lib/use-fields.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type StaffList, type StaffMember, type StaffRole } from '../../lib/admin-client.ts';
import { roleHints, roleNames } from '../../lib/words.ts';

export type Draft = { email: string; name: string; role: string };

/** Add someone, or change the name or role of someone already here (found by email). */
export function StaffForm(props: {
  tenant: string;
  draft: Draft;
  staff: StaffMember[];
  onSaved: (list: StaffList, message: string) => void;
}) {
  const form = useForm();
  const idOf = (field: string) => `staff-${field}`;
  const { values: draft, bind } = useFields<Draft>(props.draft, idOf, form.errors);
  const existing = props.staff.find((s) => s.email.toLowerCase() === draft.email.trim().toLowerCase() && s.active);

  function submit() {
    const email = draft.email.trim();
    const problems = [
      ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
        ? []
        : [{ field: 'email', message: 'Enter a valid email address, like name@example.com' }]),
      ...(draft.name.trim() ? [] : [{ field: 'name', message: 'Please give their name' }]),
      ...(draft.role ? [] : [{ field: 'role', message: 'Choose viewer, handler or admin' }]),
    ];
    if (problems.length > 0) return form.fail(problems, idOf);
    form.send(
      async () => {
        const list = await adminApi<StaffList>(props.tenant, `staff/${encodeURIComponent(email)}`, {
          method: 'PUT',
          body: { name: draft.name.trim(), role: draft.role as StaffRole },
        });
        form.fail([]);
        const role = `${draft.role === 'admin' ? 'an' : 'a'} ${roleNames[draft.role as StaffRole].toLowerCase()}`;
        props.onSaved(
          list,
          existing
            ? `Saved: ${draft.name.trim()} is ${role}.`
            : `Added ${draft.name.trim()} as ${role}. They can sign in with ${email}.`,
        );
      },
      'email',
      idOf,
    );
  }

  return (
    <Form
      id="staff"
      level={2}
      title={props.draft.email ? `Change ${props.draft.name || props.draft.email}` : 'Add someone'}
      submit={existing ? 'Save the change' : 'Add them'}
      form={form}
      onSubmit={submit}
    >
      <Field
        {...bind('email')}
        label="Work email address"
        hint="They sign in with a link sent to it, then a code from an authenticator app they set up the first time."
        type="email"
        autoComplete="off"
      />
      <Field {...bind('name')} label="Name" autoComplete="off" />
      <Radios
        {...bind('role')}
        legend="Role"
        options={(Object.keys(roleNames) as StaffRole[]).map((r) => ({ value: r, label: roleNames[r], hint: roleHints[r] }))}
      />
    </Form>
  );
}
