import { MayWeSendAnswer, MayWeSendQuestion, OptOutImport, OptOutReport, SuppressionList } from '../../../shared/mailer-api.ts';
import { importOptOuts, mayWeSendTo, suppressionListFor } from '../../../shared/marketing/mailer.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { mailerAccess } from '../../http/routes.ts';
import { type PortalRoutes, tenantPath } from '../context.ts';

const unsigned = {
  description: 'Not signed with the tenant’s mailer secret, or the timestamp is over five minutes off',
  schema: ErrorResponse,
};

/**
 * The mailer API: the MSP's own mail tools ask the centre before they send, fetch the suppression
 * list, and hand over opt-outs held in their CRM. Every call is signed (README, "Mail tools").
 */
export function mailerRoutes({ app, routes, deps }: PortalRoutes): void {
  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/mailer/may-we-send`,
      access: mailerAccess,
      tag: 'mailer',
      summary: 'May we send marketing to this address on this channel and topic now? Yes or no only',
      body: MayWeSendQuestion,
      responses: {
        200: { description: 'The answer', schema: MayWeSendAnswer },
        400: { description: 'Bad question', schema: ErrorResponse },
        401: unsigned,
      },
    },
    async (c, body) => c.json({ send: await mayWeSendTo(deps, c.get('tenant'), body) }),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/mailer/suppressions`,
      access: mailerAccess,
      tag: 'mailer',
      summary:
        'The suppression list as keyed hashes, with each HASH_KEY version’s key and the way to hash an address to match it',
      responses: { 200: { description: 'The list', schema: SuppressionList }, 401: unsigned },
    },
    async (c) => c.json(await suppressionListFor(deps, c.get('tenant'))),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/mailer/opt-outs`,
      access: mailerAccess,
      tag: 'mailer',
      summary: 'Opt-outs held in a CRM (CSV: address,channel,topic,date,source), so nobody who opted out shows as opted in',
      body: OptOutImport,
      responses: {
        200: { description: 'Rows read and applied, and rows refused', schema: OptOutReport },
        400: { description: 'Not a file of opt-outs', schema: ErrorResponse },
        401: unsigned,
      },
    },
    async (c, body) => c.json(await importOptOuts(deps, c.get('tenant'), body.content)),
  );
}
