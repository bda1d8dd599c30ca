import { useState } from 'preact/hooks';
import { Field } from '../../../components/field/index.tsx';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

/**
 * Someone acts for the person (a parent, a solicitor, an attorney): record, after logging, what
 * gives them authority and how it was checked. The request shows it, and so does the evidence pack.
 */
export function RecordAuthority(props: FormProps) {
  const rep = props.detail.request.onBehalf;
  const [authority, setAuthority] = useState(rep?.authority ?? '');
  const [checked, setChecked] = useState('');
  return (
    <ActionForm
      id="authority"
      title={rep?.checked ? 'Record a new check of their authority' : 'Record how their authority was checked'}
      submit="Record the check"
      fields={['authority', 'checked']}
      check={() => [
        ...need(authority, 'authority', 'Say what gives them authority'),
        ...need(checked, 'checked', 'Say how you checked their authority'),
      ]}
      action={() => ({ type: 'record-authority', authority: authority.trim(), checked: checked.trim() })}
      done="Recorded. The check is on the request and in its evidence pack."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            {rep ? `${rep.name} acts for the person (${rep.capacity}).` : ''} Check their authority before you disclose anything
            to them. Only staff see this.
          </p>
          <Field
            id={idOf('authority')}
            label="What gives them authority"
            hint="For example parental responsibility, a signed letter of authority, a lasting power of attorney."
            multiline
            maxLength={1000}
            value={authority}
            onValue={setAuthority}
            error={errors.authority}
          />
          <Field
            id={idOf('checked')}
            label="How you checked it"
            hint="For example: birth certificate seen at the office; LPA checked with the Office of the Public Guardian."
            multiline
            maxLength={1000}
            value={checked}
            onValue={setChecked}
            error={errors.checked}
          />
        </>
      )}
    </ActionForm>
  );
}
