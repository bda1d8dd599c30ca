import { type VerifyResult, verifyAuditTrail } from '../audit/chain.ts';
import { formatUkDate } from '../dates.ts';
import { daysBetween, ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import type { AuditEvent, RightsRequest } from '../entities.ts';
import { controllerName } from '../policy/controller-name.ts';
import { staffKindName, staffStatusOf } from '../requests/kinds.ts';
import { answeredIdentityInWords } from '../requests/lifecycle.ts';
import { listStaff } from '../staff/directory.ts';
import type { SystemRun } from '../systems/ports.ts';
import { londonDateTime } from '../uk-time.ts';
import { auditStaffRead, type StaffContext } from './context.ts';
import { actorName, loadRequest, timeline } from './detail.ts';
import { representativeEvidence } from './evidence-representative.ts';
import { systemsEvidence, systemsSearchedLine } from './evidence-systems.ts';

const dateTime = { format: londonDateTime };
const when = (iso: string) => dateTime.format(new Date(iso));

const auditText: Record<string, string> = {
  'staff.viewed_request': 'Staff opened the request and the requester’s data',
  'staff.downloaded_evidence': 'Evidence pack downloaded',
  'mail.sent': 'Email delivered to the mail service',
  'export.started': 'Export of the requester’s data started',
  'export.ready': 'Export ready for the requester to download',
  'export.failed': 'Export failed',
  'export.retried': 'Export tried again',
  'export.downloaded': 'The requester downloaded the export',
};

const identityMethodText: Record<string, string> = {
  'email-link': 'Signed in by a link sent to the address we hold',
  'known-contact': 'Known contact, confirmed by phone',
  documents: 'Documents checked',
  'call-back': 'Called back on a number we hold',
  other: 'Other',
};

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b5cad;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;border:1px solid #ccc;padding:.35rem .5rem}
th{background:#f2f5f9;width:14rem}.muted{color:#555}.warn{color:#8a1c1c;font-weight:600}.mono{font-family:ui-monospace,monospace;word-break:break-all}
td{overflow-wrap:anywhere}@media (max-width:40rem){body{margin:1rem auto}th{width:auto}th,td{padding:.3rem}}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

interface Pause {
  from: string;
  to?: string;
  days: number;
  question?: string;
}

/** Each time the clock stood still: asked on one day, answered (or closed) on another. */
function pauses(r: RightsRequest): Pause[] {
  const out: Pause[] = [];
  let open: Pause | undefined;
  for (const h of r.history) {
    if (h.type === 'information-requested' && h.clockRunning) continue; // the clock did not stand still
    if (h.type === 'information-requested') {
      open = { from: ukDate(h.at), days: 0, ...(h.message ? { question: h.message } : {}) };
      out.push(open);
    } else if (open && h.status !== 'awaiting-information') {
      open.to = ukDate(h.at);
      open.days = Math.max(0, daysBetween(open.from, open.to));
      open = undefined;
    }
  }
  return out;
}

/**
 * Escapes text and attribute values exactly as preact-render-to-string did (`&`, `<` and `"`;
 * `>` and `'` are left as they are), so the pack stays byte-identical to its golden files.
 */
const esc = (value: string | number | undefined | null): string =>
  value == null ? '' : String(value).replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));

const row = (label: string, html: string) => `<tr><th scope="row">${esc(label)}</th><td>${html}</td></tr>`;

/** Everything the evidence pack shows, already loaded. */
export interface EvidencePackInput {
  ctx: StaffContext;
  request: RightsRequest;
  /** `erased`: their account was erased (a whole erasure): they can no longer sign in. */
  subject: { email: string; name: string; id: string; erased?: boolean };
  /** The audit events of this request. */
  events: AuditEvent[];
  staffNames: Parameters<typeof timeline>[1];
  chain: VerifyResult;
  generatedAt: string;
  /** The request's run through the connected systems, if one was asked for. */
  run?: SystemRun | undefined;
}

/** The evidence pack as a complete HTML document: no I/O, so it can be checked byte for byte. */
export function renderEvidencePack(props: EvidencePackInput): string {
  const { ctx, request: r, subject, events, staffNames, chain } = props;
  const tenant = ctx.tenant;
  const closing = [...r.history].reverse().find((h) => h.type === 'completed' || h.type === 'refused' || h.type === 'withdrawn');
  const closedOn = closing ? ukDate(closing.at) : undefined;
  const completion = events.find((e) => e.action === `request.${closing?.type}`);
  const searched = String(completion?.detail?.searched ?? '');
  const deliveries = events.filter((e) => e.action === 'mail.sent');
  const extensions = r.history.filter((h) => h.type === 'extended');
  const paused = pauses(r);
  // A whole erasure removes their account, whichever request it answered: nothing is shown to them any more.
  const accountErased =
    subject.erased === true || events.some((e) => e.action === 'erasure.completed' && e.detail?.whole === true);
  // Without a category search: the searches that were recorded, if any, where the pack lists them.
  const byHand = r.searches?.length ?? 0;
  const otherSearches = [
    systemsSearchedLine(props.run),
    byHand ? `${byHand} search${byHand === 1 ? ' was' : 'es were'} recorded: see “The searches made” below.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const stream = [
    ...timeline(r, staffNames).map((h) => ({
      at: h.at,
      what: h.text + (h.internal ? ' (internal)' : ''),
      by: h.by,
      message: h.message ?? '',
    })),
    ...events
      .filter((e) => auditText[e.action])
      .map((e) => ({
        at: e.at,
        what:
          e.action === 'mail.sent'
            ? `Email "${String(e.detail?.event)}" delivered to the mail service`
            : (auditText[e.action] as string),
        by: actorName(e.actor, staffNames),
        message: e.action === 'mail.sent' ? `message id ${String(e.detail?.messageId)}` : '',
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const { extensionMonths, pausedDays, identityReceivedOn } = r.clock;
  const due =
    esc(formatUkDate(r.dueOn)) +
    (identityReceivedOn
      ? ` (counted from ${esc(formatUkDate(identityReceivedOn))}, ${answeredIdentityInWords(r) ? 'the day the requester answered the identity question on their page' : 'the day the identity information asked for arrived'}: UK GDPR Art. 12A)`
      : '') +
    (extensionMonths ? ` (after an extension of ${extensionMonths} month${extensionMonths > 1 ? 's' : ''})` : '') +
    (pausedDays ? `; the clock was paused for ${pausedDays} day${pausedDays > 1 ? 's' : ''}` : '');
  const answered = closedOn
    ? `${esc(formatUkDate(closedOn))}, ${daysBetween(r.receivedOn, closedOn)} days after receipt, ${
        closedOn <= r.dueOn ? 'within the time limit' : '<span class="warn">after the time limit</span>'
      }`
    : 'Not yet answered';

  const request = `<h2>The request</h2><table><tbody>${[
    row('Right exercised', esc(staffKindName[r.kind])),
    row('Received', `${esc(formatUkDate(r.receivedOn))} by ${esc(r.receivedVia ?? 'the online privacy centre')}`),
    row('Requester', `${esc(subject.name)} &lt;${esc(subject.email)}> <span class="muted mono">(id ${esc(subject.id)})</span>`),
    row(
      'What they asked',
      Object.entries(r.details)
        .map(([k, v]) => `<div>${esc(k)}: ${esc(Array.isArray(v) ? v.join(', ') : v)}</div>`)
        .join(''),
    ),
    row('Status', esc(staffStatusOf(r))),
    row('Due date', due),
    row('Answered', answered),
  ].join('')}</tbody></table>`;

  const identity = `<h2>Identity check</h2>${
    r.identity
      ? `<table><tbody>${row('How', esc(identityMethodText[r.identity.method] ?? r.identity.method))}${row(
          'Why it was enough',
          esc(r.identity.note),
        )}${row('By, when', `${esc(actorName({ type: 'staff', id: r.identity.by }, staffNames))}, ${esc(when(r.identity.at))}`)}</tbody></table>`
      : `<p>${
          r.receivedVia && r.receivedVia !== 'portal'
            ? 'No identity check was recorded.'
            : 'The requester made the request while signed in by a single-use link sent to the email address we hold. No further check was recorded.'
        }</p>`
  }`;

  const representative = representativeEvidence(r, staffNames, esc);

  const clock = `<h2>Pauses and extensions</h2>${
    paused.length === 0 && extensions.length === 0 ? '<p>The clock was never paused or extended.</p>' : ''
  }${paused
    .map(
      (p) =>
        `<p>Paused from ${esc(formatUkDate(p.from))} ${esc(
          p.to ? `to ${formatUkDate(p.to)} (${p.days} days)` : '(still waiting)',
        )} while we waited for: “${esc(p.question)}”</p>`,
    )
    .join('')}${extensions
    .map(
      (h) =>
        `<p>Extended on ${esc(when(h.at))} by ${esc(actorName(h.actor, staffNames))}. Reason given to the requester: “${esc(h.message)}”</p>`,
    )
    .join('')}`;

  const search = `<h2>What was searched, disclosed and withheld</h2>${
    searched
      ? `<p>Every category of personal data in the privacy policy (${esc(tenant.policyVersion)}) was searched:</p><table><thead><tr><th scope="col">Category</th><th scope="col">Records in the privacy centre when the request was answered</th></tr></thead><tbody>${searched
          .split(',')
          .map((pair) => {
            const [id, count] = pair.split(':');
            return `<tr><td>${esc(tenant.categories.find((c) => c.id === id)?.name ?? id)}</td><td>${esc(count)}</td></tr>`;
          })
          .join('')}</tbody></table>${
          props.run?.results.length
            ? '<p>These are the centre’s own records: for the connected systems see “Connected systems searched” below.</p>'
            : ''
        }<p><strong>Withheld, and why:</strong> ${esc(String(completion?.detail?.withheld ?? 'nothing'))}</p>`
      : `<p>${esc(closing ? otherSearches || 'No search was recorded with the answer.' : 'The request has not been answered yet.')}</p>`
  }${closing?.message ? `<p><strong>Our answer to the requester:</strong> “${esc(closing.message)}”</p>` : ''}`;

  const searches = r.searches?.length
    ? `<h2>The searches made</h2><table><thead><tr><th scope="col">Day</th><th scope="col">System or place</th><th scope="col">Searched for</th><th scope="col">By</th><th scope="col">Found, and what was done</th></tr></thead><tbody>${r.searches
        .map(
          (x) =>
            `<tr><td>${esc(formatUkDate(x.searchedOn))}</td><td>${esc(x.place)}${x.systemId ? ` <span class="muted mono">(${esc(x.systemId)})</span>` : ''}</td><td>${esc(x.identity)}</td><td>${esc(x.automatic ? 'automatically' : actorName(x.by, staffNames))}</td><td>${esc(x.found ? (x.count === undefined ? 'Found' : `Found ${x.count}`) : 'Nothing found')}${x.note ? `: ${esc(x.note)}` : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';

  const systems = systemsEvidence({ tenant, kind: r.kind, run: props.run, staff: staffNames, esc, when });

  const delivery = `<h2>Delivery</h2>${
    deliveries.length
      ? `<ul>${deliveries
          .map(
            (d) =>
              `<li>${esc(when(d.at))}: email about “${esc(String(d.detail?.event))}” handed to the mail service (message id <span class="mono">${esc(
                String(d.detail?.messageId),
              )}</span>) for the requester's address. ${
                accountErased
                  ? 'Their account was erased, so they can no longer sign in to see it in the privacy centre.'
                  : 'The same is shown on their request page in the privacy centre while they are signed in.'
              }</li>`,
          )
          .join('')}</ul>`
      : '<p>No email about this request has been delivered yet.</p>'
  }`;

  const full = `<h2>Full timeline</h2><table><thead><tr><th scope="col">When (UK time)</th><th scope="col">What</th><th scope="col">By</th><th scope="col">Details</th></tr></thead><tbody>${stream
    .map((s) => `<tr><td>${esc(when(s.at))}</td><td>${esc(s.what)}</td><td>${esc(s.by)}</td><td>${esc(s.message)}</td></tr>`)
    .join('')}</tbody></table>`;

  const integrity = `<h2>Integrity</h2><p>Every step above is also an event in the organisation's tamper-evident audit trail, where each event carries a hash chained to the one before. ${
    chain.ok
      ? `When this pack was made the whole trail checked intact: ${esc(chain.checked)} events, chain head #${esc(chain.head?.seq)} <span class="mono">${esc(
          chain.head?.hash,
        )}</span>. Keep this value: a later check that finds a different history up to that point shows tampering.`
      : `<span class="warn">When this pack was made the audit trail did NOT check intact: event #${esc(chain.firstBroken?.seq)} ${esc(
          chain.firstBroken?.problem,
        )}.</span>`
  }</p>`;

  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${esc(`Evidence pack ${r.reference}`)}</title><style>${STYLE}</style></head><body><main><h1>Evidence pack: ${esc(
    r.reference,
  )}</h1><p class="muted">${esc(controllerName(tenant))}, data controller. Generated ${esc(when(props.generatedAt))} by ${esc(
    ctx.member.name,
  )} (${esc(ctx.member.email)}) from the privacy centre's records.</p>${request}${identity}${representative}${clock}${search}${searches}${systems}${delivery}${full}${integrity}</main></body></html>`;
}

/** The evidence pack of one request: a self-contained HTML document to hand to the ICO. Audited. */
export async function evidencePack(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string },
): Promise<{ filename: string; html: string }> {
  const slug = ctx.tenant.slug;
  const request = await loadRequest(deps, ctx, input.subjectId, input.requestId);
  await auditStaffRead(deps, ctx, {
    action: 'staff.downloaded_evidence',
    subjectId: request.subjectId,
    detail: { requestId: request.id, reference: request.reference },
  });
  const [subject, records, events, staff, chain, run] = await Promise.all([
    deps.subjects.get(slug, request.subjectId),
    deps.subjects.listRecords(slug, request.subjectId),
    deps.trail.listForSubject(slug, request.subjectId),
    listStaff(deps, ctx.tenant),
    verifyAuditTrail(deps.trail, slug),
    deps.systemRuns.get(slug, request.subjectId, request.id),
  ]);
  const identity = records.find((r) => r.category === 'identity');
  const name = [identity?.data.firstName, identity?.data.lastName].filter(Boolean).join(' ');
  const mine = events.filter((e) => e.detail?.requestId === request.id);
  const html = renderEvidencePack({
    ctx,
    request,
    // Erased: the subject is gone, or a tombstone without their address (records had to be kept).
    subject: {
      id: request.subjectId,
      email: subject && !subject.erasedAt ? subject.email : '(erased)',
      name: name || subject?.email || '(erased)',
      erased: !subject || Boolean(subject.erasedAt),
    },
    events: mine,
    staffNames: staff,
    chain,
    generatedAt: deps.clock.now().toISOString(),
    run,
  });
  return { filename: `evidence-${request.reference}.html`, html };
}
