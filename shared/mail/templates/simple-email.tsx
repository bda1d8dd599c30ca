import { render } from 'preact-render-to-string';
import type { TenantConfig } from '../../policy/schema.ts';
import { EmailLayout } from './layout.tsx';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

export interface SimpleEmail {
  subject: string;
  /** Paragraphs before the button. */
  lead: string[];
  button?: { href: string; label: string };
  /** Paragraphs after the button. */
  after?: string[];
  /** Links after those, each a paragraph: words to press in HTML, the address written out in plain text. */
  links?: { href: string; label: string }[];
  footer: string;
}

/** One shape for every email: paragraphs, an optional button, a footer; HTML and plain text alike. */
export function renderEmail(tenant: TenantConfig, email: SimpleEmail): RenderedEmail {
  const html = render(
    <EmailLayout brand={tenant.name} footer={email.footer}>
      {email.lead.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {email.button && (
        <p>
          <a
            href={email.button.href}
            style="display: inline-block; background: #0b5cad; color: #ffffff; padding: 12px 20px; text-decoration: none; border-radius: 4px;"
          >
            {email.button.label}
          </a>
        </p>
      )}
      {(email.after ?? []).map((p) => (
        <p key={p}>{p}</p>
      ))}
      {(email.links ?? []).map((l) => (
        <p key={l.href}>
          <a href={l.href}>{l.label}</a>
        </p>
      ))}
    </EmailLayout>,
  );
  const text = [
    ...email.lead,
    ...(email.button ? [email.button.href] : []),
    ...(email.after ?? []),
    ...(email.links ?? []).map((l) => `${l.label}: ${l.href}`),
    email.footer,
  ].join('\n\n');
  return { subject: email.subject, html: `<!doctype html>${html}`, text };
}
