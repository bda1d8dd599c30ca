import { formatUkDate } from '../../dates.ts';
import type { TenantConfig } from '../../policy/schema.ts';
import { type RenderedEmail, renderEmail } from './simple-email.tsx';

export type { RenderedEmail };

const contactLine = (tenant: TenantConfig) => `Questions: ${tenant.contact.email}.`;

/** The sign-in email. The link carries the token in its fragment, so no server log sees it. */
export function signInLinkEmail(tenant: TenantConfig, link: string, minutes: number): RenderedEmail {
  return renderEmail(tenant, {
    subject: `Your sign-in link for the ${tenant.name} privacy centre`,
    lead: [`Here is your link to see the information ${tenant.name} holds about you:`],
    button: { href: link, label: 'Open my privacy centre' },
    after: [`The link works once, for ${minutes} minutes. On the page it opens, press "Confirm sign-in".`],
    footer: `You received this because someone asked to sign in to the ${tenant.name} privacy centre with this address. If it was not you, ignore this email: nothing happens without the link. ${contactLine(tenant)}`,
  });
}

export function emailChangeLinkEmail(tenant: TenantConfig, link: string, minutes: number): RenderedEmail {
  return renderEmail(tenant, {
    subject: `Confirm your new email address for ${tenant.name}`,
    lead: [`You asked ${tenant.name} to use this address from now on. To confirm it, open this link:`],
    button: { href: link, label: 'Confirm my new address' },
    after: [`The link works once, for ${minutes} minutes. Until you confirm, we keep using your old address.`],
    footer: `If you did not ask for this, ignore this email and nothing changes. ${contactLine(tenant)}`,
  });
}

export function emailChangedNoticeEmail(tenant: TenantConfig, newEmail: string): RenderedEmail {
  const [user = '', domain = ''] = newEmail.split('@');
  const masked = `${user.slice(0, 2)}${'•'.repeat(Math.max(1, user.length - 2))}@${domain}`;
  return renderEmail(tenant, {
    subject: `Your email address at ${tenant.name} was changed`,
    lead: [
      `The email address ${tenant.name} holds for you was changed to ${masked}. We will no longer use this address.`,
      `If you did not do this, contact ${tenant.contact.email} straight away.`,
    ],
    footer: contactLine(tenant),
  });
}

export function correctionReceivedEmail(
  tenant: TenantConfig,
  reference: string,
  dueOn: string,
  fieldLabel: string,
): RenderedEmail {
  return renderEmail(tenant, {
    subject: `We have your correction request ${reference}`,
    lead: [
      `Thank you. We have received your request to correct "${fieldLabel}" (reference ${reference}).`,
      `We will reply by ${formatUkDate(dueOn)} at the latest, as the law requires. Requests are free of charge.`,
      'You can follow it on your privacy centre page.',
    ],
    footer: `If you are unhappy with how we handle it, you can complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint or 0303 123 1113. ${contactLine(tenant)}`,
  });
}

/** A sample marketing email, with RFC 8058 one-click unsubscribe. */
export function marketingEmail(
  tenant: TenantConfig,
  topicId: string,
  unsubscribeUrl: string,
  preferencesUrl: string,
): RenderedEmail {
  const topic = tenant.marketing.topics.find((t) => t.id === topicId);
  const email = renderEmail(tenant, {
    subject: `${tenant.name}: ${topic?.name ?? topicId}`,
    lead: [
      `This is a sample ${topic?.name.toLowerCase() ?? topicId} email from ${tenant.name}.`,
      topic?.description ?? '',
    ].filter(Boolean),
    after: [
      `Unsubscribe from ${topic?.name ?? topicId} with one click: ${unsubscribeUrl}`,
      `Choose what you hear about: ${preferencesUrl}`,
    ],
    footer: `You receive this because your preferences at ${tenant.name} allow it. ${contactLine(tenant)}`,
  });
  return {
    ...email,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
