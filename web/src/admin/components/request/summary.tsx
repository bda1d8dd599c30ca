import type { RequestDetail } from '../../lib/admin-client.ts';
import { formatDate, formatDateTime, identityMethodNames, viaText } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { DueCell } from '../queue/table.tsx';

type Request = RequestDetail['request'];

const months = (n: number) => (n === 1 ? '1 month' : `${n} months`);

/** Where the request stands: status, dates and the clock, who has it, and the identity check. */
export function RequestSummary(props: { request: Request }) {
  const r = props.request;
  return (
    <dl class="panel summary">
      <div>
        <dt>Status</dt>
        <dd>
          {r.statusText} {r.open && r.paused && <Chip tone="quiet">Clock stopped</Chip>}
        </dd>
      </div>
      <div>
        <dt>Received</dt>
        <dd>
          {formatDate(r.receivedOn)}, {viaText(r.receivedVia)}
        </dd>
      </div>
      <div>
        <dt>{r.open ? 'Due' : 'Was due'}</dt>
        <dd>
          <DueCell item={r} />
          <span class="hint" data-testid="clock-note">
            {r.clockNote}
          </span>
        </dd>
      </div>
      <div>
        <dt>First deadline</dt>
        <dd>
          {formatDate(r.firstDeadline)}
          <span class="hint">Before any extension. To extend, do it by this date: after it, the law allows no extension.</span>
        </dd>
      </div>
      {r.extensionMonths > 0 && (
        <div>
          <dt>Extended</dt>
          <dd>
            By {months(r.extensionMonths)}
            {r.extensionReason && <span class="hint">Reason given to the requester: {r.extensionReason}</span>}
          </dd>
        </div>
      )}
      {r.pausedDays > 0 && (
        <div>
          <dt>Clock stopped</dt>
          <dd>{r.pausedDays === 1 ? '1 day' : `${r.pausedDays} days`} in all, waiting for the requester</dd>
        </div>
      )}
      <div>
        <dt>Assigned to</dt>
        <dd>{r.assignee ? `${r.assignee.name} (${r.assignee.email})` : 'No one'}</dd>
      </div>
      <div>
        <dt>Identity check</dt>
        <dd>
          {r.identity ? (
            <>
              {identityMethodNames[r.identity.method]}: {r.identity.note}
              <span class="hint">
                Recorded by {r.identity.by}, {formatDateTime(r.identity.at)}
              </span>
            </>
          ) : (
            <Chip tone="warning">Not recorded yet</Chip>
          )}
        </dd>
      </div>
      {r.onBehalf && (
        <div>
          <dt>Acting for the person</dt>
          <dd>
            {r.onBehalf.name} ({r.onBehalf.capacity})
            {r.onBehalf.email
              ? r.onBehalf.recordedBy === 'requester' && !r.onBehalf.checked
                ? `, answers go to ${r.onBehalf.email} once their authority is checked (until then to the person)`
                : `, answers go to ${r.onBehalf.email}`
              : ''}
            . Authority: {r.onBehalf.authority}.{' '}
            {r.onBehalf.checked ? (
              `Checked: ${r.onBehalf.checked}${r.onBehalf.checkedBy && r.onBehalf.checkedOn ? ` (by ${r.onBehalf.checkedBy}, ${formatDate(r.onBehalf.checkedOn)})` : ''}`
            ) : (
              <Chip tone="warning">Authority not checked yet</Chip>
            )}
            <span class="hint">Recorded by {r.onBehalf.recordedBy === 'staff' ? 'staff' : 'the requester'}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
