import type { StaffAction } from '../../admin-api.ts';
import type { withAnn } from '../../marketing/preferences-fixtures.ts';
import type { StaffContext } from '../context.ts';
import type { RequestCase } from './case.ts';
import { repeatActions } from './repeats.ts';

type Repeat = Extract<StaffAction, { type: 'merge-duplicate' | 'answer-by-reference' }>;

/** Takes a merge or an answer-by-reference on Ann's case at Acme, as Sam, a handler (for the tests). */
export function takeRepeatAsSam(centre: ReturnType<typeof withAnn>, c: RequestCase, action: Repeat) {
  const tenant = centre.deps.tenants.get('acme');
  const ctx = { tenant, member: { email: 'sam@staff.example', name: 'Sam', role: 'handler' } } as unknown as StaffContext;
  return repeatActions[action.type].run(centre.deps, ctx, c, action as never);
}
