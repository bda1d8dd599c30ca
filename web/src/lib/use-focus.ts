import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus into the returned element whenever `key` changes to something truthy (not on
 * the first render): to the element itself, or with `selector`, to the first match inside it.
 */
export function useFocus<T extends HTMLElement>(key: unknown, selector?: string) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!key || !ref.current) return;
    const target = selector ? ref.current.querySelector<HTMLElement>(selector) : ref.current;
    target?.focus();
  }, [key]);
  return ref;
}
