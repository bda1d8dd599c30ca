import { auditStaffRead, type StaffContext } from '../admin/context.ts';
import { formatUkDate } from '../dates.ts';
import type { Deps } from '../deps.ts';
import { listStaff } from '../staff/directory.ts';
import { londonDateTime } from '../uk-time.ts';
import { loadComplaint } from './staff.ts';
import { actorName, complaintAboutText, complaintTimeline } from './view.ts';

const dateTime = { format: londonDateTime };
const esc = (value: string | number | undefined | null): string =>
  value == null ? '' : String(value).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;

/**
 * The evidence pack of a complaint (DPA 2018 s.164A): when it arrived and how, when it was
 * acknowledged against the 30 days, every step (the person's and the internal ones, with the
 * enquiries made), the outcome, and the audit events and emails delivered. A self-contained HTML
 * file, its download audited. It says only what the software recorded.
 */
export async function complaintEvidencePack(
  deps: Deps,
  ctx: StaffContext,
  ids: { subjectId: string; complaintId: string },
): Promise<{ filename: string; html: string }> {
  const slug = ctx.tenant.slug;
  const { complaint: c, subject } = await loadComplaint(deps, ctx, ids.subjectId, ids.complaintId);
  await auditStaffRead(deps, ctx, {
    action: 'complaint.evidence_downloaded',
    subjectId: c.subjectId,
    detail: { complaintId: c.id, reference: c.reference },
  });
  const [events, staff] = await Promise.all([deps.trail.listForSubject(slug, c.subjectId), listStaff(deps, ctx.tenant)]);
  const mine = events.filter((e) => e.detail?.complaintId === c.id).sort((a, b) => a.at.localeCompare(b.at));
  const ack = c.acknowledgedOn
    ? `${esc(formatUkDate(c.acknowledgedOn))}, ${c.acknowledgedOn <= c.acknowledgeBy ? 'within the 30 days' : '<strong>after the 30 days</strong>'}`
    : 'Not yet acknowledged';
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Evidence pack ${esc(c.reference)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border:1px solid #ccc;padding:.35rem .5rem}th{background:#f2f5f9;width:14rem}</style></head><body>
<h1>Evidence pack: complaint ${esc(c.reference)}</h1>
<p>${esc(ctx.tenant.name)}. Made ${esc(dateTime.format(deps.clock.now()))} by ${esc(ctx.member.name)}. Complaints under the Data Protection Act 2018 s.164A: acknowledged within 30 days of receipt, enquiries made, the outcome told without undue delay.</p>
<h2>The complaint</h2><table><tbody>
${row('Person', `${esc(subject?.erasedAt ? '(erased)' : subject?.email)} (id ${esc(c.subjectId)})`)}
${row('About', esc(complaintAboutText[c.about]))}
${c.requestReference ? row('Request', esc(c.requestReference)) : ''}
${row('Received', `${esc(formatUkDate(c.receivedOn))} by ${esc(c.receivedVia === 'portal' ? 'the online privacy centre' : c.receivedVia)}`)}
${row('To acknowledge by', esc(formatUkDate(c.acknowledgeBy)))}
${row('Acknowledged', ack)}
${row('What happened', esc(c.what))}
${row('Outcome', c.outcome ? `${esc(c.outcome)} (${esc(formatUkDate(c.closedOn ?? ''))})` : 'Not yet closed')}
</tbody></table>
<h2>Every step, with the enquiries made</h2><table><thead><tr><th>When</th><th>What</th><th>By</th><th>Details</th></tr></thead><tbody>
${complaintTimeline(c, staff)
  .map(
    (h) =>
      `<tr><td>${esc(dateTime.format(new Date(h.at)))}</td><td>${esc(h.text)}${h.internal ? ' (internal)' : ''}</td><td>${esc(h.by)}</td><td>${esc(h.message)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<h2>The audit trail of this complaint</h2><table><thead><tr><th>When</th><th>Event</th><th>By</th></tr></thead><tbody>
${mine
  .map(
    (e) =>
      `<tr><td>${esc(dateTime.format(new Date(e.at)))}</td><td>${esc(e.action === 'mail.sent' ? `Email "${String(e.detail?.event)}" delivered to the mail service (message id ${String(e.detail?.messageId)})` : e.action)}</td><td>${esc(actorName(e.actor, staff))}</td></tr>`,
  )
  .join('\n')}
</tbody></table></body></html>`;
  return { filename: `evidence-${c.reference}.html`, html };
}
