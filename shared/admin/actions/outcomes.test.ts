import { describe, expect, it } from 'vitest';
import { received, run, staff } from '../../requests/lifecycle-fixtures.ts';
import type { RequestCase } from './case.ts';
import { outcomeRefusals } from './outcomes.ts';

/** When an outcome may be given while the person's answer is awaited: only if the clock runs on meanwhile. */
describe('outcomes while a question waits for its answer', () => {
  const asked = (purpose: 'identity' | 'clarification') =>
    run({ ...received('2026-03-10'), kind: 'rectification', details: { recordId: 'rec-1' } }, [
      ['2026-03-11', { type: 'ask-information', message: 'Which address?', purpose }, staff],
    ]);
  const caseOf = (request: RequestCase['request']) => ({ request }) as RequestCase;

  it('may be given while a clarification of a request other than access waits: the due date does not wait either', () => {
    const c = caseOf(asked('clarification'));
    expect(c.request.status).toBe('awaiting-information');
    expect(outcomeRefusals.dataAccurate(c)).toBeUndefined();
    expect(outcomeRefusals.nothingHeld(c)).toBeUndefined();
  });

  it('may not while the clock stands still for the person to confirm who they are', () => {
    const c = caseOf(asked('identity'));
    expect(outcomeRefusals.dataAccurate(c)).toMatch(/awaiting-information: that step is not possible now/);
    expect(outcomeRefusals.nothingHeld(c)).toMatch(/not possible now/);
  });
});
