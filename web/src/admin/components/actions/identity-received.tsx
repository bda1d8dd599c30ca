import { optionsOf } from '../../../components/choices/index.tsx';
import { actionForm } from './action-form.tsx';
import { today } from './spec-field.tsx';

const ways = optionsOf({ post: 'By post', email: 'By email', 'in-person': 'In person', phone: 'By phone' });

/**
 * Identity information asked for that arrived another way than the requester's answer on their
 * page: the month counts again from the day it arrived (UK GDPR Art. 12A), and they are emailed the new date.
 */
export const IdentityReceived = actionForm(() => ({
  id: 'identity-received',
  title: 'Identity information received',
  submit: 'Record it and restart the clock',
  intro:
    'When the information you asked for to confirm who the requester is arrives by post, email, phone or in person, record the day it arrived: the one-month limit starts again from that day (UK GDPR Article 12A).',
  fields: {
    receivedOn: { label: 'Day it arrived', type: 'date', initial: today() },
    via: { label: 'How did it come?', type: 'radio', options: ways, need: 'Choose how it came' },
    note: { label: 'Note for staff (optional, never shown to the requester)', type: 'multiline', maxLength: 2000 },
  },
  action: (v) => ({
    type: 'identity-received',
    receivedOn: v.receivedOn,
    via: v.via as 'post' | 'email' | 'in-person' | 'phone',
    ...(v.note ? { note: v.note } : {}),
  }),
  done: 'Recorded. The month counts from the day it arrived; the requester is emailed the new date.',
}));
