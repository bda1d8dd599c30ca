import { fileURLToPath } from 'node:url';

/** The repository root: entry points, the lock file, tenants/ and web/dist are found from here. */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));

export const fromRoot = (...parts: string[]): string => [projectRoot.replace(/\/+$/, ''), ...parts].join('/');
