import type { Reporter, RunnerTestCase, RunnerTestFile, Vitest } from 'vitest/node';

/**
 * For mutation runs only (vitest.mutation.config.ts). Stryker's vitest runner (9.6.1, and 10.0.0)
 * builds a mutant's result from the tests it collected; a test file whose import throws collects
 * none, so a mutant that stops a rule module from loading at all (e.g. the time zone
 * 'Europe/London' → '', which makes Intl throw) was scored as *survived* though every test of it
 * fails (stryker-js#6150). This reporter turns such a file into one failed test carrying the load
 * error, so the mutant is scored killed. A file that loaded is left exactly as it is.
 */
export class LoadFailureReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd() {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state === 'fail' && file.tasks.length === 0) file.tasks.push(loadFailure(file));
    }
  }
}

function loadFailure(file: RunnerTestFile): RunnerTestCase {
  const message = file.result?.errors?.[0]?.message ?? 'the test file failed to load';
  // A finished, failed test as the runner reports one; nothing runs it again (its context is
  // only ever built by vitest for a test it runs, hence the one cast).
  return {
    type: 'test',
    id: `${file.id}_load`,
    name: 'the test file loads',
    fullName: `${file.name} the test file loads`,
    fullTestName: 'the test file loads',
    mode: 'run',
    file,
    suite: file,
    meta: {},
    timeout: 0,
    annotations: [],
    artifacts: [],
    context: undefined as unknown as RunnerTestCase['context'],
    result: { state: 'fail', errors: [{ message, name: 'LoadError' }] },
  } as RunnerTestCase;
}
