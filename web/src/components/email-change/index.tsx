import { useState } from 'preact/hooks';
import { checkField } from '../../../../shared/profile/validate.ts';
import { api } from '../../lib/portal-client.ts';
import { useForm } from '../../lib/use-form.ts';
import { Field, Form } from '../field/index.tsx';

/**
 * Change of email address: a link goes to the new address, and nothing changes until it is
 * opened there. `onSent` gets the sentence to show once the link is on its way.
 */
export function EmailChange(props: { tenant: string; id: string; onSent: (message: string) => void; onCancel: () => void }) {
  const [email, setEmail] = useState('');
  const form = useForm();

  function submit() {
    const result = checkField({ label: 'New email address', kind: 'email', required: true }, email);
    if (!result.ok) return form.fail([{ field: 'email', message: result.message }]);
    form.send(async () => {
      await api(`/t/${props.tenant}/me/email`, { method: 'POST', body: { email: result.value } });
      props.onSent(
        `Check your new inbox: we have sent a link to ${result.value}. Open it within 15 minutes to confirm the change. Until then we keep using your current address.`,
      );
    }, 'email');
  }

  return (
    <Form
      id={props.id}
      title="Change email address"
      submit="Send confirmation link"
      sending={form.sending}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Field
        id={props.id}
        label="New email address"
        hint="We will send a link to it. Your address changes only when you open that link."
        type="email"
        autoComplete="email"
        value={email}
        error={form.errors.email}
        onValue={setEmail}
      />
    </Form>
  );
}
