/** The demo data both PSA stand-ins (Autotask, HaloPSA) hold per instance: people, their tickets, and each ticket's history. */
import { type DemoPerson, type DemoTicket, peoplePerInstance, withBulkTickets } from './demo-people.ts';

export type Row = Record<string, unknown> & { id: number };

export interface PsaInstance {
  people: Map<number, Row>;
  tickets: Map<number, Row>;
  /** Ticket notes (Autotask), actions (Halo). */
  history: Map<number, Row>;
  nextId: number;
}

/** How one vendor shapes its rows (each gets the next id of the instance). */
export interface PsaRows {
  firstId: number;
  /** The status of the routine closed tickets a load test adds. */
  closedStatus: string;
  person(person: DemoPerson): Record<string, unknown>;
  ticket(ticket: DemoTicket, personId: number, person: DemoPerson): Record<string, unknown>;
  /** The history a ticket gets, if any. */
  history(ticket: DemoTicket, ticketId: number, person: DemoPerson): Record<string, unknown> | undefined;
}

/** Each instance's people, with `add` (a person and `extraTickets` routine ones) for tests; `instances` are added now. */
export function psaPeople(instances: Record<string, DemoPerson[]>, rows: PsaRows) {
  const { at, addAll } = peoplePerInstance<PsaInstance>(() => ({
    people: new Map(),
    tickets: new Map(),
    history: new Map(),
    nextId: rows.firstId,
  }));
  const add = (instance: string, person: DemoPerson, extraTickets = 0) => {
    const d = at(instance);
    const put = (into: Map<number, Row>, row: Record<string, unknown>) => {
      const id = d.nextId++;
      into.set(id, { id, ...row });
      return id;
    };
    const id = put(d.people, rows.person(person));
    for (const ticket of withBulkTickets(person, extraTickets, rows.closedStatus)) {
      const ticketId = put(d.tickets, rows.ticket(ticket, id, person));
      const history = rows.history(ticket, ticketId, person);
      if (history) put(d.history, history);
    }
    return id;
  };
  addAll(instances, add);
  return { at, add };
}
