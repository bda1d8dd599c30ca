import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type Category, correctable, type DataRecord, shown } from '../../lib/fields.ts';
import { Lazy } from '../../lib/lazy.tsx';
import { formatDate, type RequestSummary } from '../../lib/portal-client.ts';
import { useFocus } from '../../lib/use-focus.ts';
import { EmailChange } from '../email-change/index.tsx';
import { RecordForm } from '../record-form/index.tsx';

/** Asking to delete one record is rare: its form is its own chunk, fetched when first asked for. */
const loadEraseRecord = () => import('../erase-record-form/index.tsx').then((m) => m.EraseRecordForm);
/** Asking for a correction of a field one cannot change oneself: the same. */
const loadCorrection = () => import('../correction-form/index.tsx').then((m) => m.CorrectionForm);

/** What a form asking for something about one record (a correction, its erasure) is given. */
export interface RecordRequestProps {
  tenant: string;
  category: Category;
  record: DataRecord;
  /** The request made, and what to tell the person. */
  onSent: (request: RequestSummary, message: string) => void;
  onCancel: () => void;
}

export interface RecordActions {
  tenant: string;
  version: number;
  onSaved: (version: number, recordId: string, data: DataRecord['data']) => void;
  onRequest: (request: RequestSummary) => void;
}

type Mode = 'view' | 'edit' | 'email' | 'fix' | 'erase';

/** One record: its fields, its retention, and what the person can do about it. */
export function RecordCard(props: RecordActions & { category: Category; record: DataRecord }) {
  const { category, record } = props;
  const [mode, setMode] = useState<Mode>('view');
  const [opened, setOpened] = useState<Mode>('view');
  const [status, setStatus] = useState('');
  // Into the form's first control when it opens; back to the button that opened it when it closes.
  // A form loaded on demand takes the focus once it is drawn, not while "Loading…" shows.
  const [loaded, setLoaded] = useState(0);
  const onLoad = () => setLoaded((n) => n + 1);
  const ref = useFocus<HTMLLIElement>(`${mode}:${loaded}`, mode === 'view' ? `[data-for=${opened}]` : 'input, select, textarea');
  const done = (message: string) => {
    setStatus(message);
    setMode('view');
  };
  const open = (next: Mode) => {
    setStatus('');
    setOpened(next);
    setMode(next);
  };
  const button = (next: Mode, label: ComponentChildren) => (
    <button type="button" class="ghost" data-for={next} onClick={() => open(next)}>
      {label}
    </button>
  );
  const canEdit = category.fields.some((f) => f.editable);
  const hasEmail = category.fields.some((f) => f.kind === 'email');
  const canFix = correctable(category).length > 0;
  const name = <span class="vh"> ({category.name})</span>;

  return (
    <li class="record" ref={ref}>
      {mode === 'edit' ? (
        <RecordForm
          tenant={props.tenant}
          category={category}
          record={record}
          version={props.version}
          onSaved={(version, data, outcome) => {
            props.onSaved(version, record.id, data);
            if (outcome !== 'conflict')
              done(outcome === 'saved' ? 'Saved. These are your details now.' : 'Nothing to save: you did not change anything.');
          }}
          onCancel={() => setMode('view')}
        />
      ) : mode === 'email' ? (
        <EmailChange tenant={props.tenant} id={`${record.id}-new-email`} onSent={done} onCancel={() => setMode('view')} />
      ) : mode === 'erase' || mode === 'fix' ? (
        <Lazy
          key={mode}
          load={mode === 'erase' ? loadEraseRecord : loadCorrection}
          onLoad={onLoad}
          props={{
            tenant: props.tenant,
            category,
            record,
            onSent: (request: RequestSummary, message: string) => {
              props.onRequest(request);
              done(message);
            },
            onCancel: () => setMode('view'),
          }}
        />
      ) : (
        <>
          <dl>
            {category.fields
              .filter((f) => record.data[f.id] !== undefined && record.data[f.id] !== '')
              .map((f) => (
                <div key={f.id}>
                  <dt>{f.label}</dt>
                  <dd>
                    {shown(record.data[f.id])}
                    {f.ownedBy && <span class="hint"> (kept by {f.ownedBy})</span>}
                  </dd>
                </div>
              ))}
            <div>
              <dt>Recorded</dt>
              <dd>{formatDate(record.recordedOn)}</dd>
            </div>
            {record.deleteOn && (
              <div>
                <dt>{record.overdue ? 'Was due for deletion' : 'To be deleted by'}</dt>
                <dd class={record.overdue ? 'overdue' : undefined}>
                  {formatDate(record.deleteOn)}
                  {record.overdue ? ' (overdue: it will be deleted at the next retention sweep)' : ''}
                </dd>
              </div>
            )}
          </dl>
          <div class="actions">
            {canEdit && button('edit', <>Change{name}</>)}
            {hasEmail && button('email', 'Change email address')}
            {canFix && button('fix', <>Ask for a correction{name}</>)}
            {button('erase', <>Ask us to delete this record{name}</>)}
          </div>
        </>
      )}
      <p role="status" class={status ? 'status' : 'status-empty'}>
        {status}
      </p>
    </li>
  );
}
