import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Vite wraps every `import()` in a helper that first preloads the chunk's CSS and imports
 * (about 0.7 kB gzip in the chunk every visit loads). The on-demand chunks here have neither: all
 * CSS is in styles.css and they import only from the entry, which is loaded already. So the
 * helper just calls `import()`, and the build fails if an on-demand chunk ever brings CSS.
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'plain-dynamic-imports',
    enforce: 'pre',
    apply: 'build',
    resolveId: (id) => (id === helper ? id : undefined),
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : undefined),
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry && (chunk.viteMetadata?.importedCss.size ?? 0) > 0)
          this.error(`${chunk.fileName} imports CSS: put it in styles.css, or drop plainDynamicImports()`);
      }
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [plainDynamicImports(), preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget check reads it to tell what every visit loads from what loads on demand.
    manifest: true,
    // No inline scripts: the CSP forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2020',
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
