import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readAhead, startedEarly } from './records.ts';

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

describe('records started early', () => {
  it('asks for the first record at once, then hands every record on in order', async () => {
    const asked: number[] = [];
    async function* store() {
      for (let i = 0; i < 3; i++) {
        asked.push(i);
        await sleep(1);
        yield i;
      }
    }
    const early = startedEarly(store());
    expect(asked).toEqual([0]);
    const seen: number[] = [];
    for await (const record of early.items) seen.push(record);
    expect(seen).toEqual([0, 1, 2]);
    await early.close();
  });

  it('lets the read go when the records are never taken, quietly if it failed', async () => {
    let closed = false;
    async function* store() {
      try {
        await sleep(1);
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    await startedEarly(store()).close();
    expect(closed).toBe(true);
    async function* failing() {
      await sleep(1);
      const page: number = await Promise.reject(new Error('the store did not answer'));
      yield page;
    }
    const early = startedEarly(failing());
    await sleep(5); // failed meanwhile, with nobody waiting for it
    await early.close();
  });
});
