import { keyedHash, normaliseEmail } from '../crypto.ts';
import type { DataRecord } from '../entities.ts';

/**
 * How the suppression list is keyed. Each tenant has its own suppression key, derived from the
 * centre's HASH_KEY: the tenant's mail tools are given it (with the list, over the signed mailer
 * API) so that they can hash their own addresses the same way and match them, and it opens no
 * other tenant's list and none of the centre's other keyed hashes.
 *
 *   entry = hex(HMAC-SHA256(suppressionKey, "email:" + address trimmed and lowercased))
 *   entry = hex(HMAC-SHA256(suppressionKey, "phone:" + the number's digits))   (10 digits or more)
 */
export const suppressionKey = (hashKey: string, tenant: string) => keyedHash(hashKey, `suppression-key:v2:${tenant}`);

export const emailEntry = (key: string, email: string) => keyedHash(key, `email:${normaliseEmail(email)}`);
export const phoneDigits = (value: string) => value.replace(/\D/g, '');
export const phoneEntry = (key: string, digits: string) => keyedHash(key, `phone:${digits}`);

/** Keyed hashes of the addresses a subject can be reached at, for the suppression list. */
export function suppressionHashes(hashKey: string, tenant: string, email: string, identity?: DataRecord): string[] {
  const key = suppressionKey(hashKey, tenant);
  const hashes = email ? [emailEntry(key, email)] : [];
  for (const [field, value] of Object.entries(identity?.data ?? {})) {
    const digits = phoneDigits(String(value));
    if (/phone|mobile/i.test(field) && digits.length >= 10) hashes.push(phoneEntry(key, digits));
  }
  return hashes;
}

/**
 * The entries written before the list had a per-tenant key (keyed with HASH_KEY itself). They are
 * still checked and still lifted, so no earlier objection is forgotten, but a mail tool cannot
 * match them: only the may-we-send call answers for them.
 */
export function legacySuppressionHashes(hashKey: string, tenant: string, email: string, identity?: DataRecord): string[] {
  const hashes = email ? [keyedHash(hashKey, `suppress:${tenant}:email:${normaliseEmail(email)}`)] : [];
  for (const [field, value] of Object.entries(identity?.data ?? {})) {
    const digits = phoneDigits(String(value));
    if (/phone|mobile/i.test(field) && digits.length >= 10) hashes.push(keyedHash(hashKey, `suppress:${tenant}:phone:${digits}`));
  }
  return hashes;
}
