import { seal, unseal } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { StaffMember } from '../entities.ts';
import { DomainError } from '../errors.ts';

/**
 * Staff TOTP secrets are sealed under TOTP_KEY, a key of their own that only the admin function
 * holds (it used to be derived from HASH_KEY, which every function holds). A seal names the key
 * that made it: `t1.` TOTP_KEY, `v1.` HASH_KEY (from before the split, read until re-sealed).
 */
const TOTP = 't1.';
const HASH = 'v1.';

type Settings = Pick<Deps['settings'], 'totpKey' | 'hashKeys'>;

function totpKey(settings: Settings): string {
  if (!settings.totpKey) throw new Error('No TOTP_KEY here: staff second factors are handled by the admin function.');
  return settings.totpKey;
}

/** Seals a TOTP secret under TOTP_KEY. */
export function sealTotp(settings: Settings, secret: string): string {
  return `${TOTP}${seal(totpKey(settings), secret).slice(HASH.length)}`;
}

/**
 * The TOTP secret inside a seal, and whether it should be sealed again under TOTP_KEY (it was
 * sealed under HASH_KEY, of any version the ring still holds). Throws for a seal no key opens.
 */
export function openTotp(settings: Settings, sealed: string): { secret: string; stale: boolean } {
  if (sealed.startsWith(TOTP)) return { secret: unseal(totpKey(settings), `${HASH}${sealed.slice(TOTP.length)}`), stale: false };
  if (!sealed.startsWith(HASH)) throw new Error('not a sealed TOTP secret');
  for (const key of settings.hashKeys.sealingKeys()) {
    try {
      return { secret: unseal(key, sealed), stale: true };
    } catch {
      // Sealed under another version: try the next one.
    }
  }
  throw new Error('no key opens this TOTP seal');
}

/**
 * A TOTP secret still sealed under HASH_KEY (from before TOTP_KEY existed) is sealed again
 * under TOTP_KEY once a code from it has worked. A change meanwhile leaves it for the next time.
 */
export async function resealTotp(
  deps: Pick<Deps, 'staff' | 'settings'>,
  member: StaffMember,
  secret: string,
  step: number,
): Promise<void> {
  try {
    await deps.staff.put(
      { ...member, totpSecret: sealTotp(deps.settings, secret), lastTotpStep: step, version: member.version + 1 },
      member.version,
      { audit: [{ action: 'staff.second_factor_resealed', actor: { type: 'system' }, detail: { staff: member.email } }] },
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
  }
}
