import { type Choice, Radios } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import type { Bind } from '../../../lib/use-fields.ts';

/** What an action form's fields hold, by name: always text, as the controls give it. */
export type Values = Record<string, string>;

/** One field of an action form, described: `ActionForm` keeps its value and draws it. */
export interface FieldSpec {
  /** The label, or a radio group's legend. */
  label: string;
  hint?: string;
  /** A one-line text box by default. */
  type?: 'text' | 'multiline' | 'date' | 'select' | 'radio';
  options?: Choice[];
  /** The most characters the server takes: shown, with a live count. */
  maxLength?: number;
  initial?: string;
  /** Required: the problem to show when it is left blank. */
  need?: string;
  /** Shown only while this holds. */
  when?: (v: Values) => boolean;
}

/** A text the requester is emailed, required: "Reason (the requester is told it)". */
export const told = (label: string, need: string, maxLength?: number): FieldSpec => ({
  label: `${label} (the requester is told it)`,
  type: 'multiline',
  maxLength,
  need: `${need}: the requester is told it`,
});

/** The note the requester is emailed when their request is completed. */
export const responseNote = (hint: string): FieldSpec => ({
  label: 'Response note for the requester',
  hint,
  type: 'multiline',
  maxLength: 5000,
  need: 'Write a response note for the requester',
});

/** Today, as a date field's value. */
export const today = () => new Date().toISOString().slice(0, 10);

/** A check that a text was given: the problem, or none. */
export const need = (value: string, field: string, message: string): FieldErrors => (value.trim() ? [] : [{ field, message }]);

/** The fields' problems when left blank, in their order. */
export const needs = (fields: Record<string, FieldSpec>, v: Values): FieldErrors =>
  Object.entries(fields).flatMap(([name, s]) => (s.need && (s.when?.(v) ?? true) ? need(v[name] ?? '', name, s.need) : []));

export function SpecField(props: { name: string; spec: FieldSpec; bind: Bind }) {
  const { spec } = props;
  const b = props.bind(props.name);
  if (spec.type === 'radio') return <Radios {...b} legend={spec.label} options={spec.options ?? []} />;
  return (
    <Field
      {...b}
      {...(spec.type === 'date' ? { type: 'date' } : {})}
      label={spec.label}
      hint={spec.hint}
      multiline={spec.type === 'multiline'}
      maxLength={spec.maxLength}
      options={spec.type === 'select' ? spec.options : undefined}
    />
  );
}
