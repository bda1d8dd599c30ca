import type { ImportReport } from '../../../../../shared/admin-api.ts';
import { grouped } from '../../../../../shared/uk-time.ts';
import { DataTable } from '../data-table/index.tsx';

const n = grouped;
const records = (x: number) => (x === 1 ? '1 record' : `${n(x)} records`);
const rowsText = (x: number) => (x === 1 ? '1 row' : `${n(x)} rows`);
/** Errors listed on the page; the rest are counted. */
const SHOWN = 100;

/**
 * What a check found, or what an import did: counts, the rows with errors (line, column,
 * problem), and after a check the way on: import, or import the valid rows only.
 */
export function Result(props: {
  report: ImportReport;
  mode: 'checked' | 'imported' | 'partial';
  validOnly?: boolean;
  onValidOnly?: (v: boolean) => void;
  onImport?: () => void;
}) {
  const { report: r, mode } = props;
  const c = r.counts;
  const checked = mode === 'checked';
  const writable = c.created + c.updated;
  const title = checked ? '2. What the check found' : mode === 'imported' ? 'Imported' : 'Imported before it stopped';
  return (
    <section class="panel" aria-labelledby="imp-result">
      <h2 id="imp-result" tabIndex={-1}>
        {title}
      </h2>
      <p>
        {rowsText(r.rows)} {checked ? 'checked' : 'read'}
        {checked ? ': nothing has been written yet.' : '.'}
      </p>
      <ul>
        <li>
          {checked ? 'Would create' : 'Created'} {records(c.created)}
          {c.subjectsCreated
            ? `, for ${c.subjectsCreated === 1 ? '1 person' : `${n(c.subjectsCreated)} people`} new to the centre`
            : ''}
        </li>
        <li>
          {checked ? 'Would update' : 'Updated'} {records(c.updated)} changed since they were last imported
        </li>
        <li>{records(c.unchanged)} already here, unchanged</li>
        {c.relationshipsSet > 0 && (
          <li>
            {checked ? 'Would set' : 'Set'} the relationship (dates or kind) of people already here: {n(c.relationshipsSet)}
          </li>
        )}
        {c.invalid > 0 && (
          <li>
            <strong>
              {rowsText(c.invalid)} with errors{checked ? '' : ', left out'}
            </strong>
          </li>
        )}
      </ul>
      {r.ignoredColumns.length > 0 && <p>Columns left out (not in the mapping): {r.ignoredColumns.join(', ')}.</p>}
      {r.errors.length > 0 && (
        <DataTable
          class="data import-errors"
          caption={`Rows with errors${r.errors.length > SHOWN ? ` (the first ${SHOWN} of ${n(r.errors.length)})` : ''}`}
          rows={r.errors.slice(0, SHOWN)}
          rowKey={(e) => `${e.line}-${e.field}`}
          columns={[
            { head: 'Line', label: 'Line', cell: (e) => e.line },
            { head: 'Column', cell: (e) => (e.field === '(row)' ? 'the whole row' : e.field) },
            { head: 'Problem', cell: (e) => e.message },
          ]}
        />
      )}
      {checked && c.invalid > 0 && writable > 0 && (
        <label class="check">
          <input
            type="checkbox"
            checked={props.validOnly}
            onChange={(e) => props.onValidOnly?.((e.currentTarget as HTMLInputElement).checked)}
          />
          Import the valid rows only, leaving out the {rowsText(c.invalid)} with errors
        </label>
      )}
      {checked &&
        (writable + c.relationshipsSet === 0 ? (
          <p>Nothing to import: every valid row is here already, unchanged.</p>
        ) : c.invalid > 0 && !props.validOnly ? (
          <p>Correct the rows in the file and check it again, or choose to import the valid rows only.</p>
        ) : (
          <div class="actions">
            <button type="button" onClick={props.onImport}>
              {writable ? `Import ${records(writable)}` : 'Import the dates'}
            </button>
          </div>
        ))}
    </section>
  );
}
