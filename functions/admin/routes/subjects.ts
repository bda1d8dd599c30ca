import { findSubjects } from '../../../shared/admin/log.ts';
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
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, MAX_IMPORT_BYTES } from '../context.ts';

/** The import route: its body may be up to MAX_IMPORT_BYTES (every other staff route: 16 kB). */
export const importPath = `${adminPath}/imports`;

const subjectPath = `${adminPath}/subjects/:subjectId`;
const recordPath = `${subjectPath}/records/:recordId`;

/** The staff data tools: find a person, see and correct their records and relationship dates, legal holds, imports. */
export function subjectRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff data tools';
  const ids = (c: { req: { param(name: string): string | undefined } }) => ({
    subjectId: c.req.param('subjectId') ?? '',
    recordId: c.req.param('recordId') ?? '',
  });
  const refused = { description: 'Your role cannot act (audited)', schema: ErrorResponse };
  const missing = { description: 'Not in this centre', schema: ErrorResponse };

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/subjects`,
      tag,
      access: staffAccess('read'),
      summary: 'Find a person by exact email address (?email=) or by a request reference (?reference=); the search is audited',
      responses: {
        200: { description: 'Matches (none or one)', schema: SubjectLookup },
        400: { description: 'Neither or both given, or badly formed', schema: ErrorResponse },
      },
    },
    async (c) => {
      const query = parseQuery(c, SubjectLookupQuery);
      const staff = c.get('staff');
      const subjects = query.email
        ? await findSubjects(deps, staff, query.email)
        : await findByReference(deps, staff, query.reference ?? '');
      return c.json({ subjects });
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: subjectPath,
      tag,
      access: staffAccess('read'),
      summary: 'A person: their records by category (with holds and sources) and their requests (an audited read)',
      responses: { 200: { description: 'The person', schema: StaffSubjectView }, 404: missing },
    },
    async (c) => c.json(await staffSubjectView(deps, c.get('staff'), ids(c).subjectId)),
  );

  routes.add(
    app,
    {
      method: 'patch',
      path: recordPath,
      tag,
      access: staffAccess('act', 'correct-record'),
      summary: 'Correct a record: { version, changes: { field: value } }, any field of its category but the sign-in address',
      body: RecordCorrection,
      responses: {
        200: { description: 'Saved; the new version and the record', schema: RecordCorrected },
        400: { description: 'Bad values, in details.fields (nothing saved)', schema: ErrorResponse },
        403: refused,
        404: missing,
        409: { description: 'Changed meanwhile: details.version and details.record are the newest', schema: ErrorResponse },
      },
    },
    async (c, body) => c.json(await correctRecord(deps, c.get('staff'), { ...ids(c), ...body })),
  );

  routes.add(
    app,
    {
      method: 'put',
      path: `${subjectPath}/relationship`,
      tag,
      access: staffAccess('act', 'set-relationship'),
      summary:
        'Record or correct when the person’s relationship began and ended (endedOn null: still going), with a reason: retention “after the relationship” counts from the end',
      body: RelationshipRequest,
      responses: {
        200: { description: 'The relationship as it is now', schema: RelationshipView },
        400: { description: 'A bad date, an end before the start, a start in the future, or no reason', schema: ErrorResponse },
        403: refused,
        404: missing,
        409: { description: 'The person’s data was erased', schema: ErrorResponse },
      },
    },
    async (c, body) => c.json(await setRelationship(deps, c.get('staff'), { ...body, subjectId: ids(c).subjectId })),
  );

  for (const [method, place] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    routes.add(
      app,
      {
        method,
        path: `${recordPath}/hold`,
        tag,
        access: staffAccess('act', place ? 'place-hold' : 'lift-hold'),
        summary: place
          ? 'Place a legal hold on a record, with a reason: erasure and the retention sweep skip it'
          : 'Lift the legal hold on a record, with a reason',
        body: HoldRequest,
        responses: {
          200: { description: 'The record as it is now', schema: StaffRecord },
          400: { description: 'No reason given', schema: ErrorResponse },
          403: refused,
          404: missing,
          409: { description: place ? 'Already under a hold' : 'Not under a hold', schema: ErrorResponse },
        },
      },
      async (c, body) =>
        c.json(
          await setLegalHold(deps, c.get('staff'), {
            ...ids(c),
            place,
            reason: body.reason,
            ...(body.personWording ? { personWording: body.personWording } : {}),
          }),
        ),
    );
  }

  routes.add(
    app,
    {
      method: 'get',
      path: `${importPath}/columns`,
      tag,
      access: staffAccess('read'),
      summary: 'The columns of an import file for each category that can be imported',
      responses: { 200: { description: 'Columns by category', schema: ImportColumns } },
    },
    (c) =>
      c.json({
        categories: c
          .get('staff')
          .tenant.categories.filter((cat) => cat.id !== CONSENT_CATEGORY)
          .map((cat) => ({ id: cat.id, name: cat.name, columns: importColumnsFor(cat) })),
      }),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: importPath,
      tag,
      access: staffAccess('act', (body: ImportInput) => (body.dryRun ? 'import-dry-run' : 'import')),
      summary: `Import people and records from another system's CSV or JSON export (body up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB); dryRun checks and counts, writing nothing`,
      body: ImportRequest,
      responses: {
        200: { description: 'Checked (dry run) or imported: counts and errors per row', schema: ImportReport },
        400: {
          description: 'A bad file (nothing read), or rows with errors and not validRowsOnly (nothing written; details.report)',
          schema: ErrorResponse,
        },
        403: refused,
      },
    },
    async (c, body) => c.json(await runImport(deps, c.get('staff'), body)),
  );
}
