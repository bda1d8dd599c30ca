import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportJob, ExportProgress } from './ports.ts';
import { progressNotes } from './progress-notes.ts';

const job = () => ({ progress: { step: 'waiting', records: 0, categoriesDone: 0, categoriesTotal: 0 } }) as ExportJob;
const at = (records: number): ExportProgress => ({ step: 'json', records, categoriesDone: 0, categoriesTotal: 3 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an export build’s progress notes', () => {
  // The clock is the test's own where the interval matters: on a loaded machine a real one can
  // let 40 ms pass between two notes taken one after the other.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the first note at once, then at most one per interval and always the latest', async () => {
    vi.useFakeTimers();
    const held = job();
    const written: number[] = [];
    const notes = progressNotes(held, async (_, p) => void written.push(p.records), 40);
    await notes.note(at(1));
    await notes.note(at(2));
    await notes.note(at(3));
    expect(held.progress.records).toBe(3);
    await vi.advanceTimersByTimeAsync(80);
    expect(written).toEqual([1, 3]);
    await notes.note(at(4));
    await notes.settle();
    expect(written).toEqual([1, 3, 4]);
  });

  it('does not hold the build up while a note is being stored', async () => {
    let release = () => {};
    const notes = progressNotes(job(), () => new Promise<void>((r) => (release = r)), 40);
    let returned = false;
    await notes.note(at(1)).then(() => (returned = true));
    expect(returned).toBe(true);
    release();
    await notes.settle();
  });

  it('stops the build at its next note when a write failed, and fails to settle', async () => {
    const notes = progressNotes(
      job(),
      async () => {
        throw new Error('Another builder took this export over.');
      },
      0,
    );
    await notes.note(at(1));
    await sleep(5);
    await expect(notes.note(at(2))).rejects.toThrow(/took this export over/);
    await expect(notes.settle()).rejects.toThrow(/took this export over/);
  });

  it('writes nothing after it settled', async () => {
    vi.useFakeTimers();
    const written: number[] = [];
    const notes = progressNotes(job(), async (_, p) => void written.push(p.records), 30);
    await notes.note(at(1));
    await notes.note(at(2));
    await notes.settle();
    await vi.advanceTimersByTimeAsync(50);
    expect(written).toEqual([1]);
  });
});
