/** Key builders: every partition key starts with the tenant. */
const t = (tenant: string) => `T#${tenant}#`;

export const keys = {
  subject: (tenant: string, subjectId: string) => ({ pk: `${t(tenant)}S#${subjectId}`, sk: 'SUBJECT' }),
  record: (tenant: string, subjectId: string, category: string, recordId: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `REC#${category}#${recordId}`,
  }),
  subjectPartition: (tenant: string, subjectId: string) => `${t(tenant)}S#${subjectId}`,
  email: (tenant: string, emailHash: string) => ({ pk: `${t(tenant)}EMAIL#${emailHash}`, sk: 'EMAIL' }),
  token: (tenant: string, tokenHash: string) => ({ pk: `${t(tenant)}TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  session: (tenant: string, idHash: string) => ({ pk: `${t(tenant)}SESSION#${idHash}`, sk: 'SESSION' }),
  /** gsi2: a subject's (or a member of staff's) live sessions and unused link tokens, to end them all. */
  credentialsOf: (tenant: string, owner: string) => `${t(tenant)}CREDS#${owner}`,
  rate: (tenant: string, key: string, windowStart: number) => ({ pk: `${t(tenant)}RATE#${key}#${windowStart}`, sk: 'RATE' }),
  /** A rate limit's sliding-window log (one item per key). */
  rateLog: (tenant: string, key: string) => ({ pk: `${t(tenant)}RATE#${key}`, sk: 'LOG' }),
  audit: (tenant: string, at: string, id: string) => ({ pk: `${t(tenant)}AUDIT`, sk: `${at}#${id}` }),
  auditPartition: (tenant: string) => `${t(tenant)}AUDIT`,
  /** gsi1: audit events written but not yet linked into the chain. */
  auditUnchained: (tenant: string) => `${t(tenant)}AUDIT#unchained`,
  /** gsi1: the linked chain, by position. */
  auditChain: (tenant: string) => `${t(tenant)}AUDIT#chain`,
  auditHead: (tenant: string) => ({ pk: `${t(tenant)}AUDITHEAD`, sk: 'HEAD' }),
  /** gsi2: one subject's audit events. */
  subjectAudit: (tenant: string, subjectId: string) => `${t(tenant)}AUDIT#S#${subjectId}`,
  staff: (tenant: string, email: string) => ({ pk: `${t(tenant)}STAFF`, sk: `M#${email}` }),
  staffPartition: (tenant: string) => `${t(tenant)}STAFF`,
  subjectsIndex: (tenant: string) => `${t(tenant)}SUBJECTS`,
  consent: (tenant: string, subjectId: string, at: string, id: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `CONSENT#${at}#${id}`,
  }),
  suppression: (tenant: string, hash: string) => ({ pk: `${t(tenant)}SUPPRESS#${hash}`, sk: 'SUPPRESS' }),
  /** gsi1: the tenant's suppression list, for its mail tools. */
  suppressionList: (tenant: string) => `${t(tenant)}SUPPRESSIONS`,
  request: (tenant: string, subjectId: string, requestId: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `REQ#${requestId}`,
  }),
  requestQueue: (tenant: string) => `${t(tenant)}REQUESTS`,
  complaint: (tenant: string, subjectId: string, complaintId: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `CMP#${complaintId}`,
  }),
  /** A request's run through the tenant's connected systems, beside the request. */
  systemRun: (tenant: string, subjectId: string, requestId: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `SYSRUN#${requestId}`,
  }),
  /** gsi1: the tenant's system runs still waiting for the worker, by when they were asked for. */
  pendingSystemRuns: (tenant: string) => `${t(tenant)}SYSRUN#pending`,
  /** gsi2: the tenant's system runs with a system failed or waiting for a handler (the queue's badge). */
  systemRunsAttention: (tenant: string) => `${t(tenant)}SYSRUN#attention`,
  /** gsi1: the tenant's complaints, by the day to acknowledge them. */
  complaintQueue: (tenant: string) => `${t(tenant)}COMPLAINTS`,
  /** A person's one open request of a kind and scope (shared/requests/duplicates.ts): which request holds it. */
  openSlot: (tenant: string, subjectId: string, slot: string) => ({ pk: `${t(tenant)}S#${subjectId}`, sk: `OPEN#${slot}` }),
  idempotency: (tenant: string, subjectId: string, key: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `IDEMP#${key}`,
  }),
  counter: (tenant: string, name: string) => ({ pk: `${t(tenant)}COUNTER#${name}`, sk: 'COUNTER' }),
  outbox: (tenant: string, id: string) => ({ pk: `${t(tenant)}OUTBOX#${id}`, sk: 'OUTBOX' }),
  pendingOutbox: (tenant: string) => `${t(tenant)}OUTBOX#pending`,
  export: (tenant: string, subjectId: string, exportId: string) => ({
    pk: `${t(tenant)}S#${subjectId}`,
    sk: `EXPORT#${exportId}`,
  }),
  /** gsi1: exports still to build or being built. */
  openExports: (tenant: string) => `${t(tenant)}EXPORT#open`,
};
