import type { ComponentChildren } from 'preact';
import { FieldError } from '../field/index.tsx';

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** The options of a select or radios, from a map of value to words. */
export const optionsOf = (words: Record<string, string>): Choice[] =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

/**
 * A group of radios or checkboxes, named by its `legend` (or by the heading `labelledBy`
 * points at), with its hint and error message wired up like a `Field`'s. The first control's id
 * is `id`, so that the error summary's link lands on it.
 */
export function Choices(props: {
  id: string;
  type: 'radio' | 'checkbox';
  options: Choice[];
  selected: string[];
  onChange: (selected: string[]) => void;
  legend?: string;
  labelledBy?: string;
  hint?: ComponentChildren;
  error?: string;
}) {
  const { id, type, selected, error } = props;
  const described = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const pick = (value: string, on: boolean) =>
    props.onChange(type === 'radio' ? [value] : on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset
      class={error ? 'field choices invalid' : 'field choices'}
      aria-labelledby={props.labelledBy}
      aria-describedby={described}
    >
      {props.legend && <legend>{props.legend}</legend>}
      {props.hint && (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={id} error={error} />
      {props.options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div key={o.value} class="choice">
            <input
              id={optionId}
              type={type}
              name={id}
              value={o.value}
              checked={selected.includes(o.value)}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              onChange={(e) => pick(o.value, (e.currentTarget as HTMLInputElement).checked)}
            />
            <label for={optionId} class={o.hint ? 'strong' : undefined}>
              {o.label}
            </label>
            {o.hint && (
              <p id={`${optionId}-hint`} class="hint">
                {o.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** One choice of several, as radios wired like a `Field` (spread `bind(name)` into it). */
export function Radios(props: {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  legend: string;
  hint?: ComponentChildren;
  options: Choice[];
}) {
  return (
    <Choices
      id={props.id}
      type="radio"
      legend={props.legend}
      hint={props.hint}
      options={props.options}
      selected={[props.value]}
      // A radio cannot be unchosen: there is always a value.
      onChange={([value]) => props.onValue(value ?? '')}
      error={props.error}
    />
  );
}
