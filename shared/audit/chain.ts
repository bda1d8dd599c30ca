import { canonicalJson, sha256 } from '../crypto.ts';
import type { AuditEvent, ChainedAuditEvent, ChainHead } from '../entities.ts';
import type { AuditTrail } from '../ports.ts';

/** Events linked per transaction (each is one item, plus the head). */
const BATCH = 25;
const GENESIS = (tenant: string) => sha256(`privacy-centre audit chain genesis:${tenant}`);

export const personalDigestOf = (event: Pick<AuditEvent, 'personal'>) =>
  event.personal ? sha256(canonicalJson(event.personal)) : '';

/**
 * The hash of one link: the previous hash, the position, and everything the event says, except
 * its personal part, which counts by digest only (so erasure can remove it, visibly, without
 * breaking the chain).
 */
export function linkHash(event: AuditEvent, seq: number, prevHash: string, personalDigest: string): string {
  const { id, tenant, at, action, actor, subjectId, detail } = event;
  return sha256(`${prevHash}\n${seq}\n${canonicalJson({ id, tenant, at, action, actor, subjectId, detail, personalDigest })}`);
}

/**
 * Links the tenant's new audit events onto its chain, in the order they were written. Safe to
 * run anywhere, any time and concurrently: a linker that loses the race to move the head writes
 * nothing and tries again from the new head. Returns how many events it linked.
 */
export async function linkAuditTrail(trail: AuditTrail, tenant: string): Promise<number> {
  let linked = 0;
  for (let attempt = 0; attempt < 20; ) {
    const head = await trail.head(tenant);
    const events = await trail.listUnchained(tenant, BATCH);
    if (events.length === 0) return linked;
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS(tenant);
    const links = events.map((event): ChainedAuditEvent => {
      seq += 1;
      const personalDigest = personalDigestOf(event);
      const hash = linkHash(event, seq, prevHash, personalDigest);
      const link = { ...event, seq, prevHash, hash, personalDigest };
      prevHash = hash;
      return link;
    });
    if (await trail.link(tenant, head, links)) {
      linked += links.length;
    } else {
      // Lost the race, or the index still lists events linked a moment ago: back off and retry.
      attempt++;
      await new Promise((r) => setTimeout(r, attempt * 50 + Math.random() * 50));
    }
  }
  throw new Error(`audit chain of ${tenant}: could not link after 20 attempts`);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: ChainHead | null;
  firstBroken: { seq: number; id?: string; at?: string; problem: string } | null;
}

/**
 * Walks the chain from the start: positions must follow each other, each link must name the
 * hash before it, each hash must match what the event says now, and the head must be the last
 * link. Reports the first link that fails.
 */
export async function verifyAuditTrail(trail: AuditTrail, tenant: string): Promise<VerifyResult> {
  await linkAuditTrail(trail, tenant);
  const head = (await trail.head(tenant)) ?? null;
  let expectedSeq = 1;
  let prevHash = GENESIS(tenant);
  const broken = (seq: number, problem: string, event?: ChainedAuditEvent): VerifyResult => ({
    ok: false,
    checked: expectedSeq - 1,
    head,
    firstBroken: { seq, ...(event ? { id: event.id, at: event.at } : {}), problem },
  });
  for (let settle = 0; ; ) {
    const page = await trail.readChain(tenant, expectedSeq - 1, 500);
    for (const event of page) {
      if (event.seq !== expectedSeq) return broken(expectedSeq, `event #${expectedSeq} is missing`, event);
      if (event.prevHash !== prevHash) return broken(event.seq, 'it does not follow the event before it', event);
      if (event.personal && personalDigestOf(event) !== event.personalDigest) {
        return broken(event.seq, 'its personal data was changed', event);
      }
      if (linkHash(event, event.seq, event.prevHash, event.personalDigest) !== event.hash) {
        return broken(event.seq, 'its content was changed after it was written', event);
      }
      prevHash = event.hash;
      expectedSeq++;
    }
    if (page.length === 500) continue;
    // The index may lag the head by a moment on AWS: look again before calling a gap a gap.
    if ((head?.seq ?? 0) > expectedSeq - 1 && settle++ < 3) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    break;
  }
  const last = expectedSeq - 1;
  if ((head?.seq ?? 0) !== last || (head && head.hash !== prevHash)) {
    return broken(last + 1, `the chain head says #${head?.seq ?? 0} but the chain ends at #${last}: events were removed`);
  }
  return { ok: true, checked: last, head, firstBroken: null };
}
