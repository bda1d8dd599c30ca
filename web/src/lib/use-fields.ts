import { useState } from 'preact/hooks';

/** A field's control wired to its form: its id, value, setter and error. */
export type Bind<K extends string = string> = (name: K) => {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
};

/**
 * The text values of a form's fields, and `bind(name)`: what a `Field` needs to show and change
 * one (its id from `idOf`, and its error from `errors`).
 */
export function useFields<T extends Record<string, string>>(
  initial: T | (() => T),
  idOf: (name: string) => string,
  errors: Record<string, string | undefined> = {},
) {
  const [values, setValues] = useState<T>(initial);
  const bind: Bind<keyof T & string> = (name) => ({
    id: idOf(name),
    value: values[name] ?? '',
    onValue: (value) => setValues((v) => ({ ...v, [name]: value })),
    error: errors[name],
  });
  return { values, setValues, bind };
}
