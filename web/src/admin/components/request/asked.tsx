import { Terms } from '../../../components/terms/index.tsx';
import { restrictionReasons } from '../../../lib/request-words.ts';
import type { RequestDetail } from '../../lib/admin-client.ts';

type Request = RequestDetail['request'];

/** Details kept only as ids, or repeated by a friendlier key: not shown. */
const hidden = new Set(['categories', 'recordId', 'recordIds', 'category', 'field', 'value', 'categoryName', 'categoryNames']);

const labels: Record<string, string> = {
  scope: 'Which data',
  fieldLabel: 'Information',
  currentValue: 'It says now',
  proposedValue: 'It should say',
  processingName: 'Use of their data',
  decision: 'Decision',
  question: 'Their question',
  note: 'Note',
};

/** The order to show details in; anything else comes after them. */
const order = [
  'scope',
  'reason',
  'fieldLabel',
  'currentValue',
  'proposedValue',
  'processingName',
  'decision',
  'question',
  'note',
];

/** `someKeyName` → `Some key name`, for a detail this page does not know yet. */
const humanise = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
};

/** What the requester asked, as label and value, in a readable order. */
export function askedRows(r: Request): [string, string][] {
  const d = r.details;
  const text = (key: string) => {
    const value = d[key];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const value = (key: string): string => {
    if (key === 'scope' && d.recordNames) return `Only these records: ${text('recordNames')}`;
    if (key === 'scope') return text('scope') === 'some' ? `Only: ${text('categoryNames')}` : 'Everything';
    if (key === 'reason' && r.kind === 'restriction') return restrictionReasons[text('reason')] ?? text('reason');
    if (key === 'fieldLabel' && text('categoryName')) return `${text('fieldLabel')} (${text('categoryName')})`;
    return text(key);
  };
  const label = (key: string) =>
    key === 'reason' ? (r.kind === 'restriction' ? 'Why' : 'Their reasons') : (labels[key] ?? humanise(key));
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  return Object.keys(d)
    .sort((a, b) => rank(a) - rank(b))
    .filter((key) => !hidden.has(key) && (key !== 'processing' || !d.processingName) && key !== 'recordNames')
    .map((key): [string, string] => [label(key), value(key)])
    .filter(([, v]) => v !== '');
}

export function Asked(props: { request: Request }) {
  const rows = askedRows(props.request);
  return (
    <section class="category" aria-labelledby="asked">
      <h2 id="asked">What they asked</h2>
      <Terms rows={[['Request', props.request.kindName], ...rows]} />
    </section>
  );
}
