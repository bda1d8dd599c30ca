/**
 * The one table definition. The CDK stack and the local bootstrap both build the table from
 * this, so local and AWS cannot drift. Every partition key starts with `T#<tenant>#`.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items eventually, code treats them as absent at once. */
  ttlAttribute: 'expiresAt',
  indexes: [
    /** Sparse index: pending outbox messages (`OUTBOX#pending`) and later access patterns. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** A subject's audit events (evidence packs, erasure). */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type TableDefinition = typeof tableDefinition;

/**
 * The partition of the published tenant policies: one query reads them all. The functions' roles
 * may not write it (infra/privacy-centre-stack.ts); only an operator's credentials can.
 */
export const POLICY_PARTITION = 'CONFIG';
