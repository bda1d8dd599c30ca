import { newId } from '../../../shared/crypto.ts';
import type { AuditEvent, AuditEventInput, ChainedAuditEvent, ChainHead } from '../../../shared/entities.ts';
import type { AuditTrail } from '../../../shared/ports.ts';

/** An audit event as the table holds it: unchained until a linker sets its link fields. */
export type StoredAuditEvent = AuditEvent & Partial<Pick<ChainedAuditEvent, 'seq' | 'prevHash' | 'hash' | 'personalDigest'>>;

export interface MemoryAuditTrail extends AuditTrail {
  /** Writes events unchained, as the effects of every state change do. */
  write(tenant: string, events: AuditEventInput[], at: string): void;
  /** The tenant's events as a scan of the table sees them, in write order: change one to tamper with it. */
  stored(tenant: string): StoredAuditEvent[];
  /** Deletes an event item, as someone with table access could. */
  deleteStored(tenant: string, id: string): void;
  /** The head item, as stored: change it to tamper with it. */
  storedHead(tenant: string): ChainHead | undefined;
  /** Deletes the head item, as someone with table access could. */
  deleteStoredHead(tenant: string): void;
  /**
   * The chain index lags the head (as a GSI can on AWS): the next `reads` reads of the chain do
   * not see the last `events` linked events yet.
   */
  lagChainIndex(reads: number, events: number): void;
  /** How often `link` was called and how often it lost. */
  readonly linkCalls: { won: number; lost: number };
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The audit trail in memory, with the DynamoDB adapter's semantics for what the chain relies on:
 * `link` moves the head only if it is still where the linker read it and every event exists and
 * is still unchained, all or nothing, else returns false; reads return fresh copies (nothing the
 * caller does to one changes the table); unchained events come oldest first by time, then id.
 */
export function memoryAuditTrail(): MemoryAuditTrail {
  const events = new Map<string, StoredAuditEvent[]>();
  const heads = new Map<string, ChainHead>();
  const linkCalls = { won: 0, lost: 0 };
  let lag = { reads: 0, events: 0 };
  const of = (tenant: string) => events.get(tenant) ?? events.set(tenant, []).get(tenant)!;
  const byTime = (a: StoredAuditEvent, b: StoredAuditEvent) => `${a.at}#${a.id}`.localeCompare(`${b.at}#${b.id}`);

  return {
    linkCalls,
    write(tenant, inputs, at) {
      for (const input of inputs) of(tenant).push({ id: newId(), tenant, at, ...copy(input) });
    },
    stored: (tenant) => of(tenant),
    deleteStored(tenant, id) {
      events.set(
        tenant,
        of(tenant).filter((e) => e.id !== id),
      );
    },
    storedHead: (tenant) => heads.get(tenant),
    deleteStoredHead(tenant) {
      heads.delete(tenant);
    },
    lagChainIndex(reads, count) {
      lag = { reads, events: count };
    },

    async head(tenant) {
      const head = heads.get(tenant);
      return head ? copy(head) : undefined;
    },

    async listUnchained(tenant, limit) {
      return copy(
        of(tenant)
          .filter((e) => e.seq === undefined)
          .sort(byTime)
          .slice(0, limit),
      );
    },

    async link(tenant, expected, links) {
      const last = links.at(-1);
      if (!last) return true;
      const head = heads.get(tenant);
      const headHolds = expected ? head?.seq === expected.seq && head.hash === expected.hash : head === undefined;
      const targets = links.map((link) => of(tenant).find((e) => e.id === link.id && e.at === link.at));
      if (!headHolds || targets.some((t) => !t || t.seq !== undefined)) {
        linkCalls.lost++;
        return false;
      }
      links.forEach((link, i) => {
        const { seq, prevHash, hash, personalDigest } = link;
        Object.assign(targets[i]!, { seq, prevHash, hash, personalDigest });
      });
      heads.set(tenant, { seq: last.seq, hash: last.hash });
      linkCalls.won++;
      return true;
    },

    async readChain(tenant, afterSeq, limit) {
      let chained = of(tenant).filter((e): e is ChainedAuditEvent => e.seq !== undefined);
      if (lag.reads > 0) {
        lag.reads--;
        const newest = Math.max(0, ...chained.map((e) => e.seq));
        chained = chained.filter((e) => e.seq <= newest - lag.events);
      }
      return copy(
        chained
          .filter((e) => e.seq > afterSeq)
          .sort((a, b) => a.seq - b.seq)
          .slice(0, limit),
      );
    },

    async listForSubject(tenant, subjectId) {
      return copy(
        of(tenant)
          .filter((e) => e.subjectId === subjectId)
          .sort(byTime),
      );
    },

    async removePersonal(tenant, list) {
      for (const event of list) {
        if (!event.personal) continue;
        const stored = of(tenant).find((e) => e.id === event.id && e.at === event.at);
        if (!stored) throw new Error(`removePersonal: no audit event ${event.id} (the condition check fails)`);
        delete stored.personal;
      }
    },

    async browse(tenant, q) {
      const key = (e: StoredAuditEvent) => `${e.at}#${e.id}`;
      const matching = of(tenant)
        .filter(
          (e) =>
            (q.subjectId === undefined || e.subjectId === q.subjectId) &&
            (!q.requestId || e.detail?.requestId === q.requestId) &&
            (!q.staff || (e.actor.type === 'staff' && e.actor.id === q.staff)) &&
            (!q.kindPrefix || e.action.startsWith(q.kindPrefix)) &&
            key(e) >= (q.fromAt ?? '0000') &&
            key(e) <= `${q.toAt ?? '9999'}\uffff` &&
            (!q.after || key(e) < q.after),
        )
        .sort((a, b) => byTime(b, a));
      const page = matching.slice(0, q.limit);
      const last = page.at(-1);
      return { events: copy(page), ...(matching.length > q.limit && last ? { next: key(last) } : {}) };
    },
  };
}
