/** What the re-key job reads and writes (functions/adapters/dynamo/rekey-store.ts). */

/** A stored item that holds a keyed hash under HASH_KEY. */
export type HashedItem =
  /** A suppression entry or an erasure marker: the hash is its key. */
  | { kind: 'suppression'; tenant: string; hash: string }
  /** The email index entry of a subject: the hash is its key. */
  | { kind: 'email'; tenant: string; hash: string }
  /** A member of staff's unused recovery codes, each a keyed hash. */
  | { kind: 'recovery-codes'; tenant: string; email: string; codes: string[] };

/** Where a re-key pass stands, saved after every page so a pass that stops resumes there. */
export interface RekeyProgress {
  /** The HASH_KEY version the pass moves hashes to. */
  version: number;
  /** Where the table scan goes on from; undefined once the pass has been through the whole table. */
  cursor?: string;
  startedAt: string;
  finishedAt?: string;
  scanned: number;
  moved: Record<HashedItem['kind'], number>;
}

export interface RekeyStore {
  /** The last pass's progress towards `version`, if one was started. */
  progress(version: number): Promise<RekeyProgress | undefined>;
  saveProgress(progress: RekeyProgress): Promise<void>;
  /** One page of the table's hashed items (a Scan: a batch job, never a request path), from `cursor`. */
  page(cursor: string | undefined): Promise<{ items: HashedItem[]; scanned: number; cursor?: string }>;
  /**
   * Moves a suppression entry or email index entry from its stored hash to `to`, its attributes
   * kept: the new item and the old one's deletion in one transaction. 'gone' if the old one is
   * no longer there (another pass moved it, or it was removed); if the new one exists already,
   * the old one is just deleted.
   */
  move(item: Extract<HashedItem, { hash: string }>, to: string): Promise<'moved' | 'gone'>;
  /** Replaces a member's recovery codes, if they are still `from` (a code used meanwhile: false, the next pass retries). */
  replaceRecoveryCodes(tenant: string, email: string, from: string[], to: string[]): Promise<boolean>;
}
