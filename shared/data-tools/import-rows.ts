import { ukDate } from '../deadlines.ts';
import { DomainError } from '../errors.ts';
import type { Category } from '../policy/schema.ts';
import { checkField } from '../profile/validate.ts';
import { grouped } from '../uk-time.ts';
import { type RelationshipKind, relationshipKinds } from '../vocabulary.ts';
import { NOT_TEXT, parseCsv } from './csv.ts';

/**
 * Reading an import file into checked rows: pure, no storage. The file is a table whose columns
 * are the category's field ids plus the columns below (or the other system's own names, renamed
 * by a `mapping`). Problems with the file as a whole are a 400 (nothing read); problems with a
 * row are reported per row, with its line and column.
 */
export const importColumns = {
  /** The person's email address: finds them, or makes them a new subject. */
  email: 'email',
  /** The row's key in the other system (ticket number, call id, contact id): makes re-imports idempotent. */
  sourceKey: 'sourceKey',
  /** The date the record was made: retention counts from it. */
  recordedOn: 'recordedOn',
  /** When the relationship began (a new person's default: the row's recordedOn); for a person already here it replaces ours. */
  relationshipStartedOn: 'relationshipStartedOn',
  /** When the relationship ended, if it has; for a person already here it replaces ours (blank: ours stays). */
  relationshipEndedOn: 'relationshipEndedOn',
  /** Who the person is to the organisation (customer, prospect, end-user, applicant, other): it decides the marketing default. */
  relationshipKind: 'relationshipKind',
} as const;
const reserved = new Set<string>(Object.values(importColumns));
const required = [importColumns.email, importColumns.sourceKey, importColumns.recordedOn];

/**
 * Rows per call. A call must finish well inside the staff Lambda's 10 seconds (each row is a
 * transaction); the page sends larger files in parts of 200 rows.
 */
export const MAX_IMPORT_ROWS = 1000;

/** The columns an import file of a category has: ours first, then the category's fields. */
export function importColumnsFor(category: Category): { name: string; label: string; required: boolean }[] {
  return [
    { name: importColumns.email, label: 'Email address', required: true },
    { name: importColumns.sourceKey, label: 'The row’s key in the other system', required: true },
    { name: importColumns.recordedOn, label: 'Date recorded', required: true },
    {
      name: importColumns.relationshipStartedOn,
      label: 'Relationship began (sets it for people already here too)',
      required: false,
    },
    {
      name: importColumns.relationshipEndedOn,
      label: 'Relationship ended, if it has (sets it for people already here too)',
      required: false,
    },
    {
      name: importColumns.relationshipKind,
      label: 'Who they are to you: customer, prospect, end-user, applicant or other (sets it for people already here too)',
      required: false,
    },
    ...category.fields
      .filter((f) => f.id !== importColumns.email)
      .map((f) => ({ name: f.id, label: f.label, required: f.required })),
  ];
}

export interface RowError {
  /** CSV: the file line the row starts on; JSON: the item's position (1-based). */
  line: number;
  /** The column (our name), or `(row)`. */
  field: string;
  message: string;
}

export interface ImportRow {
  line: number;
  email: string;
  sourceKey: string;
  recordedOn: string;
  relationship: { startedOn?: string; endedOn?: string; kind?: RelationshipKind };
  data: Record<string, string>;
}

export interface CheckedFile {
  rows: ImportRow[];
  errors: RowError[];
  /** Rows read (valid or not). */
  total: number;
  /** Columns of the file a mapping left out: not imported. */
  ignoredColumns: string[];
}

interface Table {
  columns: string[];
  rows: { line: number; values: Record<string, string> }[];
}

const fileError = (message: string) => new DomainError('bad_request', message, { fields: [{ field: 'content', message }] });

function readCsv(content: string, lineOffset: number): Table {
  if (content.includes('\0')) throw fileError(NOT_TEXT);
  const parsed = parseCsv(content);
  if (!parsed.ok) throw fileError(`Line ${parsed.line + lineOffset}: ${parsed.message}.`);
  const [head, ...body] = parsed.rows;
  if (!head) throw fileError('The file is empty: it needs a header row and at least one row.');
  const columns = head.cells.map((c) => c.trim());
  const rows = body.map((r) => {
    if (r.cells.length > columns.length && r.cells.slice(columns.length).some((c) => c.trim())) {
      return { line: r.line + lineOffset, values: { '(row)': `has ${r.cells.length} cells, the header ${columns.length}` } };
    }
    return { line: r.line + lineOffset, values: Object.fromEntries(columns.map((c, i) => [c, r.cells[i] ?? ''])) };
  });
  return { columns, rows };
}

function readJson(content: string, lineOffset: number): Table {
  let items: unknown;
  try {
    items = JSON.parse(content);
  } catch {
    throw fileError('The file is not valid JSON.');
  }
  if (!Array.isArray(items)) throw fileError('A JSON import is an array of objects, one per row: [{ "email": … }, …].');
  const columns = new Set<string>();
  const rows = items.map((item, index) => {
    const line = index + 1 + lineOffset;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { line, values: { '(row)': 'is not an object' } };
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      columns.add(key);
      if (value === null || value === undefined) values[key] = '';
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
      else values['(row)'] = `"${key}" must be text, a number or true/false`;
    }
    return { line, values };
  });
  return { columns: [...columns], rows };
}

/** A date as other systems write it: 2026-03-14, 14/03/2026, or a date-time (its UK date). */
export function importDate(raw: string): string | undefined {
  const value = raw.trim();
  const uk = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : value;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return ukDate(iso) === iso ? iso : undefined;
    if (/^\d{4}-\d{2}-\d{2}T/.test(iso)) return ukDate(iso);
  } catch {
    return undefined;
  }
  return undefined;
}

/** Card and account numbers: only the last four characters are kept (as the demo data holds them). */
export function maskValue(value: string): string {
  if (value.includes('•')) return value;
  const plain = value.replace(/[^A-Za-z0-9]/g, '');
  return `•••• ${plain.slice(-4)}`;
}

/**
 * Checks a file against the category: file-level problems throw (400), row problems are
 * collected. `today` is the UK date (no record is made in the future).
 */
export function checkImportFile(input: {
  format: 'csv' | 'json';
  content: string;
  category: Category;
  mapping?: Record<string, string>;
  lineOffset?: number;
  today: string;
  /** The relationship kinds the tenant declares (default: all of them). */
  kinds?: readonly string[];
}): CheckedFile {
  const { category, mapping, today } = input;
  const table =
    input.format === 'csv' ? readCsv(input.content, input.lineOffset ?? 0) : readJson(input.content, input.lineOffset ?? 0);
  const fields = new Map(category.fields.map((f) => [f.id, f]));
  const known = (name: string) => reserved.has(name) || fields.has(name);

  // Our name for each column of the file.
  const rename = new Map<string, string>();
  const ignoredColumns: string[] = [];
  for (const [from, to] of Object.entries(mapping ?? {})) {
    if (!known(to))
      throw fileError(`The mapping names "${to}", which is neither a field of ${category.name} nor an import column.`);
    if (!table.columns.includes(from)) throw fileError(`The mapping names a column "${from}" that the file does not have.`);
  }
  for (const column of table.columns) {
    const ours = mapping?.[column] ?? (known(column) ? column : undefined);
    if (ours === undefined) {
      if (mapping) ignoredColumns.push(column);
      else
        throw fileError(
          `Unknown column "${column}": name each column by a field id of ${category.name} (${[...fields.keys()].join(', ')}) or an import column (${[...reserved].join(', ')}), or leave it out of the file.`,
        );
      continue;
    }
    if ([...rename.values()].includes(ours)) throw fileError(`Two columns would fill "${ours}".`);
    rename.set(column, ours);
  }
  const present = new Set(rename.values());
  const missing = [
    ...required,
    ...category.fields.filter((f) => f.required && f.id !== importColumns.email).map((f) => f.id),
  ].filter((c) => !present.has(c));
  if (missing.length) throw fileError(`The file needs a column for ${missing.map((c) => `"${c}"`).join(', ')}.`);

  if (table.rows.length === 0) throw fileError('The file has no rows to import.');
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw fileError(`The file has ${grouped(table.rows.length)} rows: send at most ${grouped(MAX_IMPORT_ROWS)} at once.`);
  }

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const seenKeys = new Map<string, number>();
  for (const raw of table.rows) {
    const line = raw.line;
    const rowErrors: RowError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ line, field, message });
    if (raw.values['(row)']) {
      fail('(row)', `This row ${raw.values['(row)']}`);
      errors.push(...rowErrors);
      continue;
    }
    const value = (ours: string) => {
      for (const [column, name] of rename) if (name === ours) return (raw.values[column] ?? '').trim();
      return '';
    };

    const emailCheck = checkField({ label: 'Email', kind: 'email', required: true }, value(importColumns.email));
    if (!value(importColumns.email)) fail(importColumns.email, 'The email address is missing');
    else if (!emailCheck.ok) fail(importColumns.email, emailCheck.message);

    const sourceKey = value(importColumns.sourceKey);
    if (!sourceKey) fail(importColumns.sourceKey, 'The source key (the row’s id in the other system) is missing');
    else if (sourceKey.length > 200) fail(importColumns.sourceKey, 'The source key must be 200 characters or fewer');
    else if (seenKeys.has(sourceKey))
      fail(importColumns.sourceKey, `The same source key as line ${seenKeys.get(sourceKey)}: each row needs its own`);
    else seenKeys.set(sourceKey, line);

    const date = (column: string, what: string, optional: boolean) => {
      const text = value(column);
      if (!text) {
        if (!optional) fail(column, `${what} is missing`);
        return undefined;
      }
      const parsed = importDate(text);
      if (!parsed) fail(column, `${what} must be a date like 2026-03-14 or 14/03/2026`);
      else if (parsed > today) fail(column, `${what} cannot be in the future`);
      return parsed;
    };
    const recordedOn = date(importColumns.recordedOn, 'The date recorded', false);
    const startedOn = date(importColumns.relationshipStartedOn, 'The relationship start', true);
    const endedOn = date(importColumns.relationshipEndedOn, 'The relationship end', true);
    if (startedOn && endedOn && endedOn < startedOn)
      fail(importColumns.relationshipEndedOn, 'The relationship cannot end before it starts');
    const kindText = value(importColumns.relationshipKind).toLowerCase();
    const kinds = input.kinds ?? relationshipKinds;
    const kind = kinds.includes(kindText) ? (kindText as RelationshipKind) : undefined;
    if (kindText && !kind) fail(importColumns.relationshipKind, `Who they are must be one of: ${kinds.join(', ')}`);

    const data: Record<string, string> = {};
    for (const field of category.fields) {
      const text = value(field.id);
      if (field.id === importColumns.email) {
        // A category with an email field (identity) holds the person's address: the email column.
        if (emailCheck.ok) data[field.id] = emailCheck.value;
        continue;
      }
      if (!text) {
        if (field.required) fail(field.id, `${field.label} is missing`);
        continue;
      }
      const check = checkField(field, text);
      if (!check.ok) fail(field.id, check.message);
      else data[field.id] = field.kind === 'masked' ? maskValue(check.value) : check.value;
    }
    if (rowErrors.length === 0 && Object.keys(data).length === 0) fail('(row)', `This row has no ${category.name} data`);

    if (rowErrors.length || !emailCheck.ok || !recordedOn) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      email: emailCheck.value,
      sourceKey,
      recordedOn,
      relationship: { ...(startedOn ? { startedOn } : {}), ...(endedOn ? { endedOn } : {}), ...(kind ? { kind } : {}) },
      data,
    });
  }
  return { rows, errors, total: table.rows.length, ignoredColumns };
}
