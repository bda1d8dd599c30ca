import type { Complaint } from '../../../shared/complaints/model.ts';
import type { ComplaintStore } from '../../../shared/complaints/ports.ts';
import type { Deps, TenantDirectory } from '../../../shared/deps.ts';
import type { ConsentEvent, DataRecord, Effects, RightsRequest, Subject } from '../../../shared/entities.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { BlobStore, ExportJob, ExportStore } from '../../../shared/exports/ports.ts';
import { type HashKeys, hashKeys } from '../../../shared/hash-keys.ts';
import { isTenantEntry } from '../../../shared/marketing/suppression-keys.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import type {
  AuditLog,
  ConsentStore,
  OutboxStore,
  RequestStore,
  SessionStore,
  SubjectStore,
  SuppressionStore,
  TokenStore,
} from '../../../shared/ports.ts';
import { attentionOf, type SystemRun, type SystemRunStore } from '../../../shared/systems/ports.ts';
import { type MemoryAuditTrail, memoryAuditTrail } from './audit-trail.ts';

/** What the in-memory stores hold, for a test to seed and to look at afterwards. */
export interface MemoryState {
  subjects: Map<string, Subject>;
  records: Map<string, DataRecord[]>;
  consents: Map<string, ConsentEvent[]>;
  /** Suppressed hash → reason, per tenant. */
  suppressions: Map<string, Map<string, string>>;
  requests: Map<string, RightsRequest>;
  /** Idempotency keys and open slots (tenant|subject|key) → the request id that holds them. */
  requestKeys: Map<string, string>;
  complaints: Map<string, Complaint>;
  /** Connected-system runs, by tenant|requestId. */
  systemRuns: Map<string, SystemRun>;
  exports: ExportJob[];
  blobs: Set<string>;
  /** Live sessions and link tokens, and unsent outbox messages, by the subject they belong to. */
  sessions: { tenant: string; subjectId: string }[];
  tokens: { tenant: string; subjectId: string }[];
  pendingMail: { tenant: string; subjectId: string }[];
}

export interface MemoryDeps {
  deps: Deps;
  state: MemoryState;
  trail: MemoryAuditTrail;
  /** The audit actions written so far for the tenant, in order. */
  actions(tenant: string): string[];
  /** Moves the clock on (each step of a story at its own time, as in life). */
  advance(seconds: number): Date;
}

const copy = <T>(value: T): T => structuredClone(value);
const key = (tenant: string, id: string) => `${tenant}|${id}`;

/**
 * A port that fails loudly when a test reaches a method it does not implement, rather than
 * accepting the call and doing nothing.
 */
function only<T extends object>(name: string, impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then') return undefined;
      throw new Error(`in-memory ${name}.${String(prop)} is not implemented: add it with the adapter's semantics`);
    },
  }) as T;
}

/**
 * The ports the marketing and erasure rules use, in memory, with the DynamoDB adapters' semantics
 * for what those rules rely on: every state change writes its audit events with it (all or
 * nothing); a request saved at a stale version is a conflict and changes nothing; the consent
 * ledger only grows; record deletes take at most 90; removing a subject with a tombstone keeps it
 * without its address; reads hand out copies.
 */
export function memoryDeps(tenant: TenantConfig, start: Date, hashKey: string | HashKeys = 'test-hash-key'): MemoryDeps {
  let now = start;
  const trail = memoryAuditTrail();
  const state: MemoryState = {
    subjects: new Map(),
    records: new Map(),
    consents: new Map(),
    suppressions: new Map(),
    requests: new Map(),
    requestKeys: new Map(),
    complaints: new Map(),
    systemRuns: new Map(),
    exports: [],
    blobs: new Set(),
    sessions: [],
    tokens: [],
    pendingMail: [],
  };
  const at = () => now.toISOString();
  /** A run asked for alongside a change is guarded by its version, as in the DynamoDB transaction: check before writing anything. */
  const checkRuns = (effects: Effects) => {
    for (const { run, expectedVersion } of effects.systemRuns ?? []) {
      if ((state.systemRuns.get(key(run.tenant, run.requestId))?.version ?? 0) !== expectedVersion)
        throw new DomainError('conflict', 'The search of connected systems was changed meanwhile.');
    }
  };
  /** A corrected record riding along is guarded by its subject's version, as in the DynamoDB transaction. */
  const checkRecords = (slug: string, effects: Effects) => {
    for (const { subjectId, expectedSubjectVersion } of effects.records ?? []) {
      if (state.subjects.get(key(slug, subjectId))?.version !== expectedSubjectVersion)
        throw new DomainError('conflict', 'These details were changed meanwhile.');
    }
  };
  const writeRecords = (slug: string, effects: Effects) => {
    for (const { subjectId, record } of effects.records ?? []) {
      const subject = state.subjects.get(key(slug, subjectId));
      if (subject) subject.version += 1;
      const list = state.records.get(key(slug, subjectId)) ?? [];
      state.records.set(
        key(slug, subjectId),
        list.map((r) => (r.id === record.id ? { ...r, data: copy(record.data) } : r)),
      );
    }
  };
  const commit = (slug: string, effects: Effects) => {
    checkRuns(effects);
    checkRecords(slug, effects);
    writeRecords(slug, effects);
    for (const { run } of effects.systemRuns ?? []) state.systemRuns.set(key(run.tenant, run.requestId), copy(run));
    return trail.write(slug, effects.audit, at());
  };
  const suppressed = (slug: string) => state.suppressions.get(slug) ?? state.suppressions.set(slug, new Map()).get(slug)!;
  const removeWhere = <T extends { tenant: string; subjectId: string }>(list: T[], slug: string, subjectId: string) => {
    const gone = list.filter((x) => x.tenant === slug && x.subjectId === subjectId);
    for (const x of gone) list.splice(list.indexOf(x), 1);
    return gone.length;
  };

  const subjects = only<SubjectStore>('subjects', {
    async get(slug, subjectId) {
      const subject = state.subjects.get(key(slug, subjectId));
      return subject ? copy(subject) : undefined;
    },
    async listRecords(slug, subjectId) {
      // In key order, as a query of the subject's partition returns them: by category, then id.
      return copy(state.records.get(key(slug, subjectId)) ?? []).sort((a, b) =>
        `${a.category}#${a.id}`.localeCompare(`${b.category}#${b.id}`),
      );
    },
    async deleteRecords({ tenant: slug, subjectId, records, effects }) {
      if (records.length > 90) throw new Error('deleteRecords: at most 90 records at once');
      const ids = new Set(records.map((r) => r.id));
      state.records.set(
        key(slug, subjectId),
        (state.records.get(key(slug, subjectId)) ?? []).filter((r) => !ids.has(r.id)),
      );
      commit(slug, effects);
    },
    async remove({ tenant: slug, subject, tombstone, effects }) {
      if (tombstone) {
        const { restriction: _r, objections: _o, ...kept } = subject;
        state.subjects.set(key(slug, subject.id), { ...kept, email: '', version: subject.version + 1, erasedAt: at() });
      } else {
        state.subjects.delete(key(slug, subject.id));
      }
      commit(slug, effects);
    },
  });

  const consents = only<ConsentStore>('consents', {
    async append(slug, subjectId, events, effects) {
      const ledger = state.consents.get(key(slug, subjectId)) ?? [];
      if (events.some((e) => ledger.some((x) => x.id === e.id))) throw new Error('append: a consent event is never replaced');
      state.consents.set(key(slug, subjectId), [...ledger, ...copy(events)]);
      commit(slug, effects);
    },
    async list(slug, subjectId) {
      return copy(state.consents.get(key(slug, subjectId)) ?? []).sort((a, b) =>
        `${a.at}#${a.id}`.localeCompare(`${b.at}#${b.id}`),
      );
    },
    async deleteAll(slug, subjectId) {
      const n = state.consents.get(key(slug, subjectId))?.length ?? 0;
      state.consents.delete(key(slug, subjectId));
      return n;
    },
  });

  const suppressions: SuppressionStore = {
    async add(slug, hashes, reason, effects) {
      for (const hash of hashes) suppressed(slug).set(hash, reason);
      commit(slug, effects);
    },
    async remove(slug, hashes, effects) {
      for (const hash of hashes) suppressed(slug).delete(hash);
      commit(slug, effects);
    },
    async has(slug, hashes) {
      return hashes.some((hash) => suppressed(slug).has(hash));
    },
    async list(slug) {
      return [...suppressed(slug).keys()].filter(isTenantEntry);
    },
  };

  const requestOf = (slug: string, subjectId: string, id: string | undefined) => {
    const r = id ? state.requests.get(key(slug, id)) : undefined;
    return r && r.subjectId === subjectId ? copy(r) : undefined;
  };
  const requests = only<RequestStore>('requests', {
    async get(slug, subjectId, requestId) {
      return requestOf(slug, subjectId, requestId);
    },
    async nextReference(slug, prefix, year) {
      const name = `${slug}|COUNTER#${year}`;
      const n = Number(state.requestKeys.get(name) ?? 0) + 1;
      state.requestKeys.set(name, String(n));
      return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
    },
    async findFiled(slug, subjectId, idempotencyKey) {
      return requestOf(slug, subjectId, state.requestKeys.get(`${slug}|${subjectId}|IDEMP#${idempotencyKey}`));
    },
    // As the DynamoDB adapter: the same idempotency key, or an open slot still held, returns its request.
    async create(request, effects, idempotencyKey, openSlot) {
      const { tenant: slug, subjectId } = request;
      const idem = idempotencyKey ? `${slug}|${subjectId}|IDEMP#${idempotencyKey}` : undefined;
      const slot = openSlot ? `${slug}|${subjectId}|OPEN#${openSlot.key}` : undefined;
      const holder = slot ? state.requestKeys.get(slot) : undefined;
      const replay = idem ? state.requestKeys.get(idem) : undefined;
      if (replay) return requestOf(slug, subjectId, replay) as RightsRequest;
      if (holder && !openSlot?.vacantIf.includes(holder)) return requestOf(slug, subjectId, holder) as RightsRequest;
      if (state.requests.has(key(slug, request.id))) throw new Error('create: the request exists');
      state.requests.set(key(slug, request.id), copy(request));
      if (idem) state.requestKeys.set(idem, request.id);
      if (slot) state.requestKeys.set(slot, request.id);
      commit(slug, effects);
      return copy(request);
    },
    async updateTogether(changes, effects) {
      for (const { request, expectedVersion } of changes) {
        if (state.requests.get(key(request.tenant, request.id))?.version !== expectedVersion)
          throw new DomainError('conflict', 'A request was changed meanwhile.');
      }
      for (const { request } of changes) state.requests.set(key(request.tenant, request.id), copy(request));
      if (changes[0]) commit(changes[0].request.tenant, effects);
    },
    async listForSubject(slug, subjectId) {
      return copy([...state.requests.values()].filter((r) => r.tenant === slug && r.subjectId === subjectId));
    },
    async update(request, expectedVersion, effects) {
      const stored = state.requests.get(key(request.tenant, request.id));
      if (!stored || stored.version !== expectedVersion) throw new DomainError('conflict', 'This request was changed meanwhile.');
      checkRuns(effects);
      checkRecords(request.tenant, effects);
      state.requests.set(key(request.tenant, request.id), copy(request));
      commit(request.tenant, effects);
    },
  });

  const complaints = only<ComplaintStore>('complaints', {
    async listForSubject(slug, subjectId) {
      return copy([...state.complaints.values()].filter((c) => c.tenant === slug && c.subjectId === subjectId));
    },
    async update(complaint, expectedVersion, effects) {
      const stored = state.complaints.get(key(complaint.tenant, complaint.id));
      if (!stored || stored.version !== expectedVersion)
        throw new DomainError('conflict', 'This complaint was changed meanwhile.');
      state.complaints.set(key(complaint.tenant, complaint.id), copy(complaint));
      commit(complaint.tenant, effects);
    },
  });

  const saveRun = (run: SystemRun, expectedVersion: number, effects: Effects) => {
    const stored = state.systemRuns.get(key(run.tenant, run.requestId));
    if ((stored?.version ?? 0) !== expectedVersion)
      throw new DomainError('conflict', 'The search of connected systems was changed meanwhile.');
    state.systemRuns.set(key(run.tenant, run.requestId), copy(run));
    commit(run.tenant, effects);
  };
  const systemRuns = only<SystemRunStore>('systemRuns', {
    async get(slug, subjectId, requestId) {
      const run = state.systemRuns.get(key(slug, requestId));
      return run && run.subjectId === subjectId ? copy(run) : undefined;
    },
    async listForSubject(slug, subjectId) {
      return copy(
        [...state.systemRuns.values()]
          .filter((r) => r.tenant === slug && r.subjectId === subjectId)
          .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
      );
    },
    async request(run, expectedVersion, effects) {
      saveRun(run, expectedVersion ?? 0, effects);
    },
    async save(run, expectedVersion, effects) {
      saveRun(run, expectedVersion, effects);
    },
    async listNeedingAttention(slug) {
      return [...state.systemRuns.values()]
        .filter((r) => r.tenant === slug)
        .map(attentionOf)
        .filter((a) => a.failed + a.waiting > 0);
    },
    async listPending(slug, before) {
      return [...state.systemRuns.values()]
        .filter(
          (r) =>
            r.tenant === slug &&
            r.requestedAt < before &&
            // As the table's pending index holds them (system-run-items.ts): a push still to plan too.
            (r.plan !== undefined || r.results.some((x) => x.outcome.state === 'pending' || x.outcome.state === 'searching')),
        )
        .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
        .map(({ tenant, subjectId, requestId, requestedAt, updatedAt }) => ({
          tenant,
          subjectId,
          requestId,
          requestedAt,
          updatedAt,
        }));
    },
  });

  const exports = only<ExportStore>('exports', {
    async listForSubject(slug, subjectId) {
      return copy(state.exports.filter((j) => j.tenant === slug && j.subjectId === subjectId));
    },
    async remove(slug, subjectId, exportId, effects) {
      const i = state.exports.findIndex((j) => j.tenant === slug && j.subjectId === subjectId && j.id === exportId);
      if (i >= 0) state.exports.splice(i, 1);
      commit(slug, effects);
    },
  });

  const deps = {
    subjects,
    consents,
    suppressions,
    requests,
    complaints,
    systemRuns,
    exports,
    trail,
    blobs: only<BlobStore>('blobs', {
      async delete(blobKey) {
        // As S3 and the file store do, a missing key is an error, not a no-op.
        if (typeof blobKey !== 'string' || !blobKey) throw new TypeError('blobs.delete: a key is required');
        state.blobs.delete(blobKey);
      },
    }),
    sessions: only<SessionStore>('sessions', {
      async revokeAllOf(slug, subjectId, effects) {
        const n = removeWhere(state.sessions, slug, subjectId);
        commit(slug, effects);
        return n;
      },
    }),
    tokens: only<TokenStore>('tokens', {
      async revokeAllOf(slug, subjectId) {
        return removeWhere(state.tokens, slug, subjectId);
      },
    }),
    outbox: only<OutboxStore>('outbox', {
      async deletePendingFor(slug, subjectId) {
        return removeWhere(state.pendingMail, slug, subjectId);
      },
    }),
    audit: only<AuditLog>('audit', {
      async commit(slug, effects) {
        commit(slug, effects);
      },
    }),
    clock: { now: () => now },
    settings: {
      publicUrl: 'http://localhost',
      mailFrom: 'privacy@example.test',
      hashKeys: typeof hashKey === 'string' ? hashKeys(hashKey) : hashKey,
      totpKey: 'test-totp-key-test-totp-key-test-totp-key',
      exportDownloadDays: 7,
    },
  };

  return {
    deps: only<Deps>('deps', {
      ...deps,
      tenants: only<TenantDirectory>('tenants', { get: (slug: string) => (slug === tenant.slug ? tenant : undefined) }),
    }),
    state,
    trail,
    actions: (slug) => trail.stored(slug).map((e) => e.action),
    advance(seconds) {
      now = new Date(now.getTime() + seconds * 1000);
      return now;
    },
  };
}
