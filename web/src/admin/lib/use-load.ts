import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../lib/portal-client.ts';
import { adminApi } from './admin-client.ts';

export type Load<T> = { kind: 'loading' } | { kind: 'error'; status: number; message: string } | { kind: 'ready'; data: T };

/**
 * GET a staff API path, again whenever it changes. `reload` fetches it afresh (keeping what is
 * shown until the answer comes); `set` replaces the data with what an action returned.
 */
export function useLoad<T>(tenant: string, path: string) {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  const fetchIt = useCallback(
    () =>
      adminApi<T>(tenant, path).then(
        (data) => setLoad({ kind: 'ready', data }),
        (e: unknown) =>
          setLoad({
            kind: 'error',
            status: e instanceof ApiError ? e.status : 0,
            message: e instanceof ApiError ? e.message : 'Something went wrong.',
          }),
      ),
    [tenant, path],
  );
  useEffect(() => {
    setLoad({ kind: 'loading' });
    fetchIt();
  }, [fetchIt]);
  return { load, reload: fetchIt, set: (data: T) => setLoad({ kind: 'ready', data }) };
}
