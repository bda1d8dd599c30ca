import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { currentPreferences, setPreferences } from './preferences.ts';
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

/**
 * Whether the link has nothing left to do: the person's email choice on its topic is already off
 * (by this link, another way, or "stop all"), or the person is no longer here. Reads only.
 */
export async function alreadyUnsubscribed(deps: Deps, target: UnsubscribeTarget): Promise<boolean> {
  const subject = await deps.subjects.get(target.tenant.slug, target.subjectId);
  if (!subject || subject.erasedAt) return true;
  const state = currentPreferences(target.tenant, await deps.consents.list(target.tenant.slug, target.subjectId));
  return !state.cells.find((c) => c.channel === 'email' && c.topic === target.topic)?.granted;
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
