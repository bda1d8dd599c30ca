import { useState } from 'preact/hooks';
import { messageOf } from '../../../lib/api.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { adminApi, type Ctx, type StaffList, type StaffMember } from '../../lib/api.ts';
import { useLoad } from '../../lib/use-load.ts';
import { roleNames } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { type Draft, StaffForm } from './form.tsx';

const Label = (props: { text: string }) => (
  <span class="cell-label" aria-hidden="true">
    {props.text}
  </span>
);

/** Who may use the staff pages, with what role; add, change and remove them. */
export function StaffPage(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const { load, set } = useLoad<StaffList>(slug, 'staff');
  const [draft, setDraft] = useState<Draft & { n: number }>({ email: '', name: '', role: '', n: 0 });
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState({ text: '', error: false, n: 0 });
  const statusRef = useFocus<HTMLParagraphElement>(status.n);
  // "Change" fills in the form and takes the focus to it.
  const [editing, setEditing] = useState(0);
  const formRef = useFocus<HTMLDivElement>(editing, '#staff-name');
  const removeRef = useFocus<HTMLFieldSetElement>(removing?.email);
  const say = (text: string, error = false) => setStatus((s) => ({ text, error, n: s.n + 1 }));

  async function remove(member: StaffMember) {
    setBusy(true);
    try {
      set(await adminApi<StaffList>(slug, `staff/${encodeURIComponent(member.email)}`, { method: 'DELETE' }));
      say(`Removed ${member.name}. They can no longer sign in.`);
    } catch (error) {
      say(messageOf(error), true);
    }
    setRemoving(null);
    setBusy(false);
  }

  if (load.kind === 'loading') return <p aria-busy="true">Loading the staff…</p>;
  if (load.kind === 'error') {
    return (
      <p class="error" role="alert">
        {load.message}
      </p>
    );
  }
  const staff = load.data.staff;
  return (
    <>
      <p
        key={status.error ? 'error' : 'ok'}
        class={status.text ? (status.error ? 'error' : 'status') : 'status-empty'}
        role={status.error ? 'alert' : 'status'}
        ref={statusRef}
        tabIndex={-1}
      >
        {status.text}
      </p>
      <table class="data">
        <caption class="vh">Staff of this centre</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Authenticator app</th>
            <th scope="col">
              <span class="vh">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.email}>
              <th scope="row">
                {s.name} {s.email === props.ctx.me.email && <Chip tone="quiet">You</Chip>}{' '}
                {!s.active && <Chip tone="quiet">Removed</Chip>}
              </th>
              <td>
                <Label text="Email" />
                {s.email}
              </td>
              <td>
                <Label text="Role" />
                {roleNames[s.role]}
              </td>
              <td>
                <Label text="Authenticator app" />
                {s.enrolled ? 'Set up' : <Chip tone="warning">Not set up yet</Chip>}
              </td>
              <td class="row-actions">
                <button
                  type="button"
                  class="ghost small"
                  onClick={() => {
                    setDraft((d) => ({ email: s.email, name: s.name, role: s.role, n: d.n + 1 }));
                    setEditing((n) => n + 1);
                  }}
                >
                  Change<span class="vh"> {s.name}</span>
                </button>
                {s.active && s.email !== props.ctx.me.email && (
                  <button type="button" class="ghost small" onClick={() => setRemoving(s)}>
                    Remove<span class="vh"> {s.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <fieldset class="confirm" ref={removeRef} tabIndex={-1}>
          <legend>
            Remove {removing.name} ({removing.email})?
          </legend>
          <p>They can no longer sign in. What they did stays in the history and the audit trail.</p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => remove(removing)}>
              Yes, remove {removing.name}
            </button>
            <button type="button" class="ghost" onClick={() => setRemoving(null)}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}
      <div class="panel" ref={formRef}>
        <StaffForm
          key={draft.n}
          tenant={slug}
          draft={draft}
          staff={staff}
          onSaved={(list, message) => {
            set(list);
            setDraft((d) => ({ email: '', name: '', role: '', n: d.n + 1 }));
            say(message);
          }}
        />
      </div>
    </>
  );
}
