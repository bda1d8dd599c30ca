import { useState } from 'preact/hooks';
import type { StaffMarketingView } from '../../../../../shared/admin-api.ts';
import { Field, Form } from '../../../components/field/index.tsx';
import type { FieldErrors } from '../../../lib/portal-client.ts';
import { useFields } from '../../../lib/use-fields.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type Ctx } from '../../lib/admin-client.ts';
import { useLoad } from '../../lib/use-load.ts';
import { formatDateTime } from '../../lib/words.ts';
import { LoadState } from '../load-state/index.tsx';

const choose = { value: '', label: 'Choose…' };
const via = [
  choose,
  { value: 'phone', label: 'By phone' },
  { value: 'letter', label: 'By letter' },
  { value: 'email', label: 'By email' },
  { value: 'in-person', label: 'In person' },
];
const sources: Record<string, string> = {
  portal: 'on their privacy centre page',
  'unsubscribe-link': 'with an unsubscribe link',
  staff: 'recorded by staff',
  import: 'imported',
  'soft-opt-in': 'soft opt-in',
  'connected-system': 'unsubscribed in',
};

/** Each marketing system: the last opt-out it was told of, and what the last reconciliation did or could not settle. */
function MarketingSystems(props: { systems: StaffMarketingView['systems'] }) {
  if (props.systems.length === 0) return null;
  const line = (label: string, l: StaffMarketingView['systems'][number]['push']) =>
    l && (
      <li class={l.attention ? 'error' : undefined}>
        {label} ({formatDateTime(l.at)}): {l.text}
      </li>
    );
  return (
    <section aria-labelledby="mk-systems">
      <h3 id="mk-systems">Mailing tools</h3>
      <ul class="marketing-systems">
        {props.systems.map((s) => (
          <li key={s.systemId}>
            <strong>{s.name}</strong>
            {!s.push && !s.reconciled ? (
              ': nothing to tell it yet'
            ) : (
              <ul>
                {line('Last opt-out sent', s.push)}
                {line('Last reconciliation', s.reconciled)}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A person's marketing choices now (every channel and topic), the consent history behind them,
 * and, for handlers, a choice they gave by phone, letter, email or in person. Reading is audited.
 */
/** A channel in words, as the person's own page says it ("text message", not "sms"). */
const channelWords = (channel: string) =>
  ({ email: 'email', phone: 'phone', sms: 'text message', post: 'post' })[channel] ?? channel;

export function Marketing(props: { ctx: Ctx; subjectId: string; erased: boolean }) {
  const slug = props.ctx.tenant.slug;
  const { load, set } = useLoad<StaffMarketingView>(slug, `subjects/${props.subjectId}/marketing`);
  // Each choice recorded starts a new, empty form.
  const [recorded, setRecorded] = useState(0);

  if (load.kind !== 'ready') return <LoadState load={load} loading="Loading marketing choices…" />;
  const m = load.data;
  const cells = m.cells.map((c) => ({
    value: `${c.channel}|${c.topic}`,
    label: `${c.topicName} by ${channelWords(c.channel)}`,
    ...c,
  }));
  // Besides one cell: a whole channel, a whole topic, or all marketing (an opt-out heard by phone or post).
  const channels = [...new Set(m.cells.map((c) => c.channel))];
  const topics = [...new Map(m.cells.map((c) => [c.topic, c.topicName])).entries()];
  const which = [
    choose,
    ...cells,
    ...channels.map((ch) => ({ value: `${ch}|*`, label: `Everything by ${channelWords(ch)}` })),
    ...topics.map(([id, name]) => ({ value: `*|${id}`, label: `${name} by any channel` })),
    { value: '*|*', label: 'All marketing (stop all)' },
  ];
  return (
    <>
      {m.stoppedAllAt && <p class="notice">They stopped all marketing on {formatDateTime(m.stoppedAllAt)}.</p>}
      <ul class="marketing-cells">
        {cells.map((c) => (
          <li key={c.value}>
            {c.label}: <strong>{c.granted ? 'yes' : 'no'}</strong>
            {c.since
              ? `, since ${formatDateTime(c.since)}`
              : ` (no choice made: the default for “${m.kindName}” under ${m.lawfulBasis.replace('-', ' ')})`}
          </li>
        ))}
      </ul>
      <details>
        <summary>Consent history ({m.history.length})</summary>
        {m.history.length === 0 ? (
          <p>No choices recorded.</p>
        ) : (
          <ol class="consent-history">
            {m.history.map((h) => (
              <li key={`${h.at}${h.channel}${h.topic}`}>
                {formatDateTime(h.at)}: {h.channel === '*' ? 'all marketing' : `${h.topic} by ${channelWords(h.channel)}`}{' '}
                {h.granted ? 'on' : 'off'}, {sources[h.source] ?? h.source}
                {h.sourceDetail ? ` ${h.sourceDetail}` : ''}
                {h.receivedVia ? ` (${h.receivedVia})` : ''}
                {h.by ? ` by ${h.by}` : ''}. Wording shown: “{h.wording}” (policy {h.policyVersion})
              </li>
            ))}
          </ol>
        )}
      </details>
      <MarketingSystems systems={m.systems} />
      {props.ctx.me.can.act && !props.erased && cells.length > 0 && (
        <div class="panel">
          <RecordChoice
            key={recorded}
            slug={slug}
            subjectId={props.subjectId}
            which={which}
            onRecorded={(view) => {
              set(view);
              setRecorded((n) => n + 1);
            }}
          />
          <p class="status" role="status">
            {recorded ? 'Recorded on their consent history.' : ''}
          </p>
        </div>
      )}
    </>
  );
}

/**
 * "Record a choice they gave you". Nothing is chosen to start with: what is recorded is what the
 * person said and how, never a default the handler did not change.
 */
function RecordChoice(props: {
  slug: string;
  subjectId: string;
  which: { value: string; label: string }[];
  onRecorded: (view: StaffMarketingView) => void;
}) {
  const form = useForm();
  const idOf = (field: string) => `mk-${field}`;
  const { values: v, bind } = useFields({ cell: '', granted: '', via: '' }, idOf, form.errors);

  function record() {
    const missing = [
      !v.cell && { field: 'cell', message: 'Choose which marketing the choice is about' },
      !v.granted && { field: 'granted', message: 'Choose what they want' },
      !v.via && { field: 'via', message: 'Choose how they told you' },
    ].filter(Boolean) as FieldErrors;
    if (missing.length > 0) return form.fail(missing, idOf);
    const [channel, topic] = v.cell.split('|');
    form.send(
      async () =>
        props.onRecorded(
          await adminApi<StaffMarketingView>(props.slug, `subjects/${props.subjectId}/marketing`, {
            method: 'POST',
            body: { channel, topic, granted: v.granted === 'true', receivedVia: v.via },
          }),
        ),
      'cell',
      idOf,
    );
  }

  return (
    <Form id="record-choice" title="Record a choice they gave you" submit="Record the choice" form={form} onSubmit={record}>
      <Field {...bind('cell')} label="Which" options={props.which} />
      <Field
        {...bind('granted')}
        label="Their choice"
        options={[choose, { value: 'false', label: 'No, stop' }, { value: 'true', label: 'Yes, they want it' }]}
      />
      <Field {...bind('via')} label="How they told you" options={via} />
    </Form>
  );
}
