import { keyedHash } from './crypto.ts';

/** One version of HASH_KEY. Version 1 is the key the centre started with. */
export interface HashKeyVersion {
  version: number;
  key: string;
}

/**
 * HASH_KEY, versioned, so it can be rotated. A stored keyed hash cannot be recomputed from what
 * it hashed (an erased person's address is gone; that is the point of hashing it), so a new
 * version hashes the previous version's hash: v1 = HMAC(k1, value), vN = HMAC(kN, v(N-1)).
 * Re-keying a stored hash then needs only the hash, and a table read after re-keying cannot be
 * matched against guessed addresses without the newest key. Every key of the chain stays in the
 * secret. Stored form: version 1 bare (64 hex characters, as before versions existed), later
 * versions as `k<N>:<hex>`.
 *
 * The current version (what writes use) may be below the newest key the ring holds: a key added
 * but not yet current is looked up, never written, so every function knows it before any writes
 * under it (README, "Rotating HASH_KEY").
 */
export interface HashKeys {
  /** The version new hashes are written under. */
  readonly current: number;
  /** The value's hash under the current version: what writes store. */
  hash(value: string): string;
  /** The hashes a look-up tries, in order: current, previous (until the re-key job has run), then any newer key not yet current. */
  lookups(value: string): string[];
  /** The value's hash under every version, newest first (ids made before any number of rotations). */
  every(value: string): string[];
  /** The version a stored hash was made under. */
  versionOf(stored: string): number;
  /** The stored hash moved to the current version; undefined if it is current (or of an unknown version). */
  rekey(stored: string): string | undefined;
  /** Each version's key, the current one first, for values sealed (not hashed) under HASH_KEY: unsubscribe links. */
  sealingKeys(): string[];
  /**
   * A key of each version derived for one purpose (HMAC(k<N>, purpose)), versions 1..n: a key
   * that can be handed out (a tenant's suppression key) without handing out HASH_KEY.
   */
  derived(purpose: string): HashKeyVersion[];
}

const PREFIX = /^k(\d+):([0-9a-f]{64})$/;
const stored = (version: number, hex: string) => (version === 1 ? hex : `k${version}:${hex}`);

/** The key ring from its versions (any order; a bare string is version 1 alone), writing under `currentVersion` (default: the newest). */
export function hashKeys(keys: string | HashKeyVersion[], currentVersion?: number): HashKeys {
  const versions = (typeof keys === 'string' ? [{ version: 1, key: keys }] : [...keys]).sort((a, b) => a.version - b.version);
  versions.forEach((v, i) => {
    if (v.version !== i + 1) throw new Error(`HASH_KEY versions must run 1..n without a gap (found ${v.version} at ${i + 1}).`);
  });
  if (versions.length === 0) throw new Error('HASH_KEY has no version.');
  const newest = versions.length;
  const current = currentVersion ?? newest;
  if (!Number.isInteger(current) || current < 1 || current > newest) {
    throw new Error(`HASH_KEY holds versions 1..${newest}: version ${current} cannot be current.`);
  }
  const key = (version: number) => versions[version - 1]!.key;
  /** The hex of each version, 1..n. */
  const chain = (value: string) => {
    const hexes = [keyedHash(key(1), value)];
    for (let v = 2; v <= newest; v++) hexes.push(keyedHash(key(v), hexes[v - 2]!));
    return hexes;
  };
  const versionOf = (hash: string) => Number(hash.match(PREFIX)?.[1] ?? 1);
  return {
    current,
    hash: (value) => stored(current, chain(value)[current - 1]!),
    lookups: (value) => {
      const hexes = chain(value);
      const order = [current, ...(current > 1 ? [current - 1] : []), ...hexes.map((_, i) => i + 1).filter((v) => v > current)];
      return order.map((v) => stored(v, hexes[v - 1]!));
    },
    every: (value) =>
      chain(value)
        .map((hex, i) => stored(i + 1, hex))
        .reverse(),
    versionOf,
    rekey(hash) {
      const version = versionOf(hash);
      if (version >= current) return undefined;
      let hex = hash.match(PREFIX)?.[2] ?? hash;
      if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
      for (let v = version + 1; v <= current; v++) hex = keyedHash(key(v), hex);
      return stored(current, hex);
    },
    sealingKeys: () => [
      key(current),
      ...versions
        .filter((v) => v.version !== current)
        .map((v) => v.key)
        .reverse(),
    ],
    derived: (purpose) => versions.map((v) => ({ version: v.version, key: keyedHash(v.key, purpose) })),
  };
}

/**
 * HASH_KEY as the secret holds it: a bare key (version 1, the secret as first generated) or, once
 * a key is added, `{"keys": {"1": "...", ..., "N": "..."}}`. Every key at least 32 characters.
 * Which version is current is the deployment's choice (HASH_KEY_VERSION), not the secret's.
 */
export function parseHashKeySecret(raw: string): HashKeyVersion[] {
  const text = raw.trim();
  if (!text.startsWith('{')) return [{ version: 1, key: checked(text, 1) }];
  let parsed: { keys?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('HASH_KEY looks like JSON but does not parse.');
  }
  const keys = parsed.keys as Record<string, unknown> | undefined;
  if (!keys || typeof keys !== 'object' || Object.keys(keys).length === 0) {
    throw new Error('HASH_KEY JSON must be {"keys": {"1": "...", ..., "N": "..."}}.');
  }
  const count = Object.keys(keys).length;
  return Array.from({ length: count }, (_, i) => {
    const key = keys[String(i + 1)];
    if (typeof key !== 'string')
      throw new Error(`HASH_KEY JSON has no key ${i + 1} (every version stays: later ones hash earlier ones).`);
    return { version: i + 1, key: checked(key, i + 1) };
  });
}

function checked(key: string, version: number): string {
  if (key.length < 32) throw new Error(`HASH_KEY version ${version} must be at least 32 characters.`);
  return key;
}

/** The secret's next value: the same keys and a new one, the next version (current once the deployment says so). */
export function nextHashKeySecret(raw: string, newKey: string): string {
  const old = parseHashKeySecret(raw);
  const versions = [...old, { version: old.length + 1, key: checked(newKey, old.length + 1) }];
  return JSON.stringify({ keys: Object.fromEntries(versions.map((v) => [String(v.version), v.key])) });
}
