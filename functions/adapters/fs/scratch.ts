import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScratchFile, ScratchSpace } from '../../../shared/exports/ports.ts';

/**
 * Scratch files in the machine's temp folder (on Lambda, the function's private /tmp): a folder
 * of its own per file, mode 0600, removed by dispose(). What an export spills here is the
 * subject's data, so the builder disposes of it however the build ends.
 */
export function fsScratchSpace(root: string = tmpdir()): ScratchSpace {
  return {
    async create(): Promise<ScratchFile> {
      const dir = await mkdtemp(join(root, 'pc-scratch-'));
      const path = join(dir, 'spill');
      const out = createWriteStream(path, { mode: 0o600 });
      // Always listened for: an error with no listener would end the process. A write still in
      // flight when the file is disposed fails that way, and is of no interest by then.
      let failure: Error | undefined;
      let disposed = false;
      out.on('error', (error) => {
        failure ??= error;
      });
      let ended: Promise<void> | undefined;
      const end = () => {
        ended ??= new Promise<void>((resolve, reject) => {
          if (failure) return reject(failure);
          out.once('error', reject);
          out.end(() => resolve());
        });
        return ended;
      };
      return {
        async append(data) {
          if (disposed) return; // what a compressor still flushes after a dispose goes nowhere
          if (failure) throw failure;
          if (!out.write(data)) await once(out, 'drain');
        },
        async *read() {
          await end();
          const input = createReadStream(path, { highWaterMark: 64 * 1024 });
          try {
            for await (const chunk of input) yield chunk as Buffer;
          } finally {
            input.destroy();
          }
        },
        async dispose() {
          disposed = true;
          out.destroy();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}
