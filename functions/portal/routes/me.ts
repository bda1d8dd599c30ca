import { ukDate } from '../../../shared/deadlines.ts';
import { DomainError } from '../../../shared/errors.ts';
import { buildMyData } from '../../../shared/my-data.ts';
import {
  Conflict,
  CorrectionRequest,
  EmailChange,
  ErrorResponse,
  Message,
  MyDataResponse,
  RecordUpdate,
  RecordUpdated,
  RequestSummary,
} from '../../../shared/portal-api.ts';
import { requestEmailChange } from '../../../shared/profile/email-change.ts';
import { updateMyRecord } from '../../../shared/profile/update.ts';
import { fileRequest } from '../../../shared/requests/file.ts';
import { requestView } from '../../../shared/requests/view.ts';
import { heldInSystems } from '../../../shared/systems/your-data.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalRoutes, tenantPath } from '../context.ts';

const signedOut = { description: 'No valid session', schema: ErrorResponse };

export function meRoutes({ app, routes, deps }: PortalRoutes): void {
  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me`,
      access: subjectAccess,
      tag: 'my data',
      summary: 'Everything held about the signed-in subject, by category, with the Art. 15 information',
      responses: { 200: { description: 'My data', schema: MyDataResponse }, 401: signedOut },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const subjectId = c.get('subjectId');
      const [subject, records, requests, consents, runs] = await Promise.all([
        deps.subjects.get(tenant.slug, subjectId),
        deps.subjects.listRecords(tenant.slug, subjectId),
        deps.requests.listForSubject(tenant.slug, subjectId),
        deps.consents.list(tenant.slug, subjectId),
        deps.systemRuns.listForSubject(tenant.slug, subjectId),
      ]);
      if (!subject) throw new DomainError('unauthenticated', 'Please sign in again.');
      const systems = heldInSystems(tenant, runs);
      const mine = buildMyData(tenant, subject, records, ukDate(deps.clock.now()), requests, consents);
      return c.json(systems ? { ...mine, systems } : mine);
    },
  );

  routes.add(
    app,
    {
      method: 'patch',
      path: `${tenantPath}/me/records/:recordId`,
      access: subjectAccess,
      tag: 'my details',
      summary: 'Correct editable fields of one of my records (send the version you last saw)',
      body: RecordUpdate,
      responses: {
        200: { description: 'Saved', schema: RecordUpdated },
        400: { description: 'A field is not valid or not editable; details.fields says which', schema: ErrorResponse },
        401: signedOut,
        404: { description: 'No such record of mine', schema: ErrorResponse },
        409: { description: 'Changed meanwhile: details carry the newest values and version', schema: Conflict },
      },
    },
    async (c, body) => {
      const result = await updateMyRecord(deps, {
        tenant: c.get('tenant'),
        subjectId: c.get('subjectId'),
        recordId: c.req.param('recordId') ?? '',
        version: body.version,
        changes: body.changes,
      });
      return c.json(result);
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/email`,
      access: subjectAccess,
      tag: 'my details',
      summary: 'Change my email address: a link goes to the new address to confirm it',
      body: EmailChange,
      responses: {
        202: { description: 'Confirmation link sent to the new address', schema: Message },
        400: { description: 'Not a valid address, or the current one', schema: ErrorResponse },
        401: signedOut,
        429: { description: 'Too many changes asked for', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      await requestEmailChange(deps, { tenant: c.get('tenant').slug, subjectId: c.get('subjectId'), newEmail: body.email });
      return c.json(
        { message: 'We have sent a link to your new address. Open it within 15 minutes to confirm the change.' },
        202,
      );
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/corrections`,
      access: subjectAccess,
      tag: 'my details',
      summary: 'Ask for a correction of a field I cannot edit myself (a rectification request)',
      body: CorrectionRequest,
      responses: {
        201: { description: 'Request received, with its reference and due date', schema: RequestSummary },
        400: { description: 'Bad input', schema: ErrorResponse },
        401: signedOut,
        404: { description: 'No such record or field of mine', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant');
      const { request } = await fileRequest(deps, {
        tenant,
        subjectId: c.get('subjectId'),
        request: { kind: 'rectification', recordId: body.recordId, field: body.field, value: body.value, note: body.note },
      });
      return c.json(requestView(tenant, request, ukDate(deps.clock.now())), 201);
    },
  );
}
