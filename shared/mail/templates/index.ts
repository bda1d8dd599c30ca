import { formatUkDate } from '../../dates.ts';
import type { RequestEventType } from '../../entities.ts';
import type { TenantConfig } from '../../policy/schema.ts';
import type { RequestView } from '../../requests/view.ts';
import { complainHere } from './complaints.ts';
import { feeAndMergeTexts } from './fee-emails.ts';
import { type RenderedEmail, renderEmail } from './simple-email.tsx';

/** "the Acme privacy centre"; a name that already starts with "The" keeps its own ("The One Point privacy centre"). */
const theCentre = (tenant: Pick<TenantConfig, 'name'>) =>
  `${/^the\s/i.test(tenant.name) ? tenant.name : `the ${tenant.name}`} privacy centre`;

export type { RenderedEmail };

const contactLine = (tenant: TenantConfig) => `Questions: ${tenant.contact.email}.`;

/** The sign-in email. The link carries the token in its fragment, so no server log sees it. */
export function signInLinkEmail(tenant: TenantConfig, link: string, minutes: number): RenderedEmail {
  return renderEmail(tenant, {
    subject: `Your sign-in link for ${theCentre(tenant)}`,
    lead: [`Here is your link to see the information ${tenant.name} holds about you:`],
    button: { href: link, label: 'Open my privacy centre' },
    after: [`The link works once, for ${minutes} minutes. On the page it opens, press "Confirm sign-in".`],
    footer: `You received this because someone asked to sign in to ${theCentre(tenant)} with this address. If it was not you, ignore this email: nothing happens without the link. ${contactLine(tenant)}`,
  });
}

/** The staff sign-in email: the link, then a code from the authenticator app. */
export function staffSignInLinkEmail(tenant: TenantConfig, link: string, minutes: number): RenderedEmail {
  return renderEmail(tenant, {
    subject: `Staff sign-in link for ${theCentre(tenant)}`,
    lead: [`Here is your link to sign in to ${theCentre(tenant)} as staff:`],
    button: { href: link, label: 'Sign in as staff' },
    after: [
      `The link works once, for ${minutes} minutes. After it, you will need a code from your authenticator app (or one of your recovery codes).`,
    ],
    footer: `You received this because someone asked for a staff sign-in link with this address. If it was not you, ignore this email and tell your privacy centre admin. ${contactLine(tenant)}`,
  });
}

const roleText = {
  viewer: 'a viewer (you can read requests)',
  handler: 'a handler (you work requests)',
  admin: 'an admin (you work requests and manage staff)',
} as const;

/** A new member of staff: who added them, their role, and how to sign in the first time. */
export function staffInvitationEmail(
  tenant: TenantConfig,
  input: { role: keyof typeof roleText; invitedBy: string; link: string },
): RenderedEmail {
  return renderEmail(tenant, {
    subject: `You have been added as staff of ${theCentre(tenant)}`,
    lead: [
      `${input.invitedBy} added you as ${roleText[input.role]} of ${theCentre(tenant)}, where people ask what data is held about them and staff answer their requests.`,
      'To sign in, open the staff page and ask for a sign-in link with this address.',
    ],
    button: { href: input.link, label: 'Open the staff page' },
    after: [
      'The first time, you set up an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or 1Password): the page shows a QR code, and on the phone itself a link that opens the app. Keep the recovery codes it shows you.',
    ],
    footer: `You received this because an admin of ${theCentre(tenant)} added this address as staff. If you did not expect it, tell them or ${tenant.contact.email}.`,
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

/** Where to complain, as every request email says it (`complainHere`): to us, then to the ICO if still unhappy (DPA 2018 s.164A). */
const ico =
  "If you are unhappy with how we handle your request, you can complain to us; if you are still unhappy after our answer, you can complain to the Information Commissioner's Office (ICO): ico.org.uk/make-a-complaint or 0303 123 1113.";

/** The emails of a request's life: received, information needed, extended, completed, refused, withdrawn. */
export function requestUpdateEmail(
  tenant: TenantConfig,
  request: RequestView,
  event: RequestEventType,
  link: string,
  /** The person's account is gone (a whole erasure): no request page to point to. */
  accountErased = false,
): RenderedEmail {
  const ref = request.reference;
  const due = formatUkDate(request.dueOn);
  const what = request.kindName.toLowerCase();
  const last = [...request.history].reverse().find((h) => h.type === event);
  const complain = complainHere(tenant, accountErased ? null : `${link.split('/requests/')[0]}/complaints`);
  const texts: Partial<Record<RequestEventType, { subject: string; lead: string[] }>> = {
    ...feeAndMergeTexts(request, complain),
    // An objection to direct marketing is absolute and done at once (its completion follows):
    // no month to wait for.
    received:
      request.kind === 'objection' && request.details.processing === 'direct-marketing'
        ? {
            subject: `We have your objection to direct marketing, ${ref}`,
            lead: [
              `Thank you. We have received your objection to direct marketing, reference ${ref}.`,
              'It takes effect at once: we stop all direct marketing to you, by every channel. A second email confirms when that is done.',
            ],
          }
        : {
            subject: `We have your request ${ref}`,
            lead: [
              `Thank you. We have received your request (${what}), reference ${ref}.`,
              // The date can move (a question to the person, an extension): say so, not that it is fixed by law.
              `We will respond by ${due} at the latest. If we need to ask you something first, or need longer because the request is complex, we will tell you and give you the new date. Requests are free of charge.`,
            ],
          },
    'information-requested':
      last?.purpose === 'identity'
        ? {
            subject: `We need to confirm your identity for ${ref}`,
            lead: [
              `To go on with your request ${ref} we need this from you, to confirm who you are:`,
              last.message ?? '',
              'The one-month time limit starts again on the day we receive it (UK GDPR Article 12A). Answer on your request page.',
            ],
          }
        : {
            subject: `We need information from you for ${ref}`,
            lead: [
              `To go on with your request ${ref} we need this from you:`,
              last?.message ?? '',
              `${request.questionNote ?? ''} Answer on your request page.`.trim(),
            ],
          },
    // Their own answer may only say the proof is on its way: thank them for it, claim no more.
    'information-provided': last?.byYou
      ? {
          subject: `Thank you for your answer about ${ref}`,
          lead: [
            `We have your answer to our request to confirm your identity for your request ${ref}.`,
            request.clockNote,
            'If what we asked for is coming another way (by post, say), the time limit counts from the day it reaches us, and we will tell you that date.',
          ],
        }
      : {
          subject: `Thank you: we have what we needed for ${ref}`,
          lead: [`We have received the information to confirm your identity for your request ${ref}.`, request.clockNote],
        },
    extended: {
      subject: `More time is needed for ${ref}`,
      lead: [
        `We need more time for your request ${ref}. The new date is ${due}.`,
        `Why: ${request.extensionReason ?? last?.message ?? ''}`,
        request.clockNote,
        complain,
      ],
    },
    completed: {
      subject: `Your request ${ref} is complete`,
      lead: [
        `We have completed your request ${ref}.`,
        last?.message ?? '',
        // After a whole erasure they can no longer sign in: this letter is the whole result. A
        // partial one leaves their account, and its page.
        accountErased
          ? 'This letter is the complete result: please keep it. Your data is erased, so you can no longer sign in to see it on your request page.'
          : 'The result is on your request page.',
        complain,
        // Pointed to an earlier answer, no new one made: whether that is a refusal (Art. 12(5)) is
        // arguable, so the letter also names the remedy a refusal's must (Art. 12(4)).
        request.repeatOf ? 'You can also seek to enforce your rights through the courts.' : '',
      ],
    },
    refused: {
      subject: `Your request ${ref} was refused`,
      lead: [
        `We have refused your request ${ref}.`,
        `Why: ${last?.message ?? ''}`,
        `You have the right to complain about this decision to us: write to ${tenant.contact.email}${
          tenant.contact.dpo
            ? ` or to our data protection officer, ${tenant.contact.dpo.name}, at ${tenant.contact.dpo.email}`
            : ''
        }, or from your privacy centre: ${link.split('/requests/')[0]}/complaints.`,
        "You also have the right to complain to the Information Commissioner's Office (ICO), the UK's data protection regulator: ico.org.uk/make-a-complaint or 0303 123 1113.",
        'You can also seek to enforce your rights through the courts.',
      ],
    },
    withdrawn: {
      subject: `Your request ${ref} is withdrawn`,
      lead: [`Your request ${ref} is withdrawn, as you asked. You can make a new request at any time.`],
    },
  };
  const text = texts[event] ?? { subject: `Your request ${ref}`, lead: [`Your request ${ref} was updated.`] };
  // Said once: where the letter already tells them how to complain to the ICO, the footer does not repeat it.
  const toldOfIco = text.lead.some((p) => p.includes('ico.org.uk'));
  return renderEmail(tenant, {
    subject: text.subject,
    lead: text.lead.filter(Boolean),
    ...(accountErased ? {} : { button: { href: link, label: 'See my request' } }),
    footer: toldOfIco ? contactLine(tenant) : `${ico} ${contactLine(tenant)}`,
  });
}

/**
 * The daily list for handlers: overdue requests first, then those due within 7 days, then the
 * open requests whose search of a connected system failed. References only.
 */
export function deadlineDigestEmail(
  tenant: TenantConfig,
  lists: { overdue: DigestEntry[]; dueSoon: DigestEntry[]; failedSearches?: DigestEntry[] },
  links: { requests: string; complaints: string },
): RenderedEmail {
  const line = (i: DigestEntry) =>
    `${i.reference} (${i.kindName}): due ${formatUkDate(i.dueOn)}, ${i.daysLeft < 0 ? `${-i.daysLeft} days overdue` : `${i.daysLeft} days left`}`;
  const failed = lists.failedSearches ?? [];
  const all = [...lists.overdue, ...lists.dueSoon, ...failed];
  // Complaints to acknowledge are worked in the complaints tab: the button goes where the work is.
  const onlyComplaints = all.every((i) => i.complaint);
  const someComplaints = all.some((i) => i.complaint);
  const requests = (n: number) => `${n} request${n === 1 ? '' : 's'}`;
  return renderEmail(tenant, {
    subject: `${tenant.name} privacy centre: ${lists.overdue.length} overdue, ${lists.dueSoon.length} due within 7 days${
      failed.length ? `, ${requests(failed.length)} with a failed search` : ''
    }`,
    lead: [
      ...(lists.overdue.length ? [`Overdue (${lists.overdue.length}):`, ...lists.overdue.map(line)] : []),
      ...(lists.dueSoon.length ? [`Due within 7 days (${lists.dueSoon.length}):`, ...lists.dueSoon.map(line)] : []),
      ...(failed.length
        ? [
            `${requests(failed.length)} with a failed search of a connected system (retry it, or record what was found there by hand):`,
            ...failed.map(line),
          ]
        : []),
      ...(someComplaints && !onlyComplaints ? [`Complaints to acknowledge are in the complaints tab: ${links.complaints}`] : []),
    ],
    button: onlyComplaints
      ? { href: links.complaints, label: 'Open the complaints' }
      : { href: links.requests, label: 'Open the request queue' },
    footer: `You receive this daily as staff of ${theCentre(tenant)} while requests or complaints are due or overdue, or a search of a connected system has failed.`,
  });
}

/** One line of the staff digest: a request, or a complaint to acknowledge. */
interface DigestEntry {
  reference: string;
  kindName: string;
  dueOn: string;
  daysLeft: number;
  complaint?: true;
}

/** Art. 18(3): the subject is told before a restriction of their data is lifted. */
export function restrictionLiftingEmail(tenant: TenantConfig, reference: string, reason: string, link: string): RenderedEmail {
  return renderEmail(tenant, {
    subject: `We are going to lift the restriction on your data (${reference})`,
    lead: [
      `At your request (${reference}) we restricted the use of your data. We are now going to lift that restriction and use your data again as our privacy policy describes.`,
      `Why: ${reason}`,
      `If you disagree, reply to ${tenant.contact.email} straight away.`,
    ],
    button: { href: link, label: 'See my request' },
    footer: `${ico} ${contactLine(tenant)}`,
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
    links: [
      { href: unsubscribeUrl, label: `Unsubscribe from ${topic?.name ?? topicId} with one click` },
      { href: preferencesUrl, label: 'Choose what you hear about' },
    ],
    footer: `You receive this because your preferences at ${tenant.name} allow it. ${contactLine(tenant)}`,
  });
  return {
    ...email,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/**
 * The subject's export is ready: a link to their request page (never to the file, which needs
 * their session), and until when the download works.
 */
export function exportReadyEmail(
  tenant: TenantConfig,
  input: { reference: string; kind: 'access' | 'portability'; availableUntil: string; link: string },
): RenderedEmail {
  const what = input.kind === 'access' ? 'The copy of your data' : 'The data you gave us, to take elsewhere,';
  return renderEmail(tenant, {
    subject: `Your data is ready to download (${input.reference})`,
    lead: [
      `${what} that you asked for in request ${input.reference} is ready.`,
      'Sign in to your privacy centre and download it from your request page:',
    ],
    button: { href: input.link, label: 'See my request' },
    after: [
      `The download works until ${formatUkDate(input.availableUntil)}. After that, ask us for a new copy.`,
      'It is a ZIP file with your data as JSON and CSV, and a summary page explaining why we hold it and your rights.',
    ],
    footer: `${ico} ${contactLine(tenant)}`,
  });
}
