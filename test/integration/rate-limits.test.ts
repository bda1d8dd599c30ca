import { describe, expect, it } from 'vitest';
import { useTestCentre } from '../support/centre.ts';

const WINDOW = 15 * 60;
const LIMIT = 5;
const s = useTestCentre({ distDir: undefined });

/** A time three seconds before a quarter hour: where a fixed 15-minute window would end. */
const justBeforeBoundary = () => {
  const now = Math.floor(Date.now() / 1000);
  return now - (now % WINDOW) + WINDOW - 3;
};
let n = 0;
const freshKey = () => `test#${Date.now()}#${n++}`;
const hit = (key: string, at: number, limit = LIMIT) => s.centre.deps.rateLimiter.hit('it-mk', key, limit, WINDOW, at);

describe('rate limits slide (DynamoDB, conditional writes)', () => {
  it('allows no more than the limit in any 15 minutes, even around a quarter-hour boundary', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    for (let i = 0; i < LIMIT; i++) expect((await hit(key, t)).allowed).toBe(true);
    const after = await hit(key, t + 6);
    expect(after.allowed).toBe(false);
    // Until the first hit is a full window old.
    expect(after.retryAfterSeconds).toBe(WINDOW - 6);
  });

  it('frees one place as each hit leaves the window', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    for (let i = 0; i < LIMIT; i++) expect((await hit(key, t + i * 60)).allowed).toBe(true);
    expect((await hit(key, t + WINDOW - 1)).allowed).toBe(false);
    expect((await hit(key, t + WINDOW)).allowed).toBe(true); // the first has left
    const full = await hit(key, t + WINDOW + 1);
    expect(full.allowed).toBe(false); // the second is still in the window
    expect(full.retryAfterSeconds).toBe(59);
    expect((await hit(key, t + WINDOW + 60)).allowed).toBe(true);
  });

  it('counts refused attempts nowhere: a client that keeps trying gets in once a place is free', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    for (let i = 0; i < LIMIT; i++) await hit(key, t);
    for (let s = 1; s < WINDOW; s += 97) expect((await hit(key, t + s)).allowed).toBe(false);
    expect((await hit(key, t + WINDOW)).allowed).toBe(true);
  });

  it('lets exactly the limit through when many hits race', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    const results = await Promise.all(Array.from({ length: 12 }, () => hit(key, t)));
    expect(results.filter((r) => r.allowed)).toHaveLength(LIMIT);
    expect((await hit(key, t + 1)).allowed).toBe(false);
  });

  it('peeks without counting', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    for (let i = 0; i < LIMIT - 1; i++) await hit(key, t);
    expect((await s.centre.deps.rateLimiter.peek('it-mk', key, LIMIT, WINDOW, t + 1)).allowed).toBe(true);
    expect((await s.centre.deps.rateLimiter.peek('it-mk', key, LIMIT, WINDOW, t + 1)).allowed).toBe(true);
    expect((await hit(key, t + 1)).allowed).toBe(true);
    const full = await s.centre.deps.rateLimiter.peek('it-mk', key, LIMIT, WINDOW, t + 2);
    expect(full).toEqual({ allowed: false, retryAfterSeconds: WINDOW - 2 });
  });

  it('keeps one item per key, which expires by TTL a window after its last hit', async () => {
    const key = freshKey();
    const t = justBeforeBoundary();
    await hit(key, t);
    await hit(key, t + 10);
    const items = (await s.centre.scanAll()).filter((i) => String(i.pk).includes(key));
    expect(items).toHaveLength(1);
    expect(items[0]?.expiresAt).toBe(t + 10 + WINDOW);
    expect(String(items[0]?.pk)).toMatch(/^T#it-mk#RATE#/);
  });
});
