import type { TenantConfig } from '../policy/schema.ts';
import type { RelationshipKind } from '../vocabulary.ts';

/**
 * Whom the PECR soft opt-in (reg. 22(3)) reaches: under legitimate interests, a customer (details
 * obtained in the course of a sale), and an enquirer only where the tenant declares that its
 * enquiries are negotiations for a sale. Anyone else (an applicant, a client's staff member, a
 * person of unknown kind) hears nothing until they opt in.
 */
export function softOptInAs(config: TenantConfig, kind: RelationshipKind | undefined): 'customer' | 'prospect' | null {
  if (config.marketing.lawfulBasis !== 'legitimate-interests') return null;
  if (kind === 'customer') return 'customer';
  if (kind === 'prospect' && config.marketing.softOptInProspects) return 'prospect';
  return null;
}

/**
 * The default of one channel × topic while the person has made no choice: on only under the soft
 * opt-in, only for the organisation's own similar products, and only by electronic mail (email,
 * SMS). Phone: only where the tenant records how it screens numbers against the TPS (reg. 21).
 * Post is not covered by the soft opt-in: off until they say yes.
 */
export function defaultGranted(
  config: TenantConfig,
  kind: RelationshipKind | undefined,
  channel: string,
  topicId: string,
): boolean {
  if (!softOptInAs(config, kind)) return false;
  if (!config.marketing.topics.find((t) => t.id === topicId)?.similarProducts) return false;
  if (channel === 'email' || channel === 'sms') return true;
  if (channel === 'phone') return Boolean(config.marketing.tpsScreening);
  return false;
}

/** May a ledger entry from the soft opt-in switch this cell on? Only where the default itself would be on. */
export const softOptInHolds = defaultGranted;

/** The sentence above the person's switches: what the default is for them, in words that fit who they are. */
export function marketingIntro(config: TenantConfig, kind: RelationshipKind | undefined): string {
  const as = softOptInAs(config, kind);
  if (config.marketing.lawfulBasis === 'consent' || !as) {
    return 'We only send you what you have switched on below: that is your consent, and you can take it back at any time.';
  }
  const names: Record<string, string> = { email: 'email', sms: 'text message', phone: 'phone' };
  const by = config.marketing.channels
    .filter((ch) => config.marketing.topics.some((t) => defaultGranted(config, kind, ch, t.id)))
    .map((ch) => names[ch] ?? ch);
  if (by.length === 0) return marketingIntro({ ...config, marketing: { ...config.marketing, lawfulBasis: 'consent' } }, kind);
  const what = `we may contact you by ${by.join(' or ')} about our own services like those`;
  return as === 'customer'
    ? `As an existing customer, ${what} you already have unless you say no (the “soft opt-in”): switch off anything you do not want.`
    : `Because you asked us about our services, ${what} you asked about unless you say no (the “soft opt-in”): switch off anything you do not want.`;
}
