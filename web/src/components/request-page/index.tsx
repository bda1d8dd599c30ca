import { useState } from 'preact/hooks';
import { londonLongDate } from '../../../../shared/uk-time.ts';
import { formatDate, formatDateTime, type RequestSummary, type TenantPublic } from '../../lib/portal-client.ts';
import { restrictionReasons } from '../../lib/request-words.ts';
import { useFocus } from '../../lib/use-focus.ts';
import { OurQuestion } from '../message-form/index.tsx';
import { ComplainToIco } from '../page/index.tsx';
import { Quote } from '../quote/index.tsx';
import { daysLeftText } from '../request-list/index.tsx';
import { Terms } from '../terms/index.tsx';
import { YourCopy } from './copy.tsx';
import { Withdraw } from './withdraw.tsx';

const capacityWords: Record<string, string> = {
  parent: 'your parent',
  guardian: 'your guardian',
  solicitor: 'your solicitor',
  attorney: 'your attorney',
  other: 'acting for you',
};

/** "Received … · Due by … (n days left)", or how it ended. */
function when(r: RequestSummary): string {
  const received = `Received ${formatDate(r.receivedOn)}`;
  const due = formatDate(r.dueOn);
  const last = r.history.at(-1);
  if (!r.open)
    return `${received} · ${r.statusText} on ${last ? londonLongDate(new Date(last.at)) : ''} (the reply was due by ${due})`;
  if (r.waiting) return `${received} · ${r.waiting}`;
  return `${received} · Due by ${due} (${daysLeftText(r.daysLeft)})`;
}

/** What the person asked for, in words. */
function asked(r: RequestSummary): [string, string][] {
  const d = (key: string) => {
    const value = r.details[key];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const rows: [string, string | false][] = [
    ['Which data', d('recordNames') || (d('scope') === 'some' ? d('categoryNames') : d('scope') && 'Everything')],
    ['Why', r.kind === 'restriction' && (restrictionReasons[d('reason')] ?? d('reason'))],
    ['Information', d('fieldLabel') && `${d('fieldLabel')}${d('categoryName') ? ` (${d('categoryName')})` : ''}`],
    ['It says now', d('currentValue')],
    ['It should say', d('proposedValue')],
    ['Use of your data', d('processingName')],
    ['Your reasons', r.kind === 'objection' && d('reason')],
    ['Decision', d('decision')],
    ['Your question', d('question')],
    ['Anything else', d('note')],
    [
      'Made for you by',
      !!r.actingFor &&
        `${r.actingFor.name} (${capacityWords[r.actingFor.capacity] ?? r.actingFor.capacity}). ${
          r.actingFor.checked
            ? 'We have checked their authority to act for you.'
            : 'We check their authority to act for you before we share anything with them.'
        }`,
    ],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}

/** One request: where it stands, what was asked, our question or reply, its history, and withdrawing it. */
export function RequestPage(props: { tenant: TenantPublic; request: RequestSummary; onChange: (r: RequestSummary) => void }) {
  const r = props.request;
  const slug = props.tenant.slug;
  const contact = props.tenant.contact;
  const [notice, setNotice] = useState({ text: '', n: 0 });
  const noticeRef = useFocus<HTMLParagraphElement>(notice.n);
  const done = (text: string) => (next: RequestSummary) => {
    props.onChange(next);
    setNotice((n) => ({ text, n: n.n + 1 }));
  };

  return (
    <>
      <p role="status" class={notice.text ? 'status' : 'status-empty'} ref={noticeRef} tabIndex={-1}>
        {notice.text}
      </p>
      <div class="panel">
        <Terms
          rows={[
            ['Reference', r.reference],
            ['Status', r.statusText],
            [
              'Time limit',
              <>
                {when(r)}
                <span class="hint">{r.clockNote}</span>
              </>,
              r.open && !r.waiting && r.daysLeft < 0 ? 'overdue' : undefined,
            ],
          ]}
        />
      </div>
      {r.questionNote && (
        <OurQuestion
          ids={{ heading: 'question', form: 'answer', field: 'answer-message' }}
          lead="We asked you:"
          question={r.question ?? ''}
          path={`/t/${slug}/me/requests/${r.id}/answer`}
          onDone={done('Thank you: we have your answer.')}
        >
          <p>{r.questionNote}</p>
        </OurQuestion>
      )}
      {r.status === 'awaiting-fee' && r.fee && (
        <section class="category" aria-labelledby="fee">
          <h2 id="fee">The fee we asked for</h2>
          <Terms
            rows={[
              ['Amount', r.fee.amount],
              ['What it is for', r.fee.grounds],
              ['Why', r.fee.reason],
              ['Pay by', formatDate(r.fee.payBy)],
              ['How to pay', r.fee.howToPay],
              ['How we set it', r.fee.basis],
            ]}
          />
        </section>
      )}
      {r.open && r.extensionReason && (
        <section class="category" aria-labelledby="extended">
          <h2 id="extended">Why we need longer</h2>
          <p>{r.extensionReason}</p>
        </section>
      )}
      {r.outcome && (
        <section class="category" aria-labelledby="outcome">
          <h2 id="outcome">{r.status === 'refused' ? 'Why we refused' : 'Our reply'}</h2>
          <p>{r.outcome}</p>
          {r.status === 'refused' && (
            <p>
              If you disagree, tell us: <a href={`mailto:${contact.email}`}>{contact.email}</a>
              {contact.phone ? ` or ${contact.phone}` : ''}. You can also <ComplainToIco />
            </p>
          )}
        </section>
      )}
      {(r.kind === 'access' || r.kind === 'portability') && (
        <YourCopy key={r.id} tenant={slug} request={r} contact={contact.email} />
      )}
      <section class="category" aria-labelledby="asked">
        <h2 id="asked">What you asked</h2>
        <Terms rows={[['Request', r.kindName], ...asked(r)]} />
      </section>
      <section class="category" aria-labelledby="history">
        <h2 id="history">What has happened</h2>
        <ol class="history">
          {r.history.map((h) => (
            <li key={h.at + h.type}>
              {/* Who beside the time, a label apart from the sentence: "You: You answered.", not "You You answered." */}
              <time dateTime={h.at}>{formatDateTime(h.at)}</time>{' '}
              <span class="who">
                {h.byYou ? 'You' : 'Us'}
                <span class="vh">:</span>
              </span>
              <div>{h.text}</div>
              {/* Our reply, or why we refused, is shown once, above: not quoted again here. */}
              {h.message && h.message !== r.outcome && <Quote text={h.message} />}
            </li>
          ))}
        </ol>
      </section>
      {r.open && <Withdraw tenant={slug} request={r} onDone={done('You withdrew this request. We will take it no further.')} />}
    </>
  );
}
