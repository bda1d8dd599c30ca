import { loadTenantDir } from '../functions/local/tenant-bundles.ts';

const all = loadTenantDir(process.argv[2] ?? 'tenants');
for (const t of all)
  console.log(t.config.slug, t.config.categories.length, 'categories', t.demo?.subjects.length ?? 0, 'demo subjects');
