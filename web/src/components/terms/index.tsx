import type { ComponentChildren } from 'preact';

/** A term, what it is, and perhaps a class for what it is (`overdue`). */
export type TermRow = readonly [string, ComponentChildren, string?];

/** Terms and what they are, a row each; a row whose value is empty (false, undefined, '') is left out. */
export function Terms(props: { rows: readonly TermRow[]; class?: string }) {
  return (
    <dl class={props.class}>
      {props.rows
        .filter(([, value]) => value !== undefined && value !== null && value !== false && value !== '')
        .map(([term, value, valueClass]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd class={valueClass}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
