import { useEffect, useState } from 'preact/hooks';
import { Field, Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useForm } from '../../../lib/use-form.ts';
import { type AuditPage, adminApi, adminPath, type Ctx } from '../../lib/admin-client.ts';
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
  const [draft, setDraft] = useState<Filters>(none);
  const [shown, setShown] = useState<{ filters: Filters; pages: AuditPage[] } | null>(null);
  const [error, setError] = useState('');
  const [more, setMore] = useState(false);
  const form = useForm();
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  async function show(filters = draft) {
    if (filters.from && filters.to && filters.from > filters.to) {
      return form.fail([{ field: 'to', message: 'The last day must be on or after the first day' }], (f) => `audit-${f}`);
    }
    form.start();
    setError('');
    try {
      const page = await adminApi<AuditPage>(slug, `audit/events?${queryOf(filters)}`);
      setShown({ filters, pages: [page] });
      form.fail([]);
    } catch (e) {
      setShown(null);
      if (e instanceof ApiError && e.fields.length > 0) return form.fail(e.fields, (f) => `audit-${f}`);
      form.fail([]);
      setError(messageOf(e));
    }
  }

  async function older() {
    const next = shown?.pages.at(-1)?.next;
    if (!shown || !next) return;
    setMore(true);
    try {
      const page = await adminApi<AuditPage>(slug, `audit/events?${queryOf(shown.filters)}&after=${encodeURIComponent(next)}`);
      setShown({ ...shown, pages: [...shown.pages, page] });
    } catch (e) {
      setError(messageOf(e));
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
      <div class="panel">
        <Form
          id="audit"
          level={2}
          title="Read the events"
          submit="Show events"
          sending={form.sending}
          errors={form.summary}
          attempt={form.attempt}
          onSubmit={() => show()}
        >
          <div class="filters">
            <Field
              id="audit-person"
              label="Person"
              hint="Their email address, or their id after an erasure"
              value={draft.person}
              onValue={set('person')}
              error={form.errors.person}
              spellcheck={false}
            />
            <Field
              id="audit-request"
              label="Request id"
              value={draft.request}
              onValue={set('request')}
              error={form.errors.request}
              spellcheck={false}
            />
            <Field
              id="audit-staff"
              label="Member of staff"
              hint="Their email address: what they did"
              type="email"
              value={draft.staff}
              onValue={set('staff')}
              error={form.errors.staff}
            />
            <Field
              id="audit-kind"
              label="Kind"
              value={draft.kind}
              hint="The start of a kind is enough: request. staff. auth. profile. marketing. export. erasure."
              onValue={set('kind')}
              spellcheck={false}
              error={form.errors.kind}
            />
            <Field id="audit-from" label="From" type="date" value={draft.from} onValue={set('from')} error={form.errors.from} />
            <Field id="audit-to" label="To" type="date" value={draft.to} onValue={set('to')} error={form.errors.to} />
          </div>
        </Form>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
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
