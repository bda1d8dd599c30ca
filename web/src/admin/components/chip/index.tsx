import type { ComponentChildren } from 'preact';

/** A short status label in a box: its words carry the meaning, the colour only repeats it. */
export function Chip(props: { tone?: 'danger' | 'warning' | 'ok' | 'quiet'; children: ComponentChildren }) {
  return <span class={props.tone ? `chip ${props.tone}` : 'chip'}>{props.children}</span>;
}
