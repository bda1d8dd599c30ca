import { optionsOf } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { navigate } from '../../../lib/route.ts';
import { useFields } from '../../../lib/use-fields.ts';
import type { QueueResponse } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { kindNames, statusNames } from '../../lib/words.ts';

export const filterNames = ['status', 'kind', 'due', 'assignee', 'systems'] as const;
export type Filters = Record<(typeof filterNames)[number], string>;

/** The filters in the address, `status` defaulting to open. */
export function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    status: params.get('status') || 'open',
    kind: params.get('kind') ?? '',
    due: params.get('due') ?? '',
    assignee: params.get('assignee') ?? '',
    systems: params.get('systems') ?? '',
  };
}

/** The query string for some filters, leaving out the empty ones and the default status. */
export function queryOf(filters: Partial<Filters>): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value && !(name === 'status' && value === 'open')) params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Each filter's label and options, by value: the first option is the default (no filter, or open requests). */
const filterOptions = (staff: QueueResponse['staff']): Record<keyof Filters, [string, Record<string, string>]> => ({
  status: ['Status', { open: 'Open', all: 'All, open and closed', ...statusNames }],
  kind: ['Kind', { '': 'Any kind', ...kindNames }],
  due: ['Due', { '': 'Any time', overdue: 'Overdue', week: 'Due within 7 days' }],
  assignee: [
    'Assigned to',
    {
      '': 'Anyone or no one',
      me: 'Me',
      none: 'No one (unassigned)',
      ...Object.fromEntries(staff.map((s) => [s.email, s.name || s.email])),
    },
  ],
  systems: ['Connected systems', { '': 'Any', attention: 'A system failed or waits for a handler' }],
});

/** Narrow the queue: status, kind, due, assignee. Applied by the button, so nothing moves while choosing. */
export function QueueFilters(props: { tenant: string; filters: Filters; staff: QueueResponse['staff'] }) {
  const { values: draft, bind } = useFields(props.filters, (name) => `f-${name}`);
  const filters = filterOptions(props.staff);
  return (
    <form
      class="filters"
      aria-label="Filter the requests"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(pagePath(props.tenant, `requests${queryOf(draft)}`));
      }}
    >
      {filterNames.map((name) => (
        <Field key={name} {...bind(name)} label={filters[name][0]} options={optionsOf(filters[name][1])} />
      ))}
      <div class="actions">
        <button type="submit">Apply filters</button>
      </div>
    </form>
  );
}
