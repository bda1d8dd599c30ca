import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, NODE_TARGET } from '../../infra/bundling.ts';
import { fromRoot } from '../../infra/paths.ts';

const read = (path: string) => readFileSync(fromRoot(path), 'utf8');

describe('the Node version the tests run on', () => {
  it('is the Lambda runtime major: scripts/node24.sh installs that major and esbuild targets it', () => {
    const pinned = read('scripts/node24.sh').match(/^NODE_VERSION=(\d+)\.\d+\.\d+$/m);
    expect(pinned?.[1]).toBe(String(NODE_MAJOR));
    expect(NODE_TARGET).toBe(`node${NODE_MAJOR}`);
    expect(read('infra/constructs/app-function.ts')).toContain(`Runtime.NODEJS_${NODE_MAJOR}_X`);
  });

  it('is the one CI uses, for the install and for exactly the README test command', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^scripts\/node24\.sh npm ci\b/m);
    expect(ci).toMatch(/^scripts\/node24\.sh npm test$/m);
    expect(read('README.md')).toContain('npm test ');
    expect(read('README.md')).toContain(`Node ${NODE_MAJOR}`);
  });
});
