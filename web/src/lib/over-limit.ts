import { grouped } from '../../../shared/uk-time.ts';

/**
 * The controls of a form whose text is over its limit (a Field's `maxLength`, kept in
 * `data-max`), with the words to show: checked before sending, so that a note pasted at 16 kB is
 * a problem by its field, not a request the server refuses for its size.
 */
export function overLimit(form: HTMLElement): { id: string; message: string }[] {
  return [...form.querySelectorAll<HTMLTextAreaElement>('[data-max]')]
    .filter((el) => el.value.length > Number(el.dataset.max))
    .map((el) => ({
      id: el.id,
      message: `${el.labels?.[0]?.textContent ?? 'This text'}: keep it under ${grouped(Number(el.dataset.max))} characters (it has ${grouped(el.value.length)})`,
    }));
}
