import { newId } from '../../shared/crypto.ts';
import { addDays, ukDate } from '../../shared/deadlines.ts';
import type { Deps } from '../../shared/deps.ts';
import type { DataRecord, RightsRequest } from '../../shared/entities.ts';
import { consentEvent, suppressionHashes } from '../../shared/marketing/preferences.ts';
import { STOP_ALL_WORDING } from '../../shared/marketing/stop-wording.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { dueOnFor } from '../../shared/requests/clock.ts';
import { runOnStart } from '../../shared/systems/request-run.ts';
import type { RequestKind } from '../../shared/vocabulary.ts';
import type { TenantBundle } from './tenant-bundles.ts';

/**
 * Seeds each tenant's demo subjects. Safe to run at every start: a subject whose email is
 * already known is left as it is. Returns how many subjects were created.
 */
export async function seedDemoData(deps: Deps, bundles: TenantBundle[]): Promise<number> {
  const now = deps.clock.now();
  const today = ukDate(now);
  let created = 0;
  for (const { config, demo } of bundles) {
    for (const [index, subject] of (demo?.subjects ?? []).entries()) {
      const id = newId();
      const records: DataRecord[] = subject.records.map((r) => ({
        id: newId(),
        category: r.category,
        recordedOn: addDays(today, -r.daysAgo),
        data: r.data,
      }));
      const made = await deps.subjects.create(
        {
          id,
          tenant: config.slug,
          email: subject.email,
          relationship: {
            startedOn: addDays(today, -subject.relationshipStartedDaysAgo),
            ...(subject.relationshipEndedDaysAgo !== undefined
              ? { endedOn: addDays(today, -subject.relationshipEndedDaysAgo) }
              : {}),
            ...(subject.relationshipKind ? { kind: subject.relationshipKind } : {}),
          },
          createdAt: now.toISOString(),
          version: 0,
        },
        records,
        { audit: [{ action: 'subject.seeded', actor: { type: 'system' }, subjectId: id, detail: { records: records.length } }] },
      );
      if (!made) continue;
      created++;
      const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
      const history = subject.marketing?.consents ?? [];
      const events = history.map((c) => consentEvent(config, at(c.daysAgo), c, c.source));
      const stopped = subject.marketing?.stoppedAllDaysAgo;
      if (stopped !== undefined) {
        events.push({
          ...consentEvent(config, at(stopped), { channel: '*', topic: '*', granted: false }, 'portal'),
          wording: STOP_ALL_WORDING,
        });
        const identity = records.find((r) => r.category === 'identity');
        await deps.suppressions.add(
          config.slug,
          suppressionHashes(deps.settings.hashKeys, config.slug, subject.email, identity),
          'objection to direct marketing',
          {
            audit: [{ action: 'marketing.suppressed', actor: { type: 'system' }, subjectId: id, detail: { seeded: true } }],
          },
        );
      }
      await deps.consents.append(config.slug, id, events, { audit: [] });
      const demoRequest = demoRequests[index];
      if (demoRequest) await seedRequest(deps, config, id, demoRequest);
    }
  }
  return created;
}

/**
 * A few open requests per tenant so the staff queue has something to show: one overdue, one
 * due within the week, one just in. Written directly (no acknowledgement emails).
 */
export const demoRequests: { kind: RequestKind; daysAgo: number; details: RightsRequest['details']; started?: boolean }[] = [
  // Of one category only: a person filing for everything is not making the same request again.
  { kind: 'access', daysAgo: 34, details: { scope: 'some' }, started: true },
  { kind: 'erasure', daysAgo: 26, details: { scope: 'everything', note: 'Please delete everything you hold about me.' } },
  { kind: 'rectification', daysAgo: 2, details: { fieldLabel: 'Job title', proposedValue: 'Operations manager' } },
];

async function seedRequest(deps: Deps, tenant: TenantConfig, subjectId: string, demo: (typeof demoRequests)[number]) {
  const at = new Date(deps.clock.now().getTime() - demo.daysAgo * 86_400_000);
  const receivedOn = ukDate(at);
  const clock = { extensionMonths: 0 as const, pausedDays: 0 };
  const history: RightsRequest['history'] = [
    { at: at.toISOString(), type: 'received', status: 'received', actor: { type: 'subject', id: subjectId } },
  ];
  if (demo.started) {
    history.push({
      at: new Date(at.getTime() + 86_400_000).toISOString(),
      type: 'started',
      status: 'in-progress',
      actor: { type: 'system' },
    });
  }
  const request: RightsRequest = {
    id: newId(),
    tenant: tenant.slug,
    subjectId,
    reference: await deps.requests.nextReference(tenant.slug, tenant.referencePrefix, receivedOn.slice(0, 4)),
    kind: demo.kind,
    status: demo.started ? 'in-progress' : 'received',
    receivedAt: at.toISOString(),
    receivedOn,
    dueOn: dueOnFor(tenant, receivedOn, clock),
    clock,
    details:
      demo.details.scope === 'some' && tenant.categories[0]
        ? { ...demo.details, categories: [tenant.categories[0].id], categoryNames: [tenant.categories[0].name] }
        : demo.details,
    history,
    version: 1,
  };
  // Started as staff would start it: with its search of the tenant's connected systems, which the
  // worker then runs (a started request with no search read as answered with none; a user trial).
  const run = demo.started ? runOnStart(tenant, request, history[1]!.at) : undefined;
  await deps.requests.create(request, {
    ...(run ? { systemRuns: [run] } : {}),
    audit: [
      {
        action: 'request.seeded',
        actor: { type: 'system' },
        subjectId,
        detail: { requestId: request.id, reference: request.reference },
      },
    ],
  });
}
