import { useState } from 'preact/hooks';
import { requestKindInfo } from '../../../../shared/requests/kinds.ts';
import type { TenantPublic } from '../../lib/portal-client.ts';
import { navigate } from '../../lib/route.ts';
import { useForm } from '../../lib/use-form.ts';
import { Choices } from '../choices/index.tsx';
import { Form } from '../field/index.tsx';

/** "What do you want us to do?": the seven rights, each with what it covers; the form follows on its own page. */
export function RequestChooser(props: { tenant: TenantPublic }) {
  const [kind, setKind] = useState('');
  const form = useForm();
  const kinds = Object.entries(requestKindInfo);
  const next = () =>
    kind
      ? navigate(`/t/${props.tenant.slug}/requests/new?kind=${kind}`)
      : form.fail([{ field: 'kind', message: 'Choose what you want us to do' }], () => 'choose-kind');
  return (
    <>
      <p>{props.tenant.deadlinePromise}</p>
      <div class="panel">
        <Form
          id="choose"
          level={2}
          title="What do you want us to do?"
          submit="Continue"
          form={form}
          sending={false}
          onSubmit={next}
          onCancel={() => navigate(`/t/${props.tenant.slug}/`)}
        >
          <Choices
            id="choose-kind"
            type="radio"
            labelledBy="choose-heading"
            options={kinds.map(([value, info]) => ({ value, label: info.name, hint: info.covers }))}
            selected={[kind]}
            onChange={([value]) => setKind(value ?? '')}
            error={form.errors.kind}
          />
        </Form>
      </div>
    </>
  );
}
