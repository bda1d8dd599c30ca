import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Form } from '../../../components/field/index.tsx';
import { ApiError, type FieldErrors, messageOf } from '../../../lib/portal-client.ts';
import { useForm } from '../../../lib/use-form.ts';

/**
 * A form that asks the server for what to show (the reports, the audit trail): `run` shows the
 * problems found here by their fields, or else does the work; the server's problems also go by
 * the fields, anything else in `error`. `idOf` gives a field's control id (`<prefix>-<name>`).
 */
export function useQueryForm(prefix: string) {
  const form = useForm();
  const [error, setError] = useState('');
  const idOf = (field: string) => `${prefix}-${field}`;
  async function run(problems: FieldErrors, work: () => Promise<void>, failed?: () => void) {
    if (problems.length > 0) return form.fail(problems, idOf);
    form.start();
    setError('');
    try {
      await work();
      form.fail([]);
    } catch (e) {
      failed?.();
      if (e instanceof ApiError && e.fields.length > 0) return form.fail(e.fields, idOf);
      form.fail([]);
      setError(messageOf(e));
    }
  }
  return { form, error, setError, idOf, run };
}

/** The form of a `useQueryForm` in its panel, and what went wrong under it. */
export function QueryPanel(props: {
  query: ReturnType<typeof useQueryForm>;
  id: string;
  title: string;
  submit: string;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  const { form, error } = props.query;
  return (
    <>
      <div class="panel">
        <Form id={props.id} level={2} title={props.title} submit={props.submit} form={form} onSubmit={props.onSubmit}>
          {props.children}
        </Form>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
