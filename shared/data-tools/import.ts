import { type StaffContext, staffActor } from '../admin/context.ts';
import type { ImportReport } from '../admin-api.ts';
import { newId } from '../crypto.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { AuditEventInput } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { erasedMarkerLookups } from '../fulfilment/erase.ts';
import { CONSENT_CATEGORY } from '../my-data.ts';
import { relationshipChanges, relationshipPersonal } from '../relationship.ts';
import { requirePermission } from '../staff/permissions.ts';
import { grouped } from '../uk-time.ts';
import { inParallel, PARALLEL, type PersonPlan, type Planned, plan, same } from './import-plan.ts';
import { checkImportFile, importColumns, type RowError } from './import-rows.ts';

export interface ImportInput {
  format: 'csv' | 'json';
  category: string;
  system: string;
  dryRun: boolean;
  validRowsOnly: boolean;
  content: string;
  mapping?: Record<string, string>;
  lineOffset: number;
}

/** The audit of an updated record: like a correction, one event per changed field, old → new kept apart. */
function changeEvents(ctx: StaffContext, subjectId: string, system: string, p: Planned): AuditEventInput[] {
  const before = p.previous?.data ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(p.record.data)])].filter(
    (f) => String(before[f] ?? '') !== String(p.record.data[f] ?? ''),
  );
  return fields.map((field) => ({
    action: 'import.field_changed',
    actor: staffActor(ctx),
    subjectId,
    detail: { recordId: p.record.id, category: p.record.category, field, system },
    personal: { old: String(before[field] ?? ''), new: String(p.record.data[field] ?? '') },
  }));
}

/**
 * Imports subjects and records from another system's export. Every row is checked first; a dry
 * run stops there and reports what would happen. A real import writes nothing while any row is
 * bad, unless the member of staff asked for the valid rows only. Each row is written all or
 * nothing (a new person with their first record in one transaction; a record with its audit
 * events in one); a re-import of the same rows finds the records by their derived id and reports
 * them unchanged.
 */
export async function runImport(deps: Deps, ctx: StaffContext, input: ImportInput): Promise<ImportReport> {
  const slug = ctx.tenant.slug;
  await requirePermission(deps, ctx, 'act', input.dryRun ? 'import-dry-run' : 'import');
  const category = ctx.tenant.categories.find((c) => c.id === input.category);
  const refuse = (message: string) => new DomainError('bad_request', message, { fields: [{ field: 'category', message }] });
  if (!category) throw refuse(`This centre has no category "${input.category}".`);
  if (category.id === CONSENT_CATEGORY) {
    throw refuse(
      'Marketing choices live on the consent ledger, with the wording each person saw: they cannot be imported as records.',
    );
  }
  const now = deps.clock.now();
  const checked = checkImportFile({
    ...input,
    category,
    today: ukDate(now),
    kinds: ctx.tenant.relationshipKinds.map((k) => k.id),
  });
  const planned = await plan(deps, slug, category, input.system, checked.rows);
  // People whose data was erased at their request are never brought back by an old file.
  const erased = new Set<string>();
  for (const person of planned) {
    if (
      !person.subjectId &&
      (await deps.suppressions.has(slug, erasedMarkerLookups(deps.settings.hashKeys, slug, person.email)))
    ) {
      erased.add(person.email);
    }
  }
  const people = planned.filter((p) => !erased.has(p.email));

  const errors: RowError[] = [
    ...checked.errors,
    ...planned
      .filter((p) => erased.has(p.email))
      .flatMap((p) =>
        p.rows.map((r) => ({
          line: r.row.line,
          field: 'email',
          message: 'This person’s data was erased at their request: they cannot be imported again.',
        })),
      ),
  ];
  const counts = { created: 0, updated: 0, unchanged: 0, invalid: 0, subjectsCreated: 0, relationshipsSet: 0 };
  const report = (written: boolean): ImportReport => ({
    dryRun: input.dryRun,
    written,
    category: category.id,
    system: input.system,
    rows: checked.total,
    counts: { ...counts, invalid: new Set(errors.map((e) => e.line)).size },
    errors: [...errors].sort((a, b) => a.line - b.line),
    ignoredColumns: checked.ignoredColumns,
  });
  const audit = async (action: string, written: boolean) => {
    const r = report(written);
    await deps.audit.commit(slug, {
      audit: [
        {
          action,
          actor: staffActor(ctx),
          detail: {
            system: input.system,
            category: category.id,
            format: input.format,
            rows: r.rows,
            ...r.counts,
            validRowsOnly: input.validRowsOnly,
            written,
          },
        },
      ],
    });
    return r;
  };

  if (input.dryRun || (errors.length > 0 && !input.validRowsOnly)) {
    for (const person of people) {
      if (!person.subjectId) counts.subjectsCreated++;
      if (person.relationship) counts.relationshipsSet++;
      for (const p of person.rows) counts[p.outcome]++;
    }
    if (input.dryRun) return audit('import.checked', false);
    const r = await audit('import.refused', false);
    const bad = r.counts.invalid;
    throw new DomainError(
      'bad_request',
      `${bad === 1 ? '1 row has' : `${grouped(bad)} rows have`} errors, so nothing was imported. Correct the file, or choose to import the valid rows only.`,
      { report: r },
    );
  }

  const system = input.system;
  const writeRow = async (person: PersonPlan, p: Planned) => {
    if (!person.subjectId) {
      const id = newId();
      const made = await deps.subjects.create(
        {
          id,
          tenant: slug,
          email: person.email,
          relationship: {
            startedOn: p.row.relationship.startedOn ?? p.row.recordedOn,
            ...(p.row.relationship.endedOn ? { endedOn: p.row.relationship.endedOn } : {}),
            ...(p.row.relationship.kind ? { kind: p.row.relationship.kind } : {}),
          },
          createdAt: now.toISOString(),
          version: 0,
        },
        [p.record],
        {
          audit: [
            {
              action: 'import.subject_created',
              actor: staffActor(ctx),
              subjectId: id,
              detail: {
                system,
                category: p.record.category,
                recordId: p.record.id,
                ...(p.row.relationship.kind ? { kind: p.row.relationship.kind } : {}),
              },
            },
          ],
        },
      );
      if (made) {
        person.subjectId = id;
        counts.subjectsCreated++;
        counts.created++;
        return;
      }
      // Someone else made this person meanwhile (another import, a sign-up): add the record to them.
      person.subjectId = await deps.subjects.findIdByEmail(slug, person.email);
      if (!person.subjectId) throw new Error('subject neither created nor found');
      const previous = (await deps.subjects.listRecords(slug, person.subjectId)).find((r) => r.id === p.record.id);
      Object.assign(p, { previous, outcome: previous ? (same(previous, p.record) ? 'unchanged' : 'updated') : 'created' });
      if (previous?.hold) p.record.hold = previous.hold;
    }
    if (p.outcome !== 'unchanged') {
      await deps.subjects.putRecords({
        tenant: slug,
        subjectId: person.subjectId,
        records: [p.record],
        effects: { audit: p.outcome === 'updated' ? changeEvents(ctx, person.subjectId, system, p) : [] },
      });
    }
    counts[p.outcome]++;
  };

  const writeRelationship = async (person: PersonPlan) => {
    if (!person.relationship || !person.subjectId) return;
    const { before, after } = person.relationship;
    await deps.subjects.setRelationship({
      tenant: slug,
      subjectId: person.subjectId,
      relationship: after,
      effects: {
        audit: [
          {
            action: 'import.relationship_set',
            actor: staffActor(ctx),
            subjectId: person.subjectId,
            detail: {
              system,
              changed: relationshipChanges(before, after).join(','),
              ended: Boolean(after.endedOn),
              ...(after.kind ? { kind: after.kind } : {}),
            },
            personal: relationshipPersonal(before, after),
          },
        ],
      },
    });
    counts.relationshipsSet++;
  };

  await inParallel(people, PARALLEL, async (person) => {
    try {
      await writeRelationship(person);
    } catch {
      errors.push({
        line: person.rows[0]?.row.line ?? 0,
        field: importColumns.relationshipEndedOn,
        message: 'This person’s relationship dates could not be saved. Import the file again.',
      });
    }
    for (const p of person.rows) {
      try {
        await writeRow(person, p);
      } catch {
        errors.push({
          line: p.row.line,
          field: '(row)',
          message: 'This row could not be saved. Import the file again: rows already saved will show as unchanged.',
        });
      }
    }
  });
  return audit('import.completed', true);
}
