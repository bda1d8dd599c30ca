import { newId } from '../../shared/crypto.ts';
import { addDays, ukDate } from '../../shared/deadlines.ts';
import { consentEvent, suppressionHashes } from '../../shared/marketing/preferences.ts';
import type { DataRecord, Deps } from '../../shared/ports.ts';
import type { TenantBundle } from '../adapters/fs/tenant-files.ts';

/**
 * Seeds each tenant's demo subjects. Safe to run at every start: a subject whose email is
 * already known is left as it is. Returns how many subjects were created.
 */
export async function seedDemoData(deps: Deps, bundles: TenantBundle[]): Promise<number> {
  const now = deps.clock.now();
  const today = ukDate(now);
  let created = 0;
  for (const { config, demo } of bundles) {
    for (const subject of demo?.subjects ?? []) {
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
        events.push(consentEvent(config, at(stopped), { channel: '*', topic: '*', granted: false }, 'portal'));
        const identity = records.find((r) => r.category === 'identity');
        await deps.suppressions.add(
          config.slug,
          suppressionHashes(deps.settings.hashKey, config.slug, subject.email, identity),
          'objection to direct marketing',
          {
            audit: [{ action: 'marketing.suppressed', actor: { type: 'system' }, subjectId: id, detail: { seeded: true } }],
          },
        );
      }
      await deps.consents.append(config.slug, id, events, { audit: [] });
    }
  }
  return created;
}
