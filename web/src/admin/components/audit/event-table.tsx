import { type AuditEventView, adminPath } from '../../lib/admin-client.ts';
import { formatDateTime } from '../../lib/words.ts';

const actorText = (a: AuditEventView['actor']) =>
  a.type === 'staff' ? a.id : a.type === 'subject' ? 'The person' : a.type === 'system' ? 'The centre' : 'Someone not signed in';
const detailText = (d: AuditEventView['detail']) =>
  Object.entries(d)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
const personalText: Record<AuditEventView['personal'], string> = {
  none: '',
  recorded: 'Recorded personal data (not shown)',
  removed: 'Personal data removed at erasure',
};

/** The events as a table; on a phone, a card per event. */
export function EventTable(props: { slug: string; events: AuditEventView[] }) {
  const cell = (label: string, value: preact.ComponentChildren) => (
    <td>
      <span class="cell-label" aria-hidden="true">
        {label}
      </span>
      {value}
    </td>
  );
  return (
    <table class="data audit-events">
      <caption class="vh">Audit events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Kind</th>
          <th scope="col">By</th>
          <th scope="col">Person</th>
          <th scope="col">Request</th>
          <th scope="col">Details</th>
          <th scope="col">#</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr key={e.id}>
            <th scope="row">{formatDateTime(e.at)}</th>
            {cell('Kind', <code>{e.action}</code>)}
            {cell('By', actorText(e.actor))}
            {cell(
              'Person',
              e.subjectId ? <a href={adminPath(props.slug, `people/${e.subjectId}`)}>{e.subjectId.slice(0, 8)}</a> : '',
            )}
            {cell(
              'Request',
              e.requestId && e.subjectId ? (
                <a href={adminPath(props.slug, `requests/${e.subjectId}/${e.requestId}`)}>{e.requestId.slice(0, 8)}</a>
              ) : (
                (e.requestId ?? '')
              ),
            )}
            {cell('Details', [detailText(e.detail), personalText[e.personal]].filter(Boolean).join('. '))}
            {cell('Position', e.seq === undefined ? 'not linked yet' : `#${e.seq}`)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
