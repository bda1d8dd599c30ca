import type { Load } from '../../lib/use-load.ts';

/** Until the data is there: `loading` (busy), or what went wrong (an alert); nothing once it is. */
export function LoadState<T>(props: { load: Load<T>; loading?: string }) {
  const { load } = props;
  if (load.kind === 'loading') return <p aria-busy="true">{props.loading ?? 'Loading…'}</p>;
  if (load.kind === 'error')
    return (
      <p class="error" role="alert">
        {load.message}
      </p>
    );
  return null;
}
