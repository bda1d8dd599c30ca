import { useState } from 'preact/hooks';
import type { StaffMarketingView } from '../../../../../shared/admin-api.ts';
import { Field } from '../../../components/field/index.tsx';
import { messageOf } from '../../../lib/portal-client.ts';
import { adminApi, type Ctx } from '../../lib/admin-client.ts';
import { useLoad } from '../../lib/use-load.ts';
import { formatDateTime } from '../../lib/words.ts';
import { LoadState } from '../load-state/index.tsx';

const via = [
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
  const [form, setForm] = useState({ cell: '', granted: 'false', receivedVia: 'phone' });
  const [state, setState] = useState({ sending: false, text: '', alert: false });

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
    ...cells,
    ...channels.map((ch) => ({ value: `${ch}|*`, label: `Everything by ${channelWords(ch)}` })),
    ...topics.map(([id, name]) => ({ value: `*|${id}`, label: `${name} by any channel` })),
    { value: '*|*', label: 'All marketing (stop all)' },
  ];
  const chosen = form.cell || cells[0]?.value || '';

  async function record(e: Event) {
    e.preventDefault();
    const [channel, topic] = chosen.split('|');
    setState({ sending: true, text: '', alert: false });
    try {
      set(
        await adminApi<StaffMarketingView>(slug, `subjects/${props.subjectId}/marketing`, {
          method: 'POST',
          body: { channel, topic, granted: form.granted === 'true', receivedVia: form.receivedVia },
        }),
      );
      setState({ sending: false, text: 'Recorded on their consent history.', alert: false });
    } catch (error) {
      setState({ sending: false, text: messageOf(error), alert: true });
    }
  }

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
        <form class="panel" onSubmit={record} aria-labelledby="record-choice">
          <h3 id="record-choice">Record a choice they gave you</h3>
          <Field id="mk-cell" label="Which" value={chosen} onValue={(cell) => setForm({ ...form, cell })} options={which} />
          <Field
            id="mk-granted"
            label="Their choice"
            value={form.granted}
            onValue={(granted) => setForm({ ...form, granted })}
            options={[
              { value: 'false', label: 'No, stop' },
              { value: 'true', label: 'Yes, they want it' },
            ]}
          />
          <Field
            id="mk-via"
            label="How they told you"
            value={form.receivedVia}
            onValue={(receivedVia) => setForm({ ...form, receivedVia })}
            options={via}
          />
          <button type="submit" disabled={state.sending}>
            {state.sending ? 'Recording…' : 'Record the choice'}
          </button>
          <p class={state.alert ? 'error' : 'status'} role={state.alert ? 'alert' : 'status'}>
            {state.text}
          </p>
        </form>
      )}
    </>
  );
}
