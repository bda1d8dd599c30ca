import { LINK_TTL_SECONDS } from '../auth/sign-in.ts';
import { newSecret, sha256 } from '../crypto.ts';
import type { Clock, Mailer, OutboxMessage, OutboxStore, TenantDirectory, TokenStore } from '../ports.ts';
import { signInLinkEmail } from './templates/sign-in-link.tsx';

export interface DispatchDeps {
  tenants: TenantDirectory;
  tokens: TokenStore;
  outbox: OutboxStore;
  mailer: Mailer;
  clock: Clock;
  settings: { publicUrl: string; mailFrom: string };
}

/** How long one dispatcher holds a message before another may retry it. */
const LEASE_SECONDS = 60;

export type DispatchOutcome = 'sent' | 'skipped';

/**
 * Sends one outbox message: claim it, render it (minting a sign-in token where the template
 * needs one), send, mark sent. A message already sent or held by another dispatcher is skipped,
 * so a redelivered stream record never sends twice. Errors propagate so the caller retries.
 */
export async function dispatchMessage(deps: DispatchDeps, message: OutboxMessage): Promise<DispatchOutcome> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  if (message.status !== 'pending') return 'skipped';
  const claimed = await deps.outbox.claim(message.tenant, message.id, now, now + LEASE_SECONDS);
  if (!claimed) return 'skipped';
  const tenant = deps.tenants.get(message.tenant);
  if (!tenant) throw new Error(`outbox ${message.id}: unknown tenant ${message.tenant}`);
  const { template } = message.message;
  switch (template) {
    case 'sign-in-link': {
      const token = newSecret();
      await deps.tokens.put({
        tenant: tenant.slug,
        tokenHash: sha256(token),
        subjectId: message.message.subjectId,
        purpose: 'subject-sign-in',
        createdAt: new Date(now * 1000).toISOString(),
        expiresAt: now + LINK_TTL_SECONDS,
      });
      const link = `${deps.settings.publicUrl}/t/${tenant.slug}/verify#${token}`;
      const email = signInLinkEmail(tenant, link, LINK_TTL_SECONDS / 60);
      const { messageId } = await deps.mailer.send({ to: message.message.to, from: deps.settings.mailFrom, ...email });
      await deps.outbox.markSent(tenant.slug, message.id, messageId, now);
      return 'sent';
    }
    default: {
      const never: never = template;
      throw new Error(`outbox ${message.id}: unknown template ${String(never)}`);
    }
  }
}

/** Sends every pending message of every tenant (the recovery path and the local driver). */
export async function drainOutbox(deps: DispatchDeps): Promise<number> {
  let sent = 0;
  for (const tenant of deps.tenants.list()) {
    for (const message of await deps.outbox.listPending(tenant.slug, 100)) {
      if ((await dispatchMessage(deps, message)) === 'sent') sent++;
    }
  }
  return sent;
}
