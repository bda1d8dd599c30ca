import { follow } from '../../../lib/route.ts';
import type { QueueResponse } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { type Filters, queryOf } from './filters.tsx';

/** The open requests at a glance; each figure is a link to the requests it counts. */
export function QueueCounts(props: { tenant: string; counts: QueueResponse['counts']; filters: Filters }) {
  const { counts, filters } = props;
  const items: { label: string; n: number; query: Partial<Filters>; tone?: string }[] = [
    { label: 'Open', n: counts.open, query: {} },
    { label: 'Overdue', n: counts.overdue, query: { due: 'overdue' }, tone: 'danger' },
    { label: 'Due within 7 days', n: counts.dueSoon, query: { due: 'week' }, tone: 'warning' },
    { label: 'Unassigned', n: counts.unassigned, query: { assignee: 'none' } },
    { label: 'Assigned to me', n: counts.mine, query: { assignee: 'me' } },
    { label: 'Connected system needs attention', n: counts.systems, query: { systems: 'attention' }, tone: 'danger' },
  ];
  const current = queryOf(filters);
  return (
    <ul class="counts" aria-label="Open requests at a glance">
      {items.map((item) => {
        const query = queryOf(item.query);
        return (
          <li key={item.label} class={item.tone && item.n > 0 ? `count ${item.tone}` : 'count'}>
            <a
              href={pagePath(props.tenant, `requests${query}`)}
              onClick={follow}
              aria-current={query === current ? 'true' : undefined}
            >
              <span class="count-n">{item.n}</span> <span class="count-label">{item.label}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
