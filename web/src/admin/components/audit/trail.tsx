import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../../components/field/index.tsx';
import { messageOf } from '../../../lib/portal-client.ts';
import { useFields } from '../../../lib/use-fields.ts';
import { type AuditPage, adminApi, adminPath, type Ctx } from '../../lib/admin-client.ts';
import { QueryPanel, useQueryForm } from '../query-form/index.tsx';
import { EventTable } from './event-table.tsx';

type Filters = { person: string; request: string; staff: string; kind: string; from: string; to: string };
const none: Filters = { person: '', request: '', staff: '', kind: '', from: '', to: '' };

const queryOf = (f: Filters) =>
  Object.entries(f)
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v.trim())}`)
    .join('&');

/**
 * Browse the trail newest first, filtered, fifty at a time ("Older events" reads on), and download
 * what the filters match as CSV or JSON, with a fresh check of the whole chain. Each look is audited.
 */
export function Trail(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const query = useQueryForm('audit');
  const { bind, values: draft } = useFields<Filters>(none, query.idOf, query.form.errors);
  const [shown, setShown] = useState<{ filters: Filters; pages: AuditPage[] } | null>(null);
  const [more, setMore] = useState(false);

  function show(filters = draft) {
    const backwards = Boolean(filters.from && filters.to && filters.from > filters.to);
    return query.run(
      backwards ? [{ field: 'to', message: 'The last day must be on or after the first day' }] : [],
      async () => setShown({ filters, pages: [await adminApi<AuditPage>(slug, `audit/events?${queryOf(filters)}`)] }),
      () => setShown(null),
    );
  }

  async function older() {
    const next = shown?.pages.at(-1)?.next;
    if (!shown || !next) return;
    setMore(true);
    try {
      const page = await adminApi<AuditPage>(slug, `audit/events?${queryOf(shown.filters)}&after=${encodeURIComponent(next)}`);
      setShown({ ...shown, pages: [...shown.pages, page] });
    } catch (e) {
      query.setError(messageOf(e));
    }
    setMore(false);
  }

  useEffect(() => {
    show(none);
  }, []);

  const events = shown?.pages.flatMap((p) => p.events) ?? [];
  const next = shown?.pages.at(-1)?.next;
  const exportHref = (format: 'csv' | 'json') =>
    `/api${adminPath(slug, `audit/export?format=${format}${shown && queryOf(shown.filters) ? `&${queryOf(shown.filters)}` : ''}`)}`;
  return (
    <section aria-label="Audit events" class="trail">
      <QueryPanel query={query} id="audit" title="Read the events" submit="Show events" onSubmit={() => show()}>
        <div class="filters">
          <Field {...bind('person')} label="Person" hint="Their email address, or their id after an erasure" spellcheck={false} />
          <Field {...bind('request')} label="Request reference or id" spellcheck={false} />
          <Field {...bind('staff')} label="Member of staff" hint="Their email address: what they did" type="email" />
          <Field
            {...bind('kind')}
            label="Kind"
            hint="The start of a kind is enough: request. staff. auth. profile. marketing. export. erasure."
            spellcheck={false}
          />
          <Field {...bind('from')} label="From" type="date" />
          <Field {...bind('to')} label="To" type="date" />
        </div>
      </QueryPanel>
      {shown && (
        <div aria-live="polite">
          <p class="trail-summary">
            {events.length === 0
              ? 'No events match these filters.'
              : `Showing the newest ${events.length === 1 ? 'event' : `${events.length} events`}${next ? '; older ones follow' : ''}.`}{' '}
            Download what these filters match, with a check of the whole chain:{' '}
            <a href={exportHref('csv')} download>
              CSV
            </a>{' '}
            or{' '}
            <a href={exportHref('json')} download>
              JSON
            </a>
            .
          </p>
          {events.length > 0 && <EventTable slug={slug} events={events} />}
          {next && (
            <button type="button" class="secondary" onClick={older} disabled={more}>
              {more ? 'Loading…' : 'Older events'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
