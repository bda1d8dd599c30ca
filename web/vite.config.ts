import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Vite wraps every `import()` in a helper that first preloads the chunk's CSS and imports
 * (about 0.7 kB gzip in the chunk every visit loads). The on-demand chunks here have neither: all
 * CSS is in the entries' stylesheets (styles.css; admin.css for the staff page) and they import
 * only from their entry, which is loaded already. So the helper just calls `import()`, and the
 * build fails if an on-demand chunk ever brings CSS.
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'plain-dynamic-imports',
    enforce: 'pre',
    apply: 'build',
    resolveId: (id) => (id === helper ? id : undefined),
    // startsWith: the staff page has its own copy (see separateStaffPage).
    load: (id) => (id.startsWith(helper) ? 'export const __vitePreload = (load) => load();' : undefined),
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry && (chunk.viteMetadata?.importedCss.size ?? 0) > 0)
          this.error(`${chunk.fileName} imports CSS: put it in styles.css or admin.css, or drop plainDynamicImports()`);
      }
    },
  };
}

/**
 * The subject page and the staff page share no chunk. Left to itself the bundler would put what
 * both import (Preact, the API client, the form fields) in a common chunk: every subject visit
 * would then load two files instead of one (more bytes after gzip, and over the subject budget),
 * and the subject page's files would change whenever the staff page does. So everything the
 * staff page imports from outside `src/admin/` is loaded again as a copy of its own (the same
 * file under `?admin-copy`): the staff page gets its own Preact, the subject build is exactly
 * what it would be without the staff page, and the build fails if any chunk the subject page can
 * load holds staff code.
 */
function separateStaffPage(): Plugin {
  const copy = '?admin-copy';
  const isStaff = (id: string) => id.endsWith(copy) || id.includes('/src/admin/') || id.endsWith('/admin.html');
  return {
    name: 'separate-staff-page',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (!importer || !isStaff(importer)) return;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external || resolved.id.includes('?')) return resolved;
      if (isStaff(resolved.id) || resolved.id.endsWith('.css')) return resolved;
      return { ...resolved, id: resolved.id + copy };
    },
    // A virtual module's copy (`\0…`) is left to the plugin that makes the module.
    load: (id) => (id.endsWith(copy) && !id.startsWith('\0') ? readFileSync(id.slice(0, -copy.length), 'utf8') : undefined),
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const subject = [...chunks.values()].filter((c) => c.isEntry && c.facadeModuleId?.endsWith('/index.html'));
      const seen = new Set<string>();
      const visit = (file: string) => {
        const chunk = chunks.get(file);
        if (!chunk || seen.has(file)) return;
        seen.add(file);
        const staff = chunk.moduleIds.find(isStaff);
        if (staff) this.error(`${file}, which the subject page loads, holds staff code (${staff})`);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      for (const entry of subject) visit(entry.fileName);
    },
  };
}

/** In development, the staff addresses (`/t/<tenant>/admin/…`) get the staff page, as the local server does. */
function staffPageInDev(): Plugin {
  return {
    name: 'staff-page-in-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/t\/[a-z0-9-]+\/admin(\/|\?|$)/.test(req.url)) req.url = '/admin.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [separateStaffPage(), plainDynamicImports(), staffPageInDev(), preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget check reads it to tell what every visit loads from what loads on demand.
    manifest: true,
    // No inline scripts: the CSP forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2020',
    // Two pages: the subject's privacy centre and the staff admin.
    rollupOptions: { input: { index: 'web/index.html', admin: 'web/admin.html' } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
