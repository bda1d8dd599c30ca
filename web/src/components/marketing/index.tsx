import { useEffect, useState } from 'preact/hooks';
import { api, formatDateTime, type MarketingResponse, messageOf } from '../../lib/portal-client.ts';
import { useFocus } from '../../lib/use-focus.ts';

const channelNames: Record<string, string> = { email: 'Email', phone: 'Phone', sms: 'Text message', post: 'Post' };
const key = (channel: string, topic: string) => `${channel}|${topic}`;
const choicesOf = (m: MarketingResponse) => Object.fromEntries(m.cells.map((c) => [key(c.channel, c.topic), c.granted]));

/** "What we may send you": marketing choices per topic and channel, stop all, and their history. */
export function Marketing(props: { tenant: string }) {
  const [data, setData] = useState<MarketingResponse | null>(null);
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const path = `/t/${props.tenant}/me/marketing`;
  const [stops, setStops] = useState(0);
  // Focus follows the two-step "stop all" (and lands on the notice once it is done).
  const stopRef = useFocus<HTMLDivElement>(confirming ? 'confirm' : 'ask', 'button');
  const noticeRef = useFocus<HTMLParagraphElement>(stops);

  const adopt = (m: MarketingResponse, message: string) => {
    setData(m);
    setChoices(choicesOf(m));
    setStatus(message);
    setError('');
  };
  useEffect(() => {
    api<MarketingResponse>(path)
      .then((m) => adopt(m, ''))
      .catch((e) => setError(messageOf(e)));
  }, [path]);

  async function send(run: () => Promise<MarketingResponse>, message: string) {
    setBusy(true);
    setStatus('');
    try {
      adopt(await run(), message);
    } catch (e) {
      setError(messageOf(e));
    }
    setBusy(false);
    setConfirming(false);
  }

  async function stopAll() {
    await send(() => api(`${path}/stop-all`, { method: 'POST' }), '');
    setStops((n) => n + 1);
  }

  function save(event: Event) {
    event.preventDefault();
    if (!data) return;
    const changes = data.cells
      .filter((c) => choices[key(c.channel, c.topic)] !== c.granted)
      .map((c) => ({ channel: c.channel, topic: c.topic, granted: !c.granted }));
    if (changes.length === 0) return setStatus('Nothing to save: you did not change anything.');
    send(() => api(path, { method: 'PUT', body: { changes, wording: data.wording } }), 'Your choices are saved.');
  }

  return (
    <section class="category" aria-labelledby="marketing">
      <h2 id="marketing">What we may send you</h2>
      {!data ? (
        <p class={error ? 'error' : undefined} role={error ? 'alert' : undefined} aria-busy={!error}>
          {error || 'Loading your choices…'}
        </p>
      ) : (
        <>
          <p>{data.intro}</p>
          <p class="wording">{data.wording}</p>
          {data.stoppedAllAt && (
            <p class="notice" ref={noticeRef} tabIndex={-1}>
              <strong>You stopped all marketing on {formatDateTime(data.stoppedAllAt)}.</strong> We will not send you any
              marketing. Switching something on below is a new choice of yours, for just that.
            </p>
          )}
          <form onSubmit={save} noValidate>
            {data.topics.map((t) => (
              <fieldset key={t.id} class="topic" aria-describedby={`topic-${t.id}`}>
                <legend>{t.name}</legend>
                <p id={`topic-${t.id}`} class="hint">
                  {t.description}
                </p>
                <div class="checks">
                  {data.channels.map((ch) => {
                    const k = key(ch, t.id);
                    return (
                      <label key={ch} class="check">
                        <input
                          type="checkbox"
                          checked={choices[k] ?? false}
                          onChange={(e) => setChoices((all) => ({ ...all, [k]: (e.currentTarget as HTMLInputElement).checked }))}
                        />
                        {channelNames[ch] ?? ch}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            ))}
            {error && (
              <p class="error" role="alert">
                {error}
              </p>
            )}
            <p role="status" class={status ? 'status' : 'status-empty'}>
              {status}
            </p>
            <button type="submit" disabled={busy}>
              Save my choices
            </button>
          </form>
          {!data.stoppedAllAt && (
            <div class="stop" ref={stopRef}>
              <h3>Stop all marketing</h3>
              <p>{data.stopWording}</p>
              {confirming ? (
                <div class="actions">
                  <button type="button" class="danger" disabled={busy} onClick={stopAll}>
                    Yes, stop all marketing
                  </button>
                  <button type="button" class="ghost" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <button type="button" class="ghost" onClick={() => setConfirming(true)}>
                  Stop all marketing
                </button>
              )}
            </div>
          )}
          <h3>Your choices so far</h3>
          {data.history.length === 0 ? (
            <p>You have not made any choices yet.</p>
          ) : (
            <ul class="history">
              {data.history.map((h) => (
                <li key={h.at + h.text}>
                  <time dateTime={h.at}>{formatDateTime(h.at)}</time> {h.text}
                  <p class="wording">
                    {h.source === 'portal' ? 'What you were shown: ' : 'Our wording at the time: '}
                    <q>{h.wording}</q>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
