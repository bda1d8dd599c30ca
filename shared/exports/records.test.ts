import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readAhead } from './records.ts';

describe('reading ahead', () => {
  it('has the next page’s request sent before a page is handed on, however many steps sending takes', async () => {
    const pages = 5;
    let sent = 0;
    /** Like the SDK: many promise steps before the request goes out, then the wait on the network. */
    async function* store() {
      for (let page = 0; page < pages; page++) {
        for (let step = 0; step < 200; step++) await Promise.resolve();
        sent++;
        await sleep(1);
        yield page;
      }
    }
    const seen: { page: number; sent: number }[] = [];
    for await (const page of readAhead(store())) {
      seen.push({ page, sent });
      // Writing the page out: promise steps of its own, which the request must not wait behind.
      for (let step = 0; step < 50; step++) await Promise.resolve();
    }
    expect(seen).toEqual([
      { page: 0, sent: 2 },
      { page: 1, sent: 3 },
      { page: 2, sent: 4 },
      { page: 3, sent: 5 },
      { page: 4, sent: 5 },
    ]);
  });

  it('fails with a page that fails while the one before is written out, not as an unhandled rejection', async () => {
    async function* store() {
      yield 0;
      throw new Error('the store did not answer');
    }
    const written: number[] = [];
    const reading = (async () => {
      for await (const page of readAhead(store())) {
        await sleep(20); // the next page fails meanwhile
        written.push(page);
      }
    })();
    await expect(reading).rejects.toThrow('the store did not answer');
    expect(written).toEqual([0]);
  });

  it('holds no more than the page handed on and the one asked for', async () => {
    let asked = 0;
    async function* store() {
      for (let page = 0; page < 4; page++) {
        asked++;
        await sleep(1);
        yield page;
      }
    }
    for await (const page of readAhead(store())) expect(asked).toBeLessThanOrEqual(page + 2);
  });
});
