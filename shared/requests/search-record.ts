import type { Actor } from '../actor.ts';

/**
 * One search made for an access or portability request: where (a connected system or a place
 * searched by hand), with which identity, when, by whom (or automatically), what was found and
 * what was done. The record an organisation keeps to show its searches were reasonable and
 * proportionate. Connected systems (shared/systems/, the connected-systems issue) add entries
 * with `automatic: true` and their `systemId`; handlers record manual searches the same way.
 */
export interface SearchRecord {
  id: string;
  /** A connected system's id, when the search was in one. */
  systemId?: string;
  /** The system or place searched, in words ("Xero", "paper HR files, Milton Keynes office"). */
  place: string;
  /** The identity searched for: which email, name, account number (as searched). */
  identity: string;
  /** UK date of the search. */
  searchedOn: string;
  by: Actor;
  automatic: boolean;
  found: boolean;
  /** Records found, when counted. */
  count?: number;
  /** What was found and what was done with it, in plain words. */
  note: string;
  recordedAt: string;
}

/** Only access and portability requests keep a search record. */
export const keepsSearchRecord = (kind: string) => kind === 'access' || kind === 'portability';

/** The record in one line, for staff and the evidence pack. */
export function describeSearch(s: SearchRecord): string {
  const found = s.found
    ? `found ${s.count === undefined ? 'records' : `${s.count} record${s.count === 1 ? '' : 's'}`}`
    : 'nothing found';
  return `${s.place}, searched for ${s.identity}: ${found}${s.note ? `. ${s.note}` : ''}`;
}
