import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/portal-client.ts';

/** The front door of a deployment: which organisation's privacy centre do you want? */
export function TenantPicker() {
  const [tenants, setTenants] = useState<{ slug: string; name: string }[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ tenants: { slug: string; name: string }[] }>('/tenants')
      .then((r) => setTenants(r.tenants))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!tenants) return <p aria-busy="true">Loading…</p>;
  return (
    <ul class="tenants">
      {tenants.map((t) => (
        <li key={t.slug}>
          <a href={`/t/${t.slug}/`}>{t.name}</a>
        </li>
      ))}
    </ul>
  );
}
