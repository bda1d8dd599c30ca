import { useState } from 'preact/hooks';
import { type FieldErrors, problemsOf } from './portal-client.ts';

/**
 * The state every small form here needs: errors by field, the error summary as it stood at the
 * last failed submit (it stays put until the next one, so nothing moves under the pointer), and
 * sending.
 */
export function useForm() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<{ id: string; message: string }[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  /** `idOf` turns a field name into its control's id, for the summary's links. */
  const fail = (list: FieldErrors, idOf: (field: string) => string = (f) => f) => {
    setErrors(Object.fromEntries(list.map((e) => [e.field, e.message])));
    setSummary(list.map((e) => ({ id: idOf(e.field), message: e.message })));
    setAttempt((a) => a + 1);
    setSending(false);
  };
  const start = () => {
    setErrors({});
    setSummary([]);
    setSending(true);
  };
  /** Runs `task` while sending; if it throws, its problems show (`problemsOf`, against `field`). */
  const send = async (task: () => Promise<unknown>, field: string, idOf?: (field: string) => string) => {
    start();
    try {
      await task();
    } catch (error) {
      fail(problemsOf(error, field), idOf);
    }
  };
  return { errors, setErrors, summary, attempt, sending, start, fail, send };
}
