import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { mayWeSend, type SendVerdict } from './preferences.ts';

export interface SampleSendReport {
  queued: number;
  skipped: Partial<Record<Extract<SendVerdict, { allowed: false }>['reason'], number>>;
}

/**
 * Queues a sample marketing email on `topic` to every subject of the tenant who may receive it
 * now (consenting or not objecting, and not suppressed). For trying the headers and the
 * one-click unsubscribe end to end.
 */
export async function sendSampleMarketing(deps: Deps, input: { tenant: TenantConfig; topic: string }): Promise<SampleSendReport> {
  const { tenant, topic } = input;
  if (!tenant.marketing.channels.includes('email'))
    throw new DomainError('bad_request', `${tenant.name} does not send marketing by email.`);
  if (!tenant.marketing.topics.some((t) => t.id === topic)) {
    const known = tenant.marketing.topics.map((t) => t.id).join(', ');
    throw new DomainError('bad_request', `${tenant.name} has no topic "${topic}". Topics: ${known}.`);
  }
  const report: SampleSendReport = { queued: 0, skipped: {} };
  for (const subjectId of await deps.subjects.listIds(tenant.slug)) {
    const verdict = await mayWeSend(deps, { tenant, subjectId, channel: 'email', topic });
    if (!verdict.allowed) {
      report.skipped[verdict.reason] = (report.skipped[verdict.reason] ?? 0) + 1;
      continue;
    }
    const subject = await deps.subjects.get(tenant.slug, subjectId);
    if (!subject) continue;
    await deps.audit.commit(tenant.slug, {
      audit: [{ action: 'marketing.sample_queued', actor: { type: 'system' }, subjectId, detail: { topic } }],
      mail: [{ template: 'marketing', to: subject.email, subjectId, topic }],
    });
    report.queued++;
  }
  return report;
}
