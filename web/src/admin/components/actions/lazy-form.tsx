import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FormProps } from './action-form.tsx';

/**
 * A form loaded when a request first offers it: the rarer actions (connected systems, fees and
 * repeats, outcomes, the work of fulfilment) stay out of the JavaScript every staff visit loads.
 */
export function lazyForm(load: () => Promise<FunctionComponent<FormProps>>): FunctionComponent<FormProps> {
  let loaded: FunctionComponent<FormProps> | undefined;
  return function LazyForm(props: FormProps) {
    const [Form, setForm] = useState(() => loaded);
    useEffect(() => {
      if (Form) return;
      void load().then((f) => {
        loaded = f;
        setForm(() => f);
      });
    }, [Form]);
    return Form ? <Form {...props} /> : <p class="muted">Loading…</p>;
  };
}
