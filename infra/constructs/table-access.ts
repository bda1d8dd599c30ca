import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

export type TableAction =
  | 'GetItem'
  | 'Query'
  | 'Scan'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

export interface TableAccess {
  /** What the function does on the table's items. A transaction needs the action of each of its items. */
  actions: TableAction[];
  /** Whether it queries the table's global secondary indexes (shared/table.ts). */
  indexes: boolean;
}

/**
 * Each function's table rights: only the actions its code makes (functions/adapters/dynamo, the
 * use cases it runs). Every function reads the published tenant policies (GetItem, Query on the
 * CONFIG partition); none may write them (privacy-centre-stack.ts denies that). No function
 * needs DescribeTable, and only the cleanup job scans. test/infra/lambda-flow.test.ts records
 * every operation the bundles make on a journey and checks each against these.
 */
export const TABLE_ACCESS = {
  /**
   * Sign-in, sessions, profile edits, marketing choices, filing and withdrawing requests, downloads.
   * A new sign-in address checks, while a HASH_KEY rotation is under way, that no entry under the
   * previous key has it (ConditionCheckItem).
   */
  portal: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'], indexes: true },
  /**
   * The admin API (sign-in and sign-out, the queue, people, complaints, imports): the portal's.
   * Erasure's batch deletes are the casework's.
   */
  admin: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'], indexes: true },
  /**
   * The casework (a request's actions, logged requests, exports, marketing): all of the portal's,
   * and erasure, which deletes a subject's items in batches.
   */
  casework: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'],
    indexes: true,
  },
  /**
   * The staff tools: reads for the evidence packs, the audit trail, reports and the systems'
   * progress; puts audit events (with the audit head's update) for each audited read; a staff
   * session's idle expiry moved on (update); staff members added, changed or removed, and a second
   * factor reset, by update. Deletes nothing: erasure is the casework's, sign-in the admin API's.
   */
  staffTools: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: true },
  /** Claims, sends and marks outbox messages; mints link tokens; links the audit chain. Deletes nothing. */
  dispatcher: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: true },
  /** Claims an export job, reads the subject's records, records progress and the result with its email. */
  builder: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: true },
  /**
   * Retention sweep (deletes), deadline digest (outbox items), cleanup (a scan for what expired,
   * batch deletes), rekey-hashes (a scan, then each hashed item put under its new key and the
   * old one deleted, recovery codes updated).
   */
  jobs: { actions: ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'], indexes: true },
  /**
   * Reads a run (and its record chunks), the person's email and the pending index; saves
   * progress with its audit events in transactions that put the run and its chunks and delete
   * chunks it no longer needs. Updates in place only the person's relationship, when a PSA
   * declared to end relationships holds them only as inactive (with its audit event); deletes
   * nothing else. Reconciling a marketing system it also reads people by address, their consent
   * ledger and the suppression list, and appends an opt-out made there to the ledger with its
   * audit events (puts only).
   */
  systemsWorker: { actions: ['GetItem', 'Query', 'PutItem', 'DeleteItem', 'UpdateItem'], indexes: true },
  /** Looks up an address and its suppression entries, and adds entries with their audit event. */
  mailFeedback: { actions: ['GetItem', 'Query', 'PutItem'], indexes: false },
} satisfies Record<string, TableAccess>;

/** Grants a function exactly these actions on the table (and Query on its indexes, where it needs them). */
export function grantTable(fn: IFunction, table: ITable, access: TableAccess): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: access.actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }),
  );
  if (access.indexes) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`] }));
  }
}
