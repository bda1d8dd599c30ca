import { type AuditEventView, adminPath } from '../../lib/admin-client.ts';
import { formatDateTime } from '../../lib/words.ts';
import { DataTable } from '../data-table/index.tsx';

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
  return (
    <DataTable
      class="data audit-events"
      caption="Audit events, newest first"
      hideCaption
      rows={props.events}
      columns={[
        { head: 'When', cell: (e) => formatDateTime(e.at) },
        { head: 'Kind', cell: (e) => <code>{e.action}</code> },
        { head: 'By', cell: (e) => actorText(e.actor) },
        {
          head: 'Person',
          cell: (e) =>
            e.subjectId ? <a href={adminPath(props.slug, `people/${e.subjectId}`)}>{e.subjectId.slice(0, 8)}</a> : '',
        },
        {
          head: 'Request',
          cell: (e) =>
            e.requestId && e.subjectId ? (
              <a href={adminPath(props.slug, `requests/${e.subjectId}/${e.requestId}`)}>{e.requestId.slice(0, 8)}</a>
            ) : (
              (e.requestId ?? '')
            ),
        },
        { head: 'Details', cell: (e) => [detailText(e.detail), personalText[e.personal]].filter(Boolean).join('. ') },
        { head: '#', label: 'Position', cell: (e) => (e.seq === undefined ? 'not linked yet' : `#${e.seq}`) },
      ]}
    />
  );
}
