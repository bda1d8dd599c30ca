import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { TenantPublic } from '../../lib/portal-client.ts';

/** The frame of every view: skip link, header, a focused heading, the tenant's contact details. */
export function Page(props: {
  tenant?: TenantPublic;
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
  /** Leave out the contact footer (while the content above it is still loading). */
  footer?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = props.tenant ? `${props.title} – ${props.tenant.name} privacy centre` : props.title;
  }, [props.title, props.tenant]);
  // A new view moves focus to its heading; the centre's details arriving later do not.
  useEffect(() => {
    heading.current?.focus();
  }, [props.title]);
  const contact = props.tenant?.contact;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="bar">
        <div class="wrap bar-inner">
          <span class="brand">{props.tenant ? `${props.tenant.name} privacy centre` : 'Privacy centre'}</span>
          {props.actions}
        </div>
      </header>
      <main id="main" class="wrap">
        <h1 tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.children}
      </main>
      {props.tenant && contact && props.footer !== false && (
        <footer class="wrap foot">
          <p>
            {props.tenant.legalName} is responsible for your data. Questions:{' '}
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
            {contact.phone ? ` · ${contact.phone}` : ''}.
            {contact.dpo ? (
              <>
                {' '}
                Data protection officer: {contact.dpo.name}, <a href={`mailto:${contact.dpo.email}`}>{contact.dpo.email}</a>.
              </>
            ) : null}
            {contact.said ? <small class="said"> {contact.said}</small> : null}
          </p>
          <p>
            If you are unhappy with how your data is handled, tell us at the address above; you can also <ComplainToIco />
          </p>
          <p class="cookie-note">This privacy centre sets one cookie, only to keep you signed in. Nothing here tracks you.</p>
        </footer>
      )}
    </>
  );
}

/** "complain to the Information Commissioner’s Office (ICO): …", ending a sentence: the page's one copy of the ICO's details. */
export const ComplainToIco = () => (
  <>
    complain to the Information Commissioner’s Office (ICO):{' '}
    <a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a> or 0303 123 1113.
  </>
);
