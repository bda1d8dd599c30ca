import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { follow, navigate } from '../../../lib/route.ts';
import { adminApi, goSignedOut, type StaffMe } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { roleNames } from '../../lib/words.ts';

const links = [
  { path: 'requests', label: 'Requests', show: () => true },
  { path: 'complaints', label: 'Complaints', show: () => true },
  { path: 'log', label: 'Log a request', show: (me: StaffMe) => me.can.act },
  { path: 'people', label: 'People', show: () => true },
  { path: 'import', label: 'Import', show: (me: StaffMe) => me.can.act },
  { path: 'reports', label: 'Reports', show: () => true },
  { path: 'staff', label: 'Staff', show: (me: StaffMe) => me.can.manageStaff },
  { path: 'audit', label: 'Audit trail', show: () => true },
];

/** Where you are, who you are, and the way to every staff view; sign out. */
function Header(props: { tenant: { slug: string; name: string }; me?: StaffMe; current?: string }) {
  const { tenant, me } = props;
  async function signOut() {
    await adminApi(tenant.slug, 'auth/logout', { method: 'POST', quiet: true }).catch(() => undefined);
    goSignedOut();
    navigate(pagePath(tenant.slug));
  }
  return (
    <header class="bar">
      <div class="wrap bar-inner">
        <span class="brand">
          {tenant.name} <span class="staff-tag">Staff</span>
        </span>
        {me && (
          <span class="who-am-i">
            <span>
              {me.name} <span class="role">({roleNames[me.role]})</span>
            </span>
            <button type="button" class="secondary" onClick={signOut}>
              Sign out
            </button>
          </span>
        )}
      </div>
      {me && (
        <nav class="wrap staff-nav" aria-label="Staff pages">
          <ul>
            {links
              .filter((l) => l.show(me))
              .map((l) => (
                <li key={l.path}>
                  <a
                    href={pagePath(tenant.slug, l.path)}
                    onClick={follow}
                    aria-current={props.current === l.path ? 'page' : undefined}
                  >
                    {l.label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/**
 * The frame of every staff view: skip link, header with the staff navigation, and a heading
 * that takes the focus whenever the view (its title) changes.
 */
export function Shell(props: {
  tenant: { slug: string; name: string };
  me?: StaffMe;
  /** The nav entry to mark as the current page. */
  current?: string;
  title: string;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} – ${props.tenant.name} privacy centre staff`;
    heading.current?.focus();
  }, [props.title, props.tenant.name]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header tenant={props.tenant} me={props.me} current={props.current} />
      <main id="main" class="wrap">
        <h1 tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.me && !props.me.can.act && (
          <p class="notice role-note">
            Your role is viewer: you can read but not act. Ask an admin of this centre if you need to work requests.
          </p>
        )}
        {props.children}
      </main>
    </>
  );
}
