import { keyedHash, normaliseEmail } from '../crypto.ts';
import type { DataRecord } from '../entities.ts';
import type { HashKeys, HashKeyVersion } from '../hash-keys.ts';

/**
 * How the suppression list is keyed. Each tenant has its own suppression key for each version
 * of HASH_KEY (HMAC(k<N>, "suppression-key:v2:<tenant>")): the tenant's mail tools are given
 * them (with the list, over the signed mailer API) so that they can hash their own addresses the
 * same way and match them; they open no other tenant's list and none of the centre's other keyed
 * hashes. Like HASH_KEY's own hashes (shared/hash-keys.ts), a later version hashes the previous
 * version's entry, so the re-key job can move an entry to a new version without the address:
 *
 *   version 1: hex(HMAC-SHA256(key 1, "email:" + address trimmed and lowercased))
 *              hex(HMAC-SHA256(key 1, "phone:" + the number's digits))   (10 digits or more)
 *   version N: hex(HMAC-SHA256(key N, the version N-1 entry))
 *
 * Stored as `s<N>:<hex>`, which tells them apart from the entries written before the list had a
 * per-tenant key (HASH_KEY's hashes of `suppress:<tenant>:email:<address>`, bare or `k<N>:`) and
 * from erasure markers: those are still checked and lifted, so no earlier objection is forgotten,
 * but a mail tool cannot match them (only the may-we-send call answers for them).
 */
const ENTRY = /^s(\d+):([0-9a-f]{64})$/;
const stored = (version: number, hex: string) => `s${version}:${hex}`;

/** The tenant's suppression key of every HASH_KEY version, 1..n. */
export const suppressionKeys = (keys: HashKeys, tenant: string): HashKeyVersion[] => keys.derived(`suppression-key:v2:${tenant}`);

export const emailValue = (email: string) => `email:${normaliseEmail(email)}`;
export const phoneDigits = (value: string) => value.replace(/\D/g, '');
export const phoneValue = (digits: string) => `phone:${digits}`;

/** A value's entry hex under each version 1..`upTo` (default: every version), as a mail tool computes it. */
export function entryChain(tenantKeys: HashKeyVersion[], value: string, upTo = tenantKeys.length): string[] {
  const hexes: string[] = [];
  for (const { key } of tenantKeys.slice(0, upTo)) hexes.push(keyedHash(key, hexes.at(-1) ?? value));
  return hexes;
}

/** Whether a stored suppression hash is a per-tenant entry (the re-key job re-derives these with the tenant's keys). */
export const isTenantEntry = (hash: string) => ENTRY.test(hash);

/** The value's entry under the current version: what writes store. */
export function suppressionEntry(keys: HashKeys, tenant: string, value: string): string {
  return stored(keys.current, entryChain(suppressionKeys(keys, tenant), value, keys.current).at(-1)!);
}

/** The value's entry under every version, the current first: what a look-up tries (an entry not yet re-keyed still counts). */
export function entryLookups(keys: HashKeys, tenant: string, value: string): string[] {
  const hexes = entryChain(suppressionKeys(keys, tenant), value);
  const versions = hexes.map((_, i) => i + 1).filter((v) => v !== keys.current);
  return [keys.current, ...versions].map((v) => stored(v, hexes[v - 1]!));
}

/** A per-tenant entry moved to the current version; undefined if it is current already or not a per-tenant entry. */
export function rekeySuppressionEntry(keys: HashKeys, tenant: string, entry: string): string | undefined {
  const match = entry.match(ENTRY);
  if (!match) return undefined;
  const version = Number(match[1]);
  if (version >= keys.current) return undefined;
  const tenantKeys = suppressionKeys(keys, tenant);
  let hex = match[2]!;
  for (let v = version + 1; v <= keys.current; v++) hex = keyedHash(tenantKeys[v - 1]!.key, hex);
  return stored(keys.current, hex);
}

/** A stored per-tenant entry as its version and hex (for the mailer's list). */
export function parseEntry(entry: string): { version: number; hex: string } | undefined {
  const match = entry.match(ENTRY);
  return match ? { version: Number(match[1]), hex: match[2]! } : undefined;
}

/** What is hashed for each address a subject can be reached at: the email, and every phone number of 10 digits or more. */
function addresses(email: string, identity?: DataRecord): { email?: string; phone?: string }[] {
  const found: { email?: string; phone?: string }[] = email ? [{ email: normaliseEmail(email) }] : [];
  for (const [field, value] of Object.entries(identity?.data ?? {})) {
    const digits = phoneDigits(String(value));
    if (/phone|mobile/i.test(field) && digits.length >= 10) found.push({ phone: digits });
  }
  return found;
}

const tenantValue = (a: { email?: string; phone?: string }) => (a.email ? emailValue(a.email) : phoneValue(a.phone!));
const legacyValue = (tenant: string, a: { email?: string; phone?: string }) =>
  a.email ? `suppress:${tenant}:email:${a.email}` : `suppress:${tenant}:phone:${a.phone}`;

/** The entries (current version) of the addresses a subject can be reached at: what the suppression list stores. */
export function suppressionHashes(keys: HashKeys, tenant: string, email: string, identity?: DataRecord): string[] {
  return addresses(email, identity).map((a) => suppressionEntry(keys, tenant, tenantValue(a)));
}

/**
 * For each address, the hashes a look-up tries: its per-tenant entry under every version, then
 * the entry written before the per-tenant key (HASH_KEY's current and previous versions).
 */
export function suppressionLookups(keys: HashKeys, tenant: string, email: string, identity?: DataRecord): string[][] {
  return addresses(email, identity).map((a) => [
    ...entryLookups(keys, tenant, tenantValue(a)),
    ...keys.lookups(legacyValue(tenant, a)),
  ]);
}

/** The look-ups of one address on a channel: email by its address, phone and SMS by the number's digits; post is not hashed. */
export function addressLookups(keys: HashKeys, tenant: string, channel: string, address: string): string[] | undefined {
  if (channel === 'email') return suppressionLookups(keys, tenant, address)[0];
  if (channel === 'phone' || channel === 'sms') {
    const digits = phoneDigits(address);
    if (digits.length < 10) return undefined;
    return [...entryLookups(keys, tenant, phoneValue(digits)), ...keys.lookups(`suppress:${tenant}:phone:${digits}`)];
  }
  return undefined;
}
