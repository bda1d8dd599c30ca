import { follow } from '../../../lib/route.ts';
import type { QueueItem } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { daysText, formatDate } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { DataTable } from '../data-table/index.tsx';

/** When a request is due, and how that stands: days left, overdue, or paused. */
export function DueCell(props: {
  item: Pick<QueueItem, 'dueOn' | 'daysLeft' | 'overdue' | 'paused' | 'open'> & { dueSoon?: boolean };
}) {
  const r = props.item;
  return (
    <>
      {formatDate(r.dueOn)}{' '}
      {r.open &&
        (r.paused ? (
          <Chip tone="quiet">Paused</Chip>
        ) : r.overdue ? (
          <Chip tone="danger">{daysText(r.daysLeft)}</Chip>
        ) : (
          <span class={r.dueSoon ? 'soon' : 'muted-text'}>({daysText(r.daysLeft)})</span>
        ))}
    </>
  );
}

/** The queue, in the order the server gives (by due date). On a phone each row is a card. */
export function QueueTable(props: { tenant: string; requests: QueueItem[] }) {
  return (
    <DataTable
      class="data queue"
      caption="Requests, soonest due first"
      hideCaption
      rows={props.requests}
      rowClass={(r) => (r.open && r.overdue && !r.paused ? 'is-overdue' : undefined)}
      columns={[
        {
          head: 'Reference',
          cell: (r) => (
            <a href={pagePath(props.tenant, `requests/${r.subjectId}/${r.id}`)} onClick={follow}>
              {r.reference}
            </a>
          ),
        },
        { head: 'Kind', cell: (r) => r.kindName },
        {
          head: 'Status',
          cell: (r) => (
            <>
              {r.statusText} {r.systems === 'failed' && <Chip tone="danger">System search failed</Chip>}
              {r.systems === 'waiting' && <Chip tone="warning">System task waiting</Chip>}
              {r.authorityUnchecked && <Chip tone="warning">Acting for someone: authority to check</Chip>}
            </>
          ),
        },
        { head: 'Received', cell: (r) => formatDate(r.receivedOn) },
        { head: 'Due', cell: (r) => <DueCell item={r} /> },
        {
          head: 'Assigned to',
          cell: (r) => (r.assignee ? r.assignee.name || r.assignee.email : <span class="muted-text">No one</span>),
        },
      ]}
    />
  );
}
