import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './retry-after.ts';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  it('reads delay-seconds and an HTTP-date', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
  });
  it('a date in the past is no wait; nothing or nonsense is undefined', () => {
    expect(retryAfterMs('Thu, 03 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 200, 1000, () => 0.999))).toEqual([399, 799, 999, 999]);
    expect(backoffMs(3, 200, 5000, () => 0)).toBe(0);
    expect(backoffMs(3, 200, 5000, () => 0.5)).toBe(800);
  });
});
