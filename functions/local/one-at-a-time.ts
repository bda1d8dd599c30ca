/**
 * `run`, one at a time: a call while one is under way waits for that one instead of starting
 * another; `idle()` waits for the one under way, if any (its failure is the caller's to see).
 */
export function oneAtATime<T>(run: () => Promise<T>) {
  let running: Promise<T> | undefined;
  const call = () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  const idle = async () => {
    await running?.catch(() => undefined);
  };
  return Object.assign(call, { idle });
}

/** Calls `tick` every `ms` (none when unset), ignoring its failures, without keeping the process alive. */
export function every(ms: number | undefined, tick: () => Promise<unknown>): NodeJS.Timeout | undefined {
  const timer = ms ? setInterval(() => void tick().catch(() => undefined), ms) : undefined;
  timer?.unref();
  return timer;
}
