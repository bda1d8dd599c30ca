import { useRef } from 'preact/hooks';
import { follow } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import type { Ctx, QueueResponse } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { useLoad } from '../../lib/use-load.ts';
import { kindNames, statusNames } from '../../lib/words.ts';
import { LoadState } from '../load-state/index.tsx';
import { Shell } from '../shell/index.tsx';
import { QueueCounts } from './counts.tsx';
import { type Filters, filtersOf, QueueFilters, queryOf } from './filters.tsx';
import { QueueTable } from './table.tsx';

/** What the filters show, in words: "open, Access (Art. 15), overdue, assigned to me". */
function describe(filters: Filters, me: string): string {
  const parts = [
    filters.status === 'all'
      ? 'open and closed'
      : (statusNames[filters.status as keyof typeof statusNames] ?? 'open').toLowerCase(),
    filters.kind && (kindNames[filters.kind as keyof typeof kindNames] ?? filters.kind),
    filters.due === 'overdue' ? 'overdue' : filters.due === 'week' ? 'due within 7 days' : '',
    filters.systems === 'attention' ? 'with a connected system failed or waiting' : '',
    filters.assignee === 'me'
      ? 'assigned to me'
      : filters.assignee === 'none'
        ? 'unassigned'
        : filters.assignee && `assigned to ${filters.assignee === me ? 'me' : filters.assignee}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** The requests queue: counts at a glance, filters from the address, the table by due date. */
export function Queue(props: { ctx: Ctx; search: string }) {
  const { ctx } = props;
  const slug = ctx.tenant.slug;
  const filters = filtersOf(props.search);
  const apiQuery = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
  const { load } = useLoad<QueueResponse>(slug, `requests?${apiQuery}`);
  const filtered = queryOf(filters) !== '';
  // After the filters change (not on arrival), the focus goes to the count of what they show.
  const changes = useRef({ search: props.search, n: 0 });
  if (changes.current.search !== props.search) changes.current = { search: props.search, n: changes.current.n + 1 };
  const resultsRef = useFocus<HTMLHeadingElement>(load.kind === 'ready' && changes.current.n);

  return (
    <Shell tenant={ctx.tenant} me={ctx.me} current="requests" title="Requests">
      {ctx.me.recoveryCodesLeft <= 3 && (
        <p class="notice">
          You have {ctx.me.recoveryCodesLeft === 1 ? '1 recovery code' : `${ctx.me.recoveryCodesLeft} recovery codes`} left. If
          you no longer have your authenticator app,{' '}
          {ctx.me.can.manageStaff ? (
            <>
              reset it before you run out, on the{' '}
              <a href={pagePath(slug, 'staff')} onClick={follow}>
                Staff page
              </a>{' '}
              (or ask another admin to)
            </>
          ) : (
            'ask an admin of this centre to reset your authenticator before you run out'
          )}
          : at your next sign-in you set up an app again and get new recovery codes.
        </p>
      )}
      <LoadState load={load} loading="Loading the requests…" />
      {load.kind === 'ready' && (
        <>
          <QueueCounts tenant={slug} counts={load.data.counts} filters={filters} />
          <details class="panel filter-panel" open={filtered}>
            <summary>Filter the requests</summary>
            <QueueFilters key={props.search} tenant={slug} filters={filters} staff={load.data.staff} />
          </details>
          <h2 id="results" tabIndex={-1} ref={resultsRef}>
            {load.data.requests.length === 1 ? '1 request' : `${load.data.requests.length} requests`}
            <span class="count">: {describe(filters, ctx.me.email)}</span>
          </h2>
          {filtered && (
            <p>
              <a href={pagePath(slug, 'requests')} onClick={follow}>
                Clear the filters
              </a>
            </p>
          )}
          {load.data.requests.length > 0 ? (
            <QueueTable tenant={slug} requests={load.data.requests} />
          ) : (
            <p class="panel empty">
              {filtered
                ? 'No requests match these filters.'
                : 'There are no open requests. New requests appear here as soon as they arrive, with their due date.'}
            </p>
          )}
        </>
      )}
    </Shell>
  );
}
