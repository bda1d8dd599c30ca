/**
 * Bundles one Lambda entry point with esbuild's JavaScript API and the options in
 * infra/bundling.ts (its plugin needs the API: the CLI takes none). Run by the synth in a child
 * process, as CDK's bundling is synchronous: `tsx infra/build-function.ts <entry> <outfile>`.
 */
import { build } from 'esbuild';
import { esbuildOptions } from './bundling.ts';
import { fromRoot } from './paths.ts';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: tsx infra/build-function.ts <entry, from the repository root> <outfile>');
  process.exit(2);
}
const result = await build(esbuildOptions(fromRoot(entry), outfile));
// A warning here is a bundle that may not do what the source says (say, an import esbuild found no export for).
if (result.warnings.length > 0) process.exit(1);
