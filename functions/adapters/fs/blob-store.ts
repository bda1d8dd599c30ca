import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../../shared/exports/ports.ts';

/**
 * Blobs as files under one folder: the local stand-in for the S3 bucket. There is no direct URL
 * (the API streams the file itself), which is also what S3's presigned URL hides from the subject.
 */
export function fsBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/.test(key) || key.split('/').includes('..')) throw new Error(`bad blob key: ${key}`);
    const path = join(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`bad blob key: ${key}`);
    return path;
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written beside, then renamed: a reader never sees half a file.
      const part = `${path}.${process.pid}.${Date.now()}.part`;
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(Readable.from(body, { objectMode: false }), count, createWriteStream(part, { mode: 0o600 }));
        await rename(part, path);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
      return { size };
    },

    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      return { body: createReadStream(path), size: info.size };
    },

    async directUrl() {
      return undefined;
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
