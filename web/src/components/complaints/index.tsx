import type { ComplaintViewT } from '../../../../shared/complaints/complaint-api.ts';
import { api, formatDate, formatDateTime, type MyDataResponse, type TenantPublic } from '../../lib/portal-client.ts';
import { follow, navigate, type Route } from '../../lib/route.ts';
import { useFields } from '../../lib/use-fields.ts';
import { useForm } from '../../lib/use-form.ts';
import { optionsOf, Radios } from '../choices/index.tsx';
import { Field, Form } from '../field/index.tsx';
import { OurQuestion } from '../message-form/index.tsx';
import { ComplainToIco } from '../page/index.tsx';
import { Quote } from '../quote/index.tsx';
import { Frame, NotReady, useLoad } from '../requests/frame.tsx';
import { Terms } from '../terms/index.tsx';

const abouts = optionsOf({
  'request-handling': 'How one of my requests was handled',
  'data-use': 'How my personal data is used',
});

/** The complaint form (DPA 2018 s.164A): what it is about, what happened, optionally which request. */
function NewComplaint(props: { tenant: string; requests: MyDataResponse['requests'] }) {
  const form = useForm();
  const idOf = (f: string) => `complaint-${f}`;
  const { values: v, bind } = useFields({ about: '', what: '', requestId: '' }, idOf, form.errors);
  function submit() {
    const missing = [
      ...(v.about ? [] : [{ field: 'about', message: 'Choose what your complaint is about' }]),
      ...(v.what.trim() ? [] : [{ field: 'what', message: 'Say what happened' }]),
    ];
    if (missing.length) return form.fail(missing, idOf);
    form.send(
      async () => {
        const c = await api<ComplaintViewT>(`/t/${props.tenant}/me/complaints`, {
          method: 'POST',
          body: { about: v.about, what: v.what.trim(), ...(v.requestId ? { requestId: v.requestId } : {}) },
        });
        navigate(`/t/${props.tenant}/complaints/${c.id}`);
      },
      'what',
      idOf,
    );
  }
  return (
    <Form id="complaint" level={2} title="Make a complaint" submit="Send my complaint" form={form} onSubmit={submit}>
      <Radios {...bind('about')} legend="What is it about?" options={abouts} />
      <Field {...bind('what')} label="What happened?" multiline maxLength={5000} />
      {props.requests.length > 0 && (
        <Field
          {...bind('requestId')}
          label="Which request is it about? (optional)"
          options={[
            { value: '', label: 'None' },
            ...props.requests.map((r) => ({ value: r.id, label: `${r.reference}: ${r.kindName}` })),
          ]}
        />
      )}
    </Form>
  );
}

function ComplaintsView(props: { tenant: TenantPublic }) {
  const slug = props.tenant.slug;
  const [me] = useLoad<MyDataResponse>(`/t/${slug}/me`);
  const [list] = useLoad<{ complaints: ComplaintViewT[] }>(`/t/${slug}/me/complaints`);
  if (me.kind !== 'ready') return <NotReady tenant={props.tenant} load={me} missing="Page not found" />;
  const complaints = list.kind === 'ready' ? list.data.complaints : [];
  return (
    <Frame tenant={props.tenant} title="Complaints">
      <p>
        If you are unhappy with how we use your personal data or handled one of your requests, tell us here. We acknowledge every
        complaint within 30 days (straight away when you make it here), look into it and tell you the outcome.
      </p>
      {complaints.length > 0 && (
        <ul class="records" aria-label="Your complaints">
          {complaints.map((c) => (
            <li key={c.id} class="record">
              <a href={`/t/${slug}/complaints/${c.id}`} onClick={follow}>
                {c.reference}
              </a>{' '}
              · {c.aboutText} · {c.statusText}
            </li>
          ))}
        </ul>
      )}
      <NewComplaint tenant={slug} requests={me.data.requests} />
    </Frame>
  );
}

function OneComplaint(props: { tenant: TenantPublic; id: string }) {
  const [load, set] = useLoad<ComplaintViewT>(`/t/${props.tenant.slug}/me/complaints/${props.id}`);
  if (load.kind !== 'ready') return <NotReady tenant={props.tenant} load={load} missing="Complaint not found" />;
  const c = load.data;
  return (
    <Frame tenant={props.tenant} title={`Complaint ${c.reference}`}>
      <div class="panel">
        <Terms
          rows={[
            ['Status', c.statusText],
            ['About', c.aboutText],
            ['Request', c.requestReference],
            ['Received', formatDate(c.receivedOn)],
            ['Acknowledged', c.acknowledgedOn && formatDate(c.acknowledgedOn)],
            ['What happened', c.what],
          ]}
        />
      </div>
      {c.question && (
        <OurQuestion
          ids={{ heading: 'c-question', form: 'c-answer-form', field: 'c-answer' }}
          question={c.question}
          path={`/t/${props.tenant.slug}/me/complaints/${c.id}/answer`}
          onDone={set}
        />
      )}
      {c.outcome && (
        <section class="category" aria-labelledby="c-outcome">
          <h2 id="c-outcome">Our outcome</h2>
          <p>{c.outcome}</p>
          <p>
            If you are still unhappy, you can <ComplainToIco />
          </p>
        </section>
      )}
      <section class="category" aria-labelledby="c-history">
        <h2 id="c-history">What has happened</h2>
        <ul class="records">
          {c.history.map((h) => (
            <li key={h.at + h.type} class="record">
              <strong>{formatDateTime(h.at)}</strong> {h.text}
              {h.message && <Quote text={h.message} />}
            </li>
          ))}
        </ul>
      </section>
    </Frame>
  );
}

/** The complaint pages, in the on-demand chunk with the request pages. */
export function ComplaintPages(props: { tenant: TenantPublic; route: Extract<Route, { name: 'complaints' | 'complaint' }> }) {
  const { route } = props;
  return route.name === 'complaint' ? (
    <OneComplaint key={route.id} tenant={props.tenant} id={route.id} />
  ) : (
    <ComplaintsView tenant={props.tenant} />
  );
}
