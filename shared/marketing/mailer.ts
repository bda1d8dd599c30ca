import { normaliseEmail } from '../crypto.ts';
import { parseCsv } from '../data-tools/csv.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { checkField } from '../profile/validate.ts';
import { defaultGranted } from './defaults.ts';
import { consentEvent, currentPreferences, mayWeSend, stopAllMarketing } from './preferences.ts';
import {
  addressLookups,
  emailValue,
  parseEntry,
  suppressionEntry,
  suppressionKeys,
  suppressionLookups,
} from './suppression-keys.ts';

/**
 * The centre's side of the MSP's mail tools (the signed mailer API): may we send to this address,
 * the suppression list, and opt-outs held in a CRM. Answers say yes or no and nothing more: an
 * address the centre does not know gets the tenant's default for someone it knows nothing about
 * (off: nobody unknown has the soft opt-in), the same "no" as a known person who said no.
 */

const offers = (tenant: TenantConfig, channel: string, topic: string) =>
  tenant.marketing.channels.includes(channel as never) && tenant.marketing.topics.some((t) => t.id === topic);

/** "May we send to this address on this channel and topic now?" */
export async function mayWeSendTo(
  deps: Deps,
  tenant: TenantConfig,
  input: { address: string; channel: string; topic: string },
): Promise<boolean> {
  if (!offers(tenant, input.channel, input.topic)) return false;
  const lookups = addressLookups(deps.settings.hashKeys, tenant.slug, input.channel, input.address);
  if (lookups && (await deps.suppressions.has(tenant.slug, lookups))) return false;
  if (input.channel === 'email') {
    const subjectId = await deps.subjects.findIdByEmail(tenant.slug, normaliseEmail(input.address));
    if (subjectId) return (await mayWeSend(deps, { tenant, subjectId, ...input })).allowed;
  }
  // Phone numbers are not looked up (people are found by email only): the default for a stranger.
  return defaultGranted(tenant, undefined, input.channel, input.topic);
}

/**
 * The tenant's suppression list, with what a mail tool needs to match its own addresses against
 * it: the tenant's key of each HASH_KEY version and the entries stored under it (after a
 * rotation, until the re-key job has run, some entries are still under an older version).
 */
export async function suppressionListFor(deps: Deps, tenant: TenantConfig) {
  const keys = deps.settings.hashKeys;
  const byVersion = new Map<number, string[]>();
  for (const stored of await deps.suppressions.list(tenant.slug)) {
    const entry = parseEntry(stored);
    if (entry) byVersion.set(entry.version, [...(byVersion.get(entry.version) ?? []), entry.hex]);
  }
  return {
    keying: {
      algorithm: 'HMAC-SHA256, hex',
      email: 'email:<address, trimmed and lowercased>',
      phone: 'phone:<the number’s digits only, e.g. 447700900123 or 07700900123 as held>',
      versions: 'version 1: HMAC(key 1, "email:…" or "phone:…"); version N: HMAC(key N, the version N-1 hex)',
    },
    current: keys.current,
    versions: suppressionKeys(keys, tenant.slug).map(({ version, key }) => ({
      version,
      key,
      hashes: (byVersion.get(version) ?? []).sort(),
    })),
  };
}

export interface OptOutReport {
  rows: number;
  applied: number;
  errors: { line: number; message: string }[];
}

const columns = ['address', 'channel', 'topic', 'date', 'source'] as const;

/**
 * Opt-outs held in a CRM, as CSV: `address,channel,topic,date,source` (channel and topic may be
 * `*` for all). For a person the centre knows by that email address, each opt-out goes on their
 * consent ledger (source `import`, dated the CRM's date, so a later choice of theirs still wins)
 * and "all by all" stops all marketing with suppression. Any other address is put on the
 * suppression list (the centre can hold no per-topic choice for someone it does not know, so it
 * errs on the side of sending nothing). The report counts rows, not people: it says nothing
 * about who is known.
 */
export async function importOptOuts(deps: Deps, tenant: TenantConfig, content: string): Promise<OptOutReport> {
  const parsed = parseCsv(content);
  if (!parsed.ok) throw new DomainError('bad_request', `Line ${parsed.line}: ${parsed.message}`);
  const [header, ...rows] = parsed.rows;
  const names = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  if (columns.some((c, i) => names[i] !== c)) {
    throw new DomainError('bad_request', `The first line must be the header ${columns.join(',')}`);
  }
  const today = ukDate(deps.clock.now());
  const report: OptOutReport = { rows: rows.length, applied: 0, errors: [] };
  for (const row of rows) {
    const [address = '', channel = '', topic = '', date = '', source = ''] = row.cells.map((c) => c.trim());
    const fail = (message: string) => report.errors.push({ line: row.line, message });
    const email = checkField({ label: 'Address', kind: 'email', required: true }, address);
    const channels = channel === '*' ? tenant.marketing.channels : [channel];
    const topics = topic === '*' ? tenant.marketing.topics.map((t) => t.id) : [topic];
    if (!channels.every((ch) => channel === '*' || tenant.marketing.channels.includes(ch as never)))
      fail(`${tenant.name} does not market by “${channel}”`);
    else if (!topics.every((t) => topic === '*' || tenant.marketing.topics.some((x) => x.id === t)))
      fail(`${tenant.name} has no topic “${topic}”`);
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today) fail('The date must be YYYY-MM-DD and not in the future');
    else if (!source || source.length > 100) fail('Say where the opt-out came from (up to 100 characters)');
    else if (!email.ok) fail(email.message);
    if (!email.ok || report.errors.at(-1)?.line === row.line) continue;
    await applyOptOut(deps, tenant, {
      email: email.value,
      channels,
      topics,
      all: channel === '*' && topic === '*',
      date,
      source,
    });
    report.applied++;
  }
  return report;
}

async function applyOptOut(
  deps: Deps,
  tenant: TenantConfig,
  o: { email: string; channels: readonly string[]; topics: string[]; all: boolean; date: string; source: string },
): Promise<void> {
  const slug = tenant.slug;
  const subjectId = await deps.subjects.findIdByEmail(slug, o.email);
  const subject = subjectId ? await deps.subjects.get(slug, subjectId) : undefined;
  const detail = { source: 'import', from: o.source.slice(0, 100) };
  if (!subject || subject.erasedAt) {
    const keys = deps.settings.hashKeys;
    if (await deps.suppressions.has(slug, suppressionLookups(keys, slug, o.email)[0]!)) return;
    await deps.suppressions.add(slug, [suppressionEntry(keys, slug, emailValue(o.email))], 'opt-out imported from a CRM', {
      audit: [{ action: 'marketing.suppressed', actor: { type: 'system' }, detail, personal: { email: o.email } }],
    });
    return;
  }
  if (o.all) {
    await stopAllMarketing(deps, { tenant, subjectId: subject.id, source: 'import' });
    return;
  }
  const at = `${o.date}T00:00:00.000Z`;
  const state = currentPreferences(tenant, await deps.consents.list(slug, subject.id), subject.relationship.kind);
  // Only cells the CRM's opt-out is newer than, and that are on (or still on the default).
  const fresh = state.cells
    .filter((c) => o.channels.includes(c.channel) && o.topics.includes(c.topic))
    .filter((c) => c.since === null || c.since < at)
    .filter((c) => c.granted || c.since === null)
    .map((c) => consentEvent(tenant, at, { channel: c.channel, topic: c.topic, granted: false }, 'import'));
  if (fresh.length === 0) return;
  await deps.consents.append(slug, subject.id, fresh, {
    audit: fresh.map((e) => ({
      action: 'marketing.withdrawn',
      actor: { type: 'system' as const },
      subjectId: subject.id,
      detail: { channel: e.channel, topic: e.topic, ...detail },
    })),
  });
}
