import { MayWeSendAnswer, MayWeSendQuestion, OptOutImport, OptOutReport, SuppressionList } from '../../../shared/mailer-api.ts';
import { importOptOuts, mayWeSendTo, suppressionListFor } from '../../../shared/marketing/mailer.ts';
import { errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { mailerAccess } from '../../http/routes.ts';
import { type PortalRoutes, tenantPath } from '../context.ts';

/**
 * The mailer API: the MSP's own mail tools ask the centre before they send, fetch the suppression
 * list, and hand over opt-outs held in their CRM. Every call is signed (README, "Mail tools").
 */
export function mailerRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const route = routeGroup(portal, 'mailer', {
    mailer: { 401: errorReply('Not signed with the tenant’s mailer secret, or the timestamp is over five minutes off') },
  });

  route.post(`${tenantPath}/mailer/may-we-send`, {
    access: mailerAccess,
    summary: 'May we send marketing to this address on this channel and topic now? Yes or no only',
    body: MayWeSendQuestion,
    responses: { 200: reply('The answer', MayWeSendAnswer), 400: errorReply('Bad question') },
    handler: async (c, body) => c.json({ send: await mayWeSendTo(deps, c.get('tenant'), body) }),
  });

  route.get(`${tenantPath}/mailer/suppressions`, {
    access: mailerAccess,
    summary: 'The suppression list as keyed hashes, with each HASH_KEY version’s key and the way to hash an address to match it',
    responses: { 200: reply('The list', SuppressionList) },
    handler: async (c) => c.json(await suppressionListFor(deps, c.get('tenant'))),
  });

  route.post(`${tenantPath}/mailer/opt-outs`, {
    access: mailerAccess,
    summary: 'Opt-outs held in a CRM (CSV: address,channel,topic,date,source), so nobody who opted out shows as opted in',
    body: OptOutImport,
    responses: {
      200: reply('Rows read and applied, and rows refused', OptOutReport),
      400: errorReply('Not a file of opt-outs'),
    },
    handler: async (c, body) => c.json(await importOptOuts(deps, c.get('tenant'), body.content)),
  });
}
