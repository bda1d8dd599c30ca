import { useState } from 'preact/hooks';
import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { ActionForm } from './action-form.tsx';
import type { FormProps } from './forms.tsx';

const ways = [
  { value: 'post', label: 'By post' },
  { value: 'email', label: 'By email' },
  { value: 'in-person', label: 'In person' },
  { value: 'phone', label: 'By phone' },
];

/**
 * Identity information asked for that arrived another way than the requester's answer on their
 * page: the month counts again from the day it arrived (UK GDPR Art. 12A), and they are emailed the new date.
 */
export function IdentityReceived(props: FormProps) {
  const [v, setV] = useState({ receivedOn: new Date().toISOString().slice(0, 10), via: 'post', note: '' });
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  return (
    <ActionForm
      id="identity-received"
      title="Identity information received"
      submit="Record it and restart the clock"
      fields={['receivedOn', 'via', 'note']}
      action={() => ({
        type: 'identity-received',
        receivedOn: v.receivedOn,
        via: v.via as 'post' | 'email' | 'in-person' | 'phone',
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      })}
      done="Recorded. The month counts from the day it arrived; the requester is emailed the new date."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            When the information you asked for to confirm who the requester is arrives by post, email, phone or in person, record
            the day it arrived: the one-month limit starts again from that day (UK GDPR Article 12A).
          </p>
          <Field
            id={idOf('receivedOn')}
            label="Day it arrived"
            type="date"
            value={v.receivedOn}
            onValue={set('receivedOn')}
            error={errors.receivedOn}
          />
          <Choices
            id={idOf('via')}
            type="radio"
            legend="How did it come?"
            options={ways}
            selected={[v.via]}
            onChange={([value]) => set('via')(value ?? 'post')}
            error={errors.via}
          />
          <Field
            id={idOf('note')}
            label="Note for staff (optional, never shown to the requester)"
            multiline
            maxLength={2000}
            value={v.note}
            onValue={set('note')}
            error={errors.note}
          />
        </>
      )}
    </ActionForm>
  );
}
