import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface UnsubscribePayload {
  tenant: string;
  subjectId: string;
  topic: string;
}

const key = (hashKey: string) => createHmac('sha256', hashKey).update('unsubscribe-token-v1').digest();

/**
 * An opaque, authenticated token (AES-256-GCM): it reveals nothing and cannot be altered.
 * Sealed under the newest HASH_KEY version (`sealingKeys` comes newest first).
 */
export function sealUnsubscribeToken(sealingKeys: string[], payload: UnsubscribePayload): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(sealingKeys[0]!), iv);
  const body = Buffer.concat([
    cipher.update(JSON.stringify([payload.tenant, payload.subjectId, payload.topic]), 'utf8'),
    cipher.final(),
  ]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The payload of a genuine token, or undefined for anything tampered with or made up. Links in
 * emails sent before a HASH_KEY rotation still work: each version's key is tried, newest first.
 */
export function openUnsubscribeToken(sealingKeys: string[], token: string): UnsubscribePayload | undefined {
  for (const hashKey of sealingKeys) {
    const payload = openWith(hashKey, token);
    if (payload) return payload;
  }
  return undefined;
}

function openWith(hashKey: string, token: string): UnsubscribePayload | undefined {
  try {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length < 12 + 16 + 1 || raw.length > 1024) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key(hashKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    const [tenant, subjectId, topic] = JSON.parse(text) as string[];
    if (typeof tenant !== 'string' || typeof subjectId !== 'string' || typeof topic !== 'string') return undefined;
    return { tenant, subjectId, topic };
  } catch {
    return undefined;
  }
}
