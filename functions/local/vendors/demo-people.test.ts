import { afterEach, describe, expect, it, vi } from 'vitest';
import { daysAgoIso } from './demo-people.ts';

afterEach(() => vi.useRealTimers());

describe('the demo data’s relative dates', () => {
  it('count back from one moment per process, so stand-ins seeded a second apart hold the same dates', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = daysAgoIso(3);
    vi.setSystemTime(Date.now() + 1_500);
    // A coded and a declared HaloPSA seeded either side of a second once differed here (a flaky comparison).
    expect(daysAgoIso(3)).toBe(first);
  });
});
