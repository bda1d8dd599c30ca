import { ukDate } from '../../../shared/deadlines.ts';
import { DomainError } from '../../../shared/errors.ts';
import { buildMyData } from '../../../shared/my-data.ts';
import {
  Conflict,
  CorrectionRequest,
  EmailChange,
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
import { errorReply, reply } from '../../http/route-group.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

export function meRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const myData = portalRouteGroup(portal, 'my data');
  const myDetails = portalRouteGroup(portal, 'my details');

  myData.get(`${tenantPath}/me`, {
    access: subjectAccess,
    summary: 'Everything held about the signed-in subject, by category, with the Art. 15 information',
    responses: { 200: reply('My data', MyDataResponse) },
    handler: async (c) => {
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
  });

  myDetails.patch(`${tenantPath}/me/records/:recordId`, {
    access: subjectAccess,
    summary: 'Correct editable fields of one of my records (send the version you last saw)',
    body: RecordUpdate,
    responses: {
      200: reply('Saved', RecordUpdated),
      400: errorReply('A field is not valid or not editable; details.fields says which'),
      404: errorReply('No such record of mine'),
      409: reply('Changed meanwhile: details carry the newest values and version', Conflict),
    },
    handler: async (c, body) => {
      const result = await updateMyRecord(deps, {
        tenant: c.get('tenant'),
        subjectId: c.get('subjectId'),
        recordId: c.req.param('recordId') ?? '',
        version: body.version,
        changes: body.changes,
      });
      return c.json(result);
    },
  });

  myDetails.post(`${tenantPath}/me/email`, {
    access: subjectAccess,
    summary: 'Change my email address: a link goes to the new address to confirm it',
    body: EmailChange,
    responses: {
      202: reply('Confirmation link sent to the new address', Message),
      400: errorReply('Not a valid address, or the current one'),
      429: errorReply('Too many changes asked for'),
    },
    handler: async (c, body) => {
      await requestEmailChange(deps, { tenant: c.get('tenant').slug, subjectId: c.get('subjectId'), newEmail: body.email });
      return c.json(
        { message: 'We have sent a link to your new address. Open it within 15 minutes to confirm the change.' },
        202,
      );
    },
  });

  myDetails.post(`${tenantPath}/me/corrections`, {
    access: subjectAccess,
    summary: 'Ask for a correction of a field I cannot edit myself (a rectification request)',
    body: CorrectionRequest,
    responses: {
      201: reply('Request received, with its reference and due date', RequestSummary),
      400: errorReply('Bad input'),
      404: errorReply('No such record or field of mine'),
    },
    handler: async (c, body) => {
      const tenant = c.get('tenant');
      const { request } = await fileRequest(deps, {
        tenant,
        subjectId: c.get('subjectId'),
        request: { kind: 'rectification', recordId: body.recordId, field: body.field, value: body.value, note: body.note },
      });
      return c.json(requestView(tenant, request, ukDate(deps.clock.now())), 201);
    },
  });
}
