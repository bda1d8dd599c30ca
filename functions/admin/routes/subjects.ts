import { findSubjects } from '../../../shared/admin/find-subjects.ts';
import {
  HoldRequest,
  ImportColumns,
  ImportReport,
  ImportRequest,
  RecordCorrected,
  RecordCorrection,
  RelationshipRequest,
  RelationshipView,
  StaffRecord,
  StaffSubjectView,
  SubjectLookup,
  SubjectLookupQuery,
} from '../../../shared/admin-api.ts';
import { correctRecord } from '../../../shared/data-tools/correct.ts';
import { setLegalHold } from '../../../shared/data-tools/holds.ts';
import { type ImportInput, runImport } from '../../../shared/data-tools/import.ts';
import { importColumnsFor } from '../../../shared/data-tools/import-rows.ts';
import { setRelationship } from '../../../shared/data-tools/relationship.ts';
import { findByReference, staffSubjectView } from '../../../shared/data-tools/subject.ts';
import { CONSENT_CATEGORY } from '../../../shared/my-data.ts';
import { errorReply, pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, MAX_IMPORT_BYTES, staffReplies } from '../context.ts';

/** The import route: its body may be up to MAX_IMPORT_BYTES (every other staff route: 16 kB). */
export const importPath = `${adminPath}/imports`;

const subjectPath = `${adminPath}/subjects/:subjectId`;
const recordPath = `${subjectPath}/records/:recordId`;
const ids = pathIds('subjectId', 'recordId');

/** The staff data tools: find a person, see and correct their records and relationship dates, legal holds, imports. */
export function subjectRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff data tools');
  const { cannotActAudited: refused, notInCentre: missing } = staffReplies;

  route.get(`${adminPath}/subjects`, {
    access: staffAccess('read'),
    summary: 'Find a person by exact email address (?email=) or by a request reference (?reference=); the search is audited',
    responses: {
      200: reply('Matches (none or one)', SubjectLookup),
      400: errorReply('Neither or both given, or badly formed'),
    },
    handler: async (c) => {
      const query = parseQuery(c, SubjectLookupQuery);
      const staff = c.get('staff');
      const subjects = query.email
        ? await findSubjects(deps, staff, query.email)
        : await findByReference(deps, staff, query.reference ?? '');
      return c.json({ subjects });
    },
  });

  route.get(subjectPath, {
    access: staffAccess('read'),
    summary: 'A person: their records by category (with holds and sources) and their requests (an audited read)',
    responses: { 200: reply('The person', StaffSubjectView), 404: missing },
    handler: async (c) => c.json(await staffSubjectView(deps, c.get('staff'), ids(c).subjectId)),
  });

  route.patch(recordPath, {
    access: staffAccess('act', 'correct-record'),
    summary: 'Correct a record: { version, changes: { field: value } }, any field of its category but the sign-in address',
    body: RecordCorrection,
    responses: {
      200: reply('Saved; the new version and the record', RecordCorrected),
      400: errorReply('Bad values, in details.fields (nothing saved)'),
      403: refused,
      404: missing,
      409: errorReply('Changed meanwhile: details.version and details.record are the newest'),
    },
    handler: async (c, body) => c.json(await correctRecord(deps, c.get('staff'), { ...ids(c), ...body })),
  });

  route.put(`${subjectPath}/relationship`, {
    access: staffAccess('act', 'set-relationship'),
    summary:
      'Record or correct when the person’s relationship began and ended (endedOn null: still going), with a reason: retention “after the relationship” counts from the end',
    body: RelationshipRequest,
    responses: {
      200: reply('The relationship as it is now', RelationshipView),
      400: errorReply('A bad date, an end before the start, a start in the future, or no reason'),
      403: refused,
      404: missing,
      409: errorReply('The person’s data was erased'),
    },
    handler: async (c, body) => c.json(await setRelationship(deps, c.get('staff'), { ...body, subjectId: ids(c).subjectId })),
  });

  for (const [method, place] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    route[method](`${recordPath}/hold`, {
      access: staffAccess('act', place ? 'place-hold' : 'lift-hold'),
      summary: place
        ? 'Place a legal hold on a record, with a reason: erasure and the retention sweep skip it'
        : 'Lift the legal hold on a record, with a reason',
      body: HoldRequest,
      responses: {
        200: reply('The record as it is now', StaffRecord),
        400: errorReply('No reason given'),
        403: refused,
        404: missing,
        409: errorReply(place ? 'Already under a hold' : 'Not under a hold'),
      },
      handler: async (c, body) =>
        c.json(
          await setLegalHold(deps, c.get('staff'), {
            ...ids(c),
            place,
            reason: body.reason,
            ...(body.personWording ? { personWording: body.personWording } : {}),
          }),
        ),
    });
  }

  route.get(`${importPath}/columns`, {
    access: staffAccess('read'),
    summary: 'The columns of an import file for each category that can be imported',
    responses: { 200: reply('Columns by category', ImportColumns) },
    handler: (c) =>
      c.json({
        categories: c
          .get('staff')
          .tenant.categories.filter((cat) => cat.id !== CONSENT_CATEGORY)
          .map((cat) => ({ id: cat.id, name: cat.name, columns: importColumnsFor(cat) })),
      }),
  });

  route.post(importPath, {
    access: staffAccess('act', (body: ImportInput) => (body.dryRun ? 'import-dry-run' : 'import')),
    summary: `Import people and records from another system's CSV or JSON export (body up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB); dryRun checks and counts, writing nothing`,
    body: ImportRequest,
    responses: {
      200: reply('Checked (dry run) or imported: counts and errors per row', ImportReport),
      400: errorReply('A bad file (nothing read), or rows with errors and not validRowsOnly (nothing written; details.report)'),
      403: refused,
    },
    handler: async (c, body) => c.json(await runImport(deps, c.get('staff'), body)),
  });
}
