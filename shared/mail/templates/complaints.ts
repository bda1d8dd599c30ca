import type { ComplaintViewT } from '../../complaints/complaint-api.ts';
import type { ComplaintEventType } from '../../complaints/model.ts';
import { formatUkDate } from '../../dates.ts';
import type { TenantConfig } from '../../policy/schema.ts';
import { type RenderedEmail, renderEmail } from './simple-email.tsx';

const icoLine =
  "If you are still unhappy once we have given you our outcome, you can complain to the Information Commissioner's Office (ICO), the UK's data protection regulator: ico.org.uk/make-a-complaint or 0303 123 1113.";

/**
 * The complaint emails (DPA 2018 s.164A): the acknowledgement, a question, the outcome. What the
 * person wrote is not repeated: the reference and the page are enough.
 */
export function complaintUpdateEmail(
  tenant: TenantConfig,
  c: ComplaintViewT,
  event: ComplaintEventType,
  link: string,
): RenderedEmail {
  const ref = c.reference;
  const last = [...c.history].reverse().find((h) => h.type === event);
  const texts: Partial<Record<ComplaintEventType, { subject: string; lead: string[] }>> = {
    acknowledged: {
      subject: `We have your complaint ${ref}`,
      lead: [
        `Thank you. We have received your complaint (${c.aboutText.toLowerCase()}), received on ${formatUkDate(c.receivedOn)}, reference ${ref}.`,
        last?.message ?? '',
        'We will look into it, make the enquiries it needs and tell you the outcome without undue delay. You can follow it on your complaint page.',
      ],
    },
    'information-requested': {
      subject: `We need more information about your complaint ${ref}`,
      lead: [`To look into your complaint ${ref} we need this from you:`, last?.message ?? '', 'Answer on your complaint page.'],
    },
    closed: {
      subject: `The outcome of your complaint ${ref}`,
      lead: [`We have finished looking into your complaint ${ref}. Our outcome:`, c.outcome ?? '', icoLine],
    },
  };
  const text = texts[event] ?? { subject: `Your complaint ${ref}`, lead: [`Your complaint ${ref} was updated.`] };
  return renderEmail(tenant, {
    subject: text.subject,
    lead: text.lead.filter(Boolean),
    button: { href: link, label: 'See my complaint' },
    footer: `Questions: ${tenant.contact.email}.`,
  });
}

/**
 * For the emails of rights requests: where to complain, here first, then the ICO. A person whose
 * account a whole erasure removed cannot sign in to the privacy centre, so they are given only the
 * address to write to (no link, found in a user trial: the link asked them to sign in).
 */
export const complainHere = (tenant: TenantConfig, link: string | null) =>
  `If you are unhappy with how we handled your request, you can complain to us ${link ? `in your privacy centre (${link}) or ` : ''}by writing to ${tenant.contact.email}; if you are still unhappy after our answer, you can complain to the Information Commissioner's Office (ICO): ico.org.uk/make-a-complaint or 0303 123 1113.`;
