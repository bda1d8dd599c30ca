import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../../../lib/portal-client.ts';
import { navigate } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { adminApi, type Ctx, goSignedOut, type StaffList, type StaffMember } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { roleNames } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { DataTable } from '../data-table/index.tsx';
import { LoadState } from '../load-state/index.tsx';
import { useSay } from '../loaded-page/index.tsx';
import { type Draft, StaffForm } from './form.tsx';

/** A change that asks first: removing someone, or resetting their authenticator (a lost phone). */
type Confirming = { what: 'remove' | 'reset'; member: StaffMember };

/** What resetting someone's authenticator does, told before it is done. */
function ResetExplained(props: { member: StaffMember; self: boolean }) {
  const { member, self } = props;
  return (
    <>
      <p>
        For a lost or replaced phone. {self ? 'Your' : 'Their'} authenticator app and recovery codes stop working, and{' '}
        {self ? 'you are signed out at once' : `${member.name} is signed out everywhere at once`}. At {self ? 'your' : 'their'}{' '}
        next sign-in, with a link emailed to {member.email}, {self ? 'you' : 'they'} set up an authenticator app again and get new
        recovery codes.
      </p>
      {!self && (
        <p>
          Make sure it is really them asking, for example by calling them on a number you already know: whoever can read that
          mailbox could then set up an app.
        </p>
      )}
    </>
  );
}

/** Who may use the staff pages, with what role; add, change and remove them, reset a lost authenticator. */
export function StaffPage(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const { load, set } = useLoad<StaffList>(slug, 'staff');
  const [draft, setDraft] = useState<Draft & { n: number }>({ email: '', name: '', role: '', n: 0 });
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);
  const { say, line } = useSay();
  // "Change" fills in the form and takes the focus to it.
  const [editing, setEditing] = useState(0);
  const formRef = useFocus<HTMLDivElement>(editing, '#staff-name');
  const confirmRef = useFocus<HTMLFieldSetElement>(confirming && `${confirming.what} ${confirming.member.email}`);
  // Cancel takes the focus back to the button that asked.
  const asker = useRef<HTMLElement | null>(null);
  const ask = (what: Confirming['what'], member: StaffMember) => {
    asker.current = document.activeElement as HTMLElement | null;
    setConfirming({ what, member });
  };
  const cancel = () => {
    setConfirming(null);
    asker.current?.focus();
  };

  async function confirm({ what, member }: Confirming) {
    const self = member.email === props.ctx.me.email;
    setBusy(true);
    try {
      const path = `staff/${encodeURIComponent(member.email)}`;
      if (what === 'remove') {
        set(await adminApi<StaffList>(slug, path, { method: 'DELETE' }));
        say(`Removed ${member.name}. They can no longer sign in.`);
      } else {
        const list = await adminApi<StaffList>(slug, `${path}/reset-second-factor`, { method: 'POST' });
        // Your own sessions ended with it: sign in again, and set up the app afresh.
        if (self) {
          goSignedOut();
          return navigate(pagePath(slug));
        }
        set(list);
        say(
          `Reset the authenticator of ${member.name}. They are signed out, and set up an authenticator app again at their next sign-in.`,
        );
      }
    } catch (error) {
      say(messageOf(error), true);
    }
    setConfirming(null);
    setBusy(false);
  }

  if (load.kind !== 'ready') return <LoadState load={load} loading="Loading the staff…" />;
  const staff = load.data.staff;
  return (
    <>
      {line}
      <DataTable
        caption="Staff of this centre"
        hideCaption
        rows={staff}
        rowKey={(s) => s.email}
        columns={[
          {
            head: 'Name',
            cell: (s) => (
              <>
                {s.name} {s.email === props.ctx.me.email && <Chip tone="quiet">You</Chip>}{' '}
                {!s.active && <Chip tone="quiet">Removed</Chip>}
              </>
            ),
          },
          { head: 'Email', cell: (s) => s.email },
          { head: 'Role', cell: (s) => roleNames[s.role] },
          { head: 'Authenticator app', cell: (s) => (s.enrolled ? 'Set up' : <Chip tone="warning">Not set up yet</Chip>) },
          {
            head: <span class="vh">Actions</span>,
            class: 'row-actions',
            cell: (s) => (
              <>
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
                  <button type="button" class="ghost small" onClick={() => ask('remove', s)}>
                    Remove<span class="vh"> {s.name}</span>
                  </button>
                )}
                {s.enrolled && (
                  <button type="button" class="ghost small" onClick={() => ask('reset', s)}>
                    Reset authenticator<span class="vh"> of {s.name}</span>
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
      {confirming && (
        <fieldset class="confirm" ref={confirmRef} tabIndex={-1}>
          <legend>
            {confirming.what === 'remove'
              ? `Remove ${confirming.member.name} (${confirming.member.email})?`
              : confirming.member.email === props.ctx.me.email
                ? `Reset your own authenticator (${confirming.member.email})?`
                : `Reset the authenticator of ${confirming.member.name} (${confirming.member.email})?`}
          </legend>
          {confirming.what === 'remove' ? (
            <p>They can no longer sign in. What they did stays in the history and the audit trail.</p>
          ) : (
            <ResetExplained member={confirming.member} self={confirming.member.email === props.ctx.me.email} />
          )}
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => confirm(confirming)}>
              {confirming.what === 'remove' ? `Yes, remove ${confirming.member.name}` : 'Yes, reset it'}
            </button>
            <button type="button" class="ghost" onClick={cancel}>
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
