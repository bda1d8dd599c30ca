/** Autotask's query filter language (a subset: the operators the connector and tests use). */
export interface AutotaskFilter {
  op?: string;
  field?: string;
  value?: unknown;
  items?: AutotaskFilter[];
}

type Row = Record<string, unknown>;

const fieldOf = (row: Row, field: string) => {
  const key = Object.keys(row).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : row[key];
};

// Autotask compares text without regard to case (SQL Server collation).
const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

/** True when the row matches; throws on an operator Autotask does not know (the API answers 500 then). */
export function matches(row: Row, filter: AutotaskFilter): boolean {
  const op = (filter.op ?? '').toLowerCase();
  const items = filter.items ?? [];
  if (op === 'and') return items.every((f) => matches(row, f));
  if (op === 'or') return items.some((f) => matches(row, f));
  if (!filter.field) throw new Error(`filter "${op}" needs a field`);
  const actual = fieldOf(row, filter.field);
  const value = filter.value;
  switch (op) {
    case 'eq':
      return same(actual, value);
    case 'noteq':
      return !same(actual, value);
    case 'gt':
      return Number(actual) > Number(value);
    case 'gte':
      return Number(actual) >= Number(value);
    case 'lt':
      return Number(actual) < Number(value);
    case 'in':
      return Array.isArray(value) && value.some((v) => same(actual, v));
    case 'exist':
      return actual !== undefined && actual !== null && actual !== '';
    default:
      throw new Error(`unknown filter operator "${op}"`);
  }
}
