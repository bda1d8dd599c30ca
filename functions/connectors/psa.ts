/**
 * The flow both PSA connectors share (Autotask, HaloPSA): a person's own record (a contact, a
 * user), the tickets raised for them, and the history on those tickets (notes, actions). Only the
 * person's own fields can be corrected or erased; tickets and their history are the business's
 * records and stay, each reported under its declared rule so the letter accounts for every record
 * the search found. What differs between the vendors (names, fields, the calls) is passed in.
 */
import {
  type Connector,
  type RecordCorrection,
  type RecordErasure,
  SystemCallError,
  type SystemPerson,
  type SystemRecord,
} from '../../shared/systems/connector.ts';
import { changesFor } from '../../shared/systems/correction.ts';
import type { ApiSystemDeclaration } from '../../shared/systems/declaration.ts';
import { erasureFor, keptRecord, mappingOf } from '../../shared/systems/erasure.ts';
import { clean } from './options.ts';

type Row = Record<string, unknown> & { id: number };

/** One kind of object as the vendor names it: its kind, the fields read, the field that dates it. */
interface PsaObject {
  object: string;
  fields: readonly string[];
  createdAt?: string;
}

/** The operation names (for logs and reasons) of a listing made to read, and to list what is kept. */
interface Listing {
  read: string;
  kept: string;
}

/** Both vendors call a ticket a ticket. */
const TICKET = 'ticket';

export interface PsaVendor<P extends Row> {
  person: PsaObject;
  ticket: Omit<PsaObject, 'object'> & { operations: Listing };
  /** The history on a ticket, with the field that names its ticket. */
  history: PsaObject & { ticketField: string; operations: Listing };
  /** The person's own record, or undefined when it is gone; `absentOk`: a 404 says it is gone. */
  getPerson(ref: string, absentOk: boolean): Promise<P | undefined>;
  listTickets(personRef: string, operation: string): Promise<Row[]>;
  listHistory(tickets: readonly Row[], operation: string): Promise<Row[]>;
  /** The calls that delete or anonymise the person's record: each answers false when it was already gone. */
  eraser(person: SystemPerson): {
    remove(): Promise<boolean>;
    anonymise(changes: Record<string, unknown>): Promise<boolean>;
  };
  /** Writes corrected fields to the record read: false when it was gone by then. */
  update(found: P, changes: Record<string, unknown>): Promise<boolean>;
}

/** The record read, correct and erase of a PSA; `find` is the vendor's own (each searches its own way). */
export function psaConnector<P extends Row>(system: ApiSystemDeclaration, vendor: PsaVendor<P>): Omit<Connector, 'find'> {
  const { person: personKind, history } = vendor;
  const ticket = { object: TICKET, ...vendor.ticket };
  /** The rows as records of their declared category; none where the declaration maps no such object. */
  const recordsOf = (kind: PsaObject, rows: readonly Row[], data = (row: Row) => clean(row, kind.fields)) => {
    const mapping = mappingOf(system, kind.object);
    if (!mapping) return [];
    return rows.map((row): SystemRecord => {
      const at = kind.createdAt === undefined ? undefined : row[kind.createdAt];
      return {
        ref: `${kind.object}:${row.id}`,
        object: kind.object,
        category: mapping.category,
        data: data(row),
        ...(typeof at === 'string' ? { createdAt: at } : {}),
      };
    });
  };
  const historyData = (row: Row) => ({
    [history.ticketField]: Number(row[history.ticketField]),
    ...clean(row, history.fields),
  });

  return {
    async read(person) {
      const found = await vendor.getPerson(person.ref, false);
      if (!found) return [];
      const records = recordsOf(personKind, [found]);
      const historyMapped = mappingOf(system, history.object) !== undefined;
      if (!mappingOf(system, TICKET) && !historyMapped) return records;
      const tickets = await vendor.listTickets(person.ref, ticket.operations.read);
      records.push(...recordsOf(ticket, tickets));
      if (historyMapped)
        records.push(...recordsOf(history, await vendor.listHistory(tickets, history.operations.read), historyData));
      return records;
    },
    async erase(person) {
      const calls = vendor.eraser(person);
      const ref = `${personKind.object}:${person.ref}`;
      const object = personKind.object;
      const out: RecordErasure[] = [];
      const erasure = erasureFor(system, object, person.ref);
      if (erasure.mode === 'keep') out.push(keptRecord(ref, object, erasure));
      else if (erasure.mode === 'delete') out.push({ ref, object, result: (await calls.remove()) ? 'erased' : 'absent' });
      else {
        // Rewriting the same values twice changes nothing: safe to repeat.
        const done = await calls.anonymise(erasure.changes);
        out.push(
          done ? { ref, object, result: 'anonymised', fields: Object.keys(erasure.changes) } : { ref, object, result: 'absent' },
        );
      }
      // Tickets cannot be deleted through either API: they and their history are listed as kept.
      const tickets = mappingOf(system, TICKET) ? erasureFor(system, TICKET, person.ref) : undefined;
      const notes = mappingOf(system, history.object) ? erasureFor(system, history.object, person.ref) : undefined;
      if (tickets?.mode !== 'keep' && notes?.mode !== 'keep') return out;
      const rows = await vendor.listTickets(person.ref, ticket.operations.kept);
      if (tickets?.mode === 'keep') for (const t of rows) out.push(keptRecord(`${TICKET}:${t.id}`, TICKET, tickets));
      if (notes?.mode === 'keep')
        for (const h of await vendor.listHistory(rows, history.operations.kept))
          out.push(keptRecord(`${history.object}:${h.id}`, history.object, notes));
      return out;
    },

    /** Only the person's own fields can be changed (tickets and their history are the business's). */
    async correct(person, corrections) {
      const out: RecordCorrection[] = [];
      for (const { object, fields } of corrections) {
        if (object !== personKind.object)
          throw new SystemCallError('rejected', `${system.name} cannot change ${object} records`, false);
        const ref = `${object}:${person.ref}`;
        const found = await vendor.getPerson(person.ref, true);
        if (!found) {
          out.push({ ref, object, result: 'absent' });
          continue;
        }
        const changes = changesFor(found, fields);
        if (changes.length === 0) {
          out.push({ ref, object, result: 'unchanged', fields: Object.keys(fields) });
          continue;
        }
        const done = await vendor.update(found, Object.fromEntries(changes.map((c) => [c.field, c.to])));
        out.push(done ? { ref, object, result: 'corrected', changes } : { ref, object, result: 'absent' });
      }
      return out;
    },
  };
}
