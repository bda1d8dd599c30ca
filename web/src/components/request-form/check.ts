import type { FieldErrors, NewRequest } from '../../lib/portal-client.ts';
import { DIRECT_MARKETING } from '../../lib/request-words.ts';

export type Kind = NewRequest['kind'];

/** What the person has put in the form so far. `field` is `<recordId>|<fieldId>`, or `other` with `fieldText`. */
export interface Draft {
  values: Record<string, string>;
  categories: string[];
}

export const OTHER = 'other';
export const hasScope = (kind: Kind) =>
  kind === 'access' || kind === 'erasure' || kind === 'restriction' || kind === 'portability';

/** The same checks the server makes, so that every problem shows at once; the server still decides. */
export function problemsOf(kind: Kind, draft: Draft): FieldErrors {
  const v = (name: string) => draft.values[name]?.trim() ?? '';
  const problems: FieldErrors = [];
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  if (hasScope(kind)) {
    need(v('scope'), 'scope', 'Choose everything or only some kinds of data');
    need(v('scope') !== 'some' || draft.categories.length > 0, 'categories', 'Choose at least one kind of data');
  }
  if (kind === 'restriction') need(v('reason'), 'reason', 'Choose why you want us to stop using your data');
  if (kind === 'rectification') {
    need(v('field'), 'field', 'Choose which information is wrong');
    need(v('field') !== OTHER || v('fieldText'), 'fieldText', 'Please tell us which information is wrong');
    need(v('value'), 'value', 'Please tell us what it should be');
  }
  if (kind === 'objection') {
    need(v('processing'), 'processing', 'Choose which use of your data you object to');
    need(
      v('processing') === DIRECT_MARKETING || v('reason'),
      'reason',
      'Please tell us why you object: we must weigh your reasons against ours',
    );
  }
  if (kind === 'automated-decision') {
    need(v('decision'), 'decision', 'Please tell us which decision');
    need(v('question'), 'question', 'Please tell us your question');
  }
  return problems;
}

/** The request as the API takes it: only the fields its kind has, and nothing empty. */
export function requestOf(kind: Kind, draft: Draft): NewRequest {
  const v = (name: string) => draft.values[name]?.trim() || undefined;
  const scope = v('scope') === 'some' ? 'some' : 'everything';
  const categories = scope === 'some' ? draft.categories : undefined;
  const note = v('note');
  switch (kind) {
    case 'access':
    case 'erasure':
    case 'portability':
      return { kind, scope, categories, note };
    case 'restriction':
      return { kind, scope, categories, reason: v('reason') as 'accuracy', note };
    case 'rectification': {
      const [recordId, field] = (v('field') ?? '').split('|');
      const value = v('value') ?? '';
      return recordId === OTHER || !field
        ? { kind, field: v('fieldText') ?? '', value, note }
        : { kind, recordId, field, value, note };
    }
    case 'objection':
      return { kind, processing: v('processing') ?? '', reason: v('reason') };
    case 'automated-decision':
      return { kind, decision: v('decision') ?? '', question: v('question') ?? '' };
  }
}

/** A server error's field (`request.value`, `categories`, `request.categories.0`) as the form names it. */
export const fieldOf = (kind: Kind, draft: Draft, field: string): string => {
  const name = field.replace(/^request\./, '').split('.')[0] ?? field;
  return kind === 'rectification' && name === 'field' && draft.values.field === OTHER ? 'fieldText' : name;
};
