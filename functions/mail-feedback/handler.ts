import type { Deps } from '../../shared/deps.ts';
import { applyFeedback, decideFeedback } from '../../shared/mail/feedback.ts';

/** The slice of an SNS event the feedback handler reads: each message is one SES event record, as JSON. */
export interface SnsEvent {
  Records: { Sns: { MessageId?: string; Message: string } }[];
}

export interface FeedbackSummary {
  suppressed: number;
  already: number;
  ignored: number;
  skipped: number;
}

const log = (level: 'info' | 'warn', msg: string, fields: Record<string, unknown>) =>
  console.log(JSON.stringify({ level, msg, ...fields }));

/**
 * Bounces and complaints from the SES configuration set, through SNS: a permanent bounce or a
 * complaint suppresses the address for the tenant that sent the message. A message that can
 * never be acted on (not JSON, no or an unknown tenant tag) is logged and dropped, not retried;
 * a failure to write throws, so Lambda retries the event and then parks it on the failure queue.
 * Logs carry no address.
 */
export function feedbackHandler(deps: Deps) {
  return async (event: SnsEvent): Promise<FeedbackSummary> => {
    const summary: FeedbackSummary = { suppressed: 0, already: 0, ignored: 0, skipped: 0 };
    for (const record of event.Records ?? []) {
      const snsMessageId = record.Sns?.MessageId;
      let body: unknown;
      try {
        body = JSON.parse(record.Sns?.Message ?? '');
      } catch {
        body = undefined;
      }
      const decision = decideFeedback(body, (slug) => deps.tenants.get(slug) !== undefined);
      if (decision.action === 'skip') {
        summary.skipped++;
        log('warn', 'mail feedback skipped', { why: decision.why, tenant: decision.tenant, snsMessageId });
        continue;
      }
      if (decision.action === 'ignore') {
        summary.ignored++;
        log('info', 'mail feedback ignored', { why: decision.why, snsMessageId });
        continue;
      }
      const outcome = await applyFeedback(deps, decision);
      summary.suppressed += outcome.suppressed;
      summary.already += outcome.already;
      log('info', 'mail feedback applied', { tenant: decision.tenant, reason: decision.reason, ...outcome, snsMessageId });
    }
    return summary;
  };
}
