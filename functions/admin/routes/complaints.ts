import type * as z from 'zod';
import { ReportQuery } from '../../../shared/admin-api.ts';
import { complaintDetail, takeComplaintAction } from '../../../shared/complaints/actions.ts';
import {
  ComplaintActionRequest,
  ComplaintDetail,
  ComplaintQueue,
  LogComplaint,
} from '../../../shared/complaints/complaint-api.ts';
import { logComplaint } from '../../../shared/complaints/file.ts';
import { complaintReport } from '../../../shared/complaints/report.ts';
import { complaintQueue } from '../../../shared/complaints/staff.ts';
import { ukDate } from '../../../shared/deadlines.ts';
import { errorReply, pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, complaintPath, staffReplies } from '../context.ts';

const ids = pathIds('subjectId', 'complaintId');

/** Staff work complaints (DPA 2018 s.164A) beside requests, through the same action table's shape. */
export function complaintRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff complaints');
  const { notInCentre, cannotAct } = staffReplies;

  route.get(`${adminPath}/complaints`, {
    access: staffAccess('read'),
    summary: 'The complaints queue: open first, by the day each must be acknowledged, with counts (?all=1 for closed too)',
    responses: { 200: reply('The queue', ComplaintQueue) },
    handler: async (c) => c.json(await complaintQueue(deps, c.get('staff'), { open: c.req.query('all') !== '1' })),
  });

  route.post(`${adminPath}/complaints`, {
    access: staffAccess('act', 'log-complaint'),
    summary: 'Log a complaint received by phone, letter, email or in person, from the day it arrived',
    body: LogComplaint,
    responses: {
      201: reply('Logged: due to be acknowledged within 30 days of receipt', ComplaintDetail),
      400: staffReplies.badInput,
      403: cannotAct,
    },
    handler: async (c, body) => {
      const complaint = await logComplaint(deps, c.get('staff'), body);
      return c.json(
        await complaintDetail(deps, c.get('staff'), { subjectId: complaint.subjectId, complaintId: complaint.id }),
        201,
      );
    },
  });

  route.get(complaintPath, {
    access: staffAccess('read'),
    summary: 'A complaint with its full history (an audited read)',
    responses: { 200: reply('The complaint', ComplaintDetail), 404: notInCentre },
    handler: async (c) => c.json(await complaintDetail(deps, c.get('staff'), ids(c))),
  });

  route.post(`${complaintPath}/actions`, {
    access: staffAccess('act', (body: z.infer<typeof ComplaintActionRequest>) => `complaint.${body.action.type}`),
    summary: 'Act on a complaint: assign, acknowledge, ask for more, record an enquiry, note, close with an outcome',
    body: ComplaintActionRequest,
    responses: {
      200: reply('Done; the complaint as it is now', ComplaintDetail),
      400: staffReplies.badInput,
      403: cannotAct,
      409: staffReplies.notNow,
    },
    handler: async (c, body) => c.json(await takeComplaintAction(deps, c.get('staff'), { ...ids(c), ...body })),
  });

  route.get(`${adminPath}/reports/complaints`, {
    access: staffAccess('read'),
    summary: 'Complaints received, acknowledged within 30 days, median days to outcome, by what they were about',
    responses: { 200: reply('The report (JSON)'), 400: errorReply('Bad range') },
    handler: async (c) => {
      const range = parseQuery(c, ReportQuery);
      const all = await deps.complaints.listForTenant(c.get('staff').tenant.slug);
      return c.json(complaintReport(all, range, ukDate(deps.clock.now())));
    },
  });
}
