import type { ConsentEvent } from '../../../shared/entities.ts';
import { marketingIntro } from '../../../shared/marketing/defaults.ts';
import { describeConsentEvent } from '../../../shared/marketing/history.ts';
import {
  currentPreferences,
  type MarketingState,
  setPreferences,
  stopAllMarketing,
} from '../../../shared/marketing/preferences.ts';
import { STOP_ALL_WORDING } from '../../../shared/marketing/stop-wording.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { MarketingResponse, PreferencesUpdate } from '../../../shared/portal-api.ts';
import type { RelationshipKind } from '../../../shared/vocabulary.ts';
import { errorReply, reply } from '../../http/route-group.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

function view(tenant: TenantConfig, state: MarketingState, events: ConsentEvent[], kind: RelationshipKind | undefined) {
  return {
    lawfulBasis: tenant.marketing.lawfulBasis,
    intro: marketingIntro(tenant, kind),
    wording: tenant.marketing.wording,
    stopWording: STOP_ALL_WORDING,
    channels: tenant.marketing.channels,
    topics: tenant.marketing.topics,
    cells: state.cells,
    stoppedAllAt: state.stoppedAllAt,
    history: [...events]
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((e) => ({
        at: e.at,
        text: describeConsentEvent(tenant, e),
        granted: e.granted,
        source: e.source,
        wording: e.wording,
      })),
  };
}

export function marketingRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const route = portalRouteGroup(portal, 'marketing');
  const choices = reply('Choices and history', MarketingResponse);
  const respond = async (tenant: TenantConfig, subjectId: string) => {
    const [events, subject] = await Promise.all([
      deps.consents.list(tenant.slug, subjectId),
      deps.subjects.get(tenant.slug, subjectId),
    ]);
    const kind = subject?.relationship.kind;
    return view(tenant, currentPreferences(tenant, events, kind), events, kind);
  };

  route.get(`${tenantPath}/me/marketing`, {
    access: subjectAccess,
    summary: 'My marketing choices per channel and topic, and their history',
    responses: { 200: choices },
    handler: async (c) => c.json(await respond(c.get('tenant'), c.get('subjectId'))),
  });

  route.put(`${tenantPath}/me/marketing`, {
    access: subjectAccess,
    summary: 'Switch channels × topics on or off (each change is a consent event)',
    body: PreferencesUpdate,
    responses: {
      200: choices,
      400: errorReply('A channel or topic this centre does not offer'),
      409: errorReply('The marketing wording changed after the page was opened: nothing saved'),
    },
    handler: async (c, body) => {
      const tenant = c.get('tenant');
      const subjectId = c.get('subjectId');
      await setPreferences(deps, { tenant, subjectId, changes: body.changes, source: 'portal', shownWording: body.wording });
      return c.json(await respond(tenant, subjectId));
    },
  });

  route.post(`${tenantPath}/me/marketing/stop-all`, {
    access: subjectAccess,
    summary: 'Stop all marketing: an objection to direct marketing, absolute and immediate',
    responses: { 200: choices },
    handler: async (c) => {
      const tenant = c.get('tenant');
      await stopAllMarketing(deps, { tenant, subjectId: c.get('subjectId'), source: 'portal' });
      return c.json(await respond(tenant, c.get('subjectId')));
    },
  });
}
