import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { setPreferences } from './preferences.ts';
import { openUnsubscribeToken } from './unsubscribe-token.ts';

export interface UnsubscribeTarget {
  tenant: TenantConfig;
  subjectId: string;
  topic: string;
  topicName: string;
}

/** Reads an unsubscribe link; a tampered, made-up or other tenant's token is refused. */
export function readUnsubscribeLink(deps: Deps, tenant: TenantConfig, token: string): UnsubscribeTarget {
  const payload = openUnsubscribeToken(deps.settings.hashKeys.sealingKeys(), token);
  const topic = tenant.marketing.topics.find((t) => t.id === payload?.topic);
  if (!payload || payload.tenant !== tenant.slug || !topic) {
    throw new DomainError('bad_request', 'This unsubscribe link is not valid. Nothing was changed.');
  }
  return { tenant, subjectId: payload.subjectId, topic: topic.id, topicName: topic.name };
}

/** One-click unsubscribe (RFC 8058): withdraws email marketing on the link's topic. Safe to repeat. */
export async function unsubscribe(deps: Deps, target: UnsubscribeTarget): Promise<void> {
  const subject = await deps.subjects.get(target.tenant.slug, target.subjectId);
  if (!subject) return; // erased since: there is nothing left to send to
  await setPreferences(deps, {
    tenant: target.tenant,
    subjectId: target.subjectId,
    changes: [{ channel: 'email', topic: target.topic, granted: false }],
    source: 'unsubscribe-link',
  });
}
