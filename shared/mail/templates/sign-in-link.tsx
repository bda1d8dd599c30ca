import { render } from 'preact-render-to-string';
import type { TenantConfig } from '../../policy/schema.ts';
import { EmailLayout } from './layout.tsx';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The sign-in email. The link carries the token in its fragment, so no server log sees it. */
export function signInLinkEmail(tenant: TenantConfig, link: string, minutes: number): RenderedEmail {
  const footer = `You received this because someone asked to sign in to the ${tenant.name} privacy centre with this address. If it was not you, ignore this email: nothing happens without the link. Questions: ${tenant.contact.email}.`;
  const html = render(
    <EmailLayout brand={tenant.name} footer={footer}>
      <p>Here is your link to see the information {tenant.name} holds about you.</p>
      <p>
        <a
          href={link}
          style="display: inline-block; background: #0b5cad; color: #ffffff; padding: 12px 20px; text-decoration: none; border-radius: 4px;"
        >
          Open my privacy centre
        </a>
      </p>
      <p>The link works once, for {minutes} minutes. On the page it opens, press “Confirm sign-in”.</p>
    </EmailLayout>,
  );
  const text = [
    `Here is your link to see the information ${tenant.name} holds about you:`,
    '',
    link,
    '',
    `The link works once, for ${minutes} minutes. On the page it opens, press "Confirm sign-in".`,
    '',
    footer,
  ].join('\n');
  return { subject: `Your sign-in link for the ${tenant.name} privacy centre`, html: `<!doctype html>${html}`, text };
}
