import type { ConsentEvent } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';

const channelWords: Record<string, string> = { email: 'by email', phone: 'by phone', sms: 'by text message', post: 'by post' };
const sourceWords: Record<string, string> = {
  portal: 'on this page',
  'unsubscribe-link': 'with the unsubscribe link in an email',
  staff: 'by our staff on your behalf',
  import: 'imported from our other records',
  'soft-opt-in': 'as an existing customer (soft opt-in)',
  'connected-system': 'by unsubscribing in one of our mailing tools',
};

/** One consent event in plain words, e.g. "You turned off Offers by email, with the unsubscribe link in an email." */
export function describeConsentEvent(config: TenantConfig, event: ConsentEvent): string {
  const how =
    event.source === 'connected-system' && event.sourceDetail
      ? `by unsubscribing in ${event.sourceDetail}`
      : (sourceWords[event.source] ?? event.source);
  if (event.channel === '*' && event.topic === '*') {
    return event.granted
      ? `Marketing was allowed again ${how}.`
      : `You stopped all marketing ${how}. We will not contact you for marketing unless you choose to hear from us again.`;
  }
  const topic = config.marketing.topics.find((t) => t.id === event.topic)?.name ?? event.topic;
  const channel = channelWords[event.channel] ?? event.channel;
  return `You turned ${event.granted ? 'on' : 'off'} ${topic} ${channel}, ${how}.`;
}
