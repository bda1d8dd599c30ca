import type { ComponentChildren } from 'preact';

/** One column: its header, and what its cell holds for a row. */
export interface Column<T> {
  head: ComponentChildren;
  /**
   * The column's name shown above the cell when the table becomes cards on a phone (screen
   * readers have the header): `head` by default, none for the first column, which heads its row.
   */
  label?: string;
  cell: (row: T) => ComponentChildren;
  class?: string;
}

/** A column's name above its cell, shown only where the table becomes cards (a phone). */
const CellLabel = (props: { text?: string }) =>
  props.text ? (
    <span class="cell-label" aria-hidden="true">
      {props.text}
    </span>
  ) : null;

/** A cell with its column's name (see `CellLabel`). */
export function Cell(props: { label?: string; class?: string; colSpan?: number; children: ComponentChildren }) {
  return (
    <td class={props.class} colSpan={props.colSpan}>
      <CellLabel text={props.label} />
      {props.children}
    </td>
  );
}

/**
 * A table of rows, a column each described: the first column's cell heads its row. As `data`
 * (the default class) it becomes a card per row on a phone, each cell named by its `label`;
 * `labels: false` for a table that stays a table there.
 */
export function DataTable<T>(props: {
  caption?: ComponentChildren;
  /** A caption for screen readers only: the page's heading already says what the table is. */
  hideCaption?: boolean;
  class?: string;
  labels?: false;
  columns: Column<T>[];
  rows: readonly T[];
  /** A row's key: its `id` unless said otherwise. */
  rowKey?: (row: T, i: number) => string;
  rowClass?: (row: T) => string | undefined;
}) {
  const [first, ...rest] = props.columns;
  const label = (c: Column<T>) =>
    props.labels === false ? undefined : (c.label ?? (typeof c.head === 'string' ? c.head : undefined));
  return (
    <table class={props.class ?? 'data'}>
      {props.caption && <caption class={props.hideCaption ? 'vh' : undefined}>{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i} scope="col">
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={props.rowKey?.(row, i) ?? (row as { id: string }).id} class={props.rowClass?.(row)}>
            {first && (
              <th scope="row">
                <CellLabel text={props.labels === false ? undefined : first.label} />
                {first.cell(row)}
              </th>
            )}
            {rest.map((c, j) => (
              <Cell key={j} label={label(c)} class={c.class}>
                {c.cell(row)}
              </Cell>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
