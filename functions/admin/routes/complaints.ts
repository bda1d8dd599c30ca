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
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, complaintPath } from '../context.ts';

/** Staff work complaints (DPA 2018 s.164A) beside requests, through the same action table's shape. */
export function complaintRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff complaints';
  const ids = (c: { req: { param(name: string): string | undefined } }) => ({
    subjectId: c.req.param('subjectId') ?? '',
    complaintId: c.req.param('complaintId') ?? '',
  });

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/complaints`,
      tag,
      access: staffAccess('read'),
      summary: 'The complaints queue: open first, by the day each must be acknowledged, with counts (?all=1 for closed too)',
      responses: { 200: { description: 'The queue', schema: ComplaintQueue } },
    },
    async (c) => c.json(await complaintQueue(deps, c.get('staff'), { open: c.req.query('all') !== '1' })),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/complaints`,
      tag,
      access: staffAccess('act', 'log-complaint'),
      summary: 'Log a complaint received by phone, letter, email or in person, from the day it arrived',
      body: LogComplaint,
      responses: {
        201: { description: 'Logged: due to be acknowledged within 30 days of receipt', schema: ComplaintDetail },
        400: { description: 'Bad input', schema: ErrorResponse },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const complaint = await logComplaint(deps, c.get('staff'), body);
      return c.json(
        await complaintDetail(deps, c.get('staff'), { subjectId: complaint.subjectId, complaintId: complaint.id }),
        201,
      );
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: complaintPath,
      tag,
      access: staffAccess('read'),
      summary: 'A complaint with its full history (an audited read)',
      responses: {
        200: { description: 'The complaint', schema: ComplaintDetail },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await complaintDetail(deps, c.get('staff'), ids(c))),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${complaintPath}/actions`,
      tag,
      access: staffAccess('act', (body: z.infer<typeof ComplaintActionRequest>) => `complaint.${body.action.type}`),
      summary: 'Act on a complaint: assign, acknowledge, ask for more, record an enquiry, note, close with an outcome',
      body: ComplaintActionRequest,
      responses: {
        200: { description: 'Done; the complaint as it is now', schema: ComplaintDetail },
        400: { description: 'Bad input', schema: ErrorResponse },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
        409: { description: 'Not possible in this state, or changed meanwhile', schema: ErrorResponse },
      },
    },
    async (c, body) => c.json(await takeComplaintAction(deps, c.get('staff'), { ...ids(c), ...body })),
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/reports/complaints`,
      tag,
      access: staffAccess('read'),
      summary: 'Complaints received, acknowledged within 30 days, median days to outcome, by what they were about',
      responses: { 200: { description: 'The report (JSON)' }, 400: { description: 'Bad range', schema: ErrorResponse } },
    },
    async (c) => {
      const range = parseQuery(c, ReportQuery);
      const all = await deps.complaints.listForTenant(c.get('staff').tenant.slug);
      return c.json(complaintReport(all, range, ukDate(deps.clock.now())));
    },
  );
}
