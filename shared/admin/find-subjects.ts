import { normaliseEmail } from '../crypto.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { buildMyData } from '../my-data.ts';
import { auditStaffRead, type StaffContext } from './context.ts';

/** Finds subjects by exact email address (staff lookup). The search itself is audited. */
export async function findSubjects(deps: Deps, ctx: StaffContext, email: string) {
  const slug = ctx.tenant.slug;
  const normalised = normaliseEmail(email);
  const id = await deps.subjects.findIdByEmail(slug, normalised);
  const subject = id ? await deps.subjects.get(slug, id) : undefined;
  await auditStaffRead(deps, ctx, {
    action: 'staff.searched_subjects',
    ...(subject ? { subjectId: subject.id } : {}),
    detail: { by: 'email', found: subject ? 1 : 0 },
  });
  if (!subject) return [];
  const today = ukDate(deps.clock.now());
  const data = buildMyData(ctx.tenant, subject, await deps.subjects.listRecords(slug, subject.id), today);
  return [{ id: subject.id, email: subject.email, name: data.subject.name }];
}
