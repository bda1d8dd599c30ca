import { useState } from 'preact/hooks';
import type { SubjectLookup } from '../../../../../shared/admin-api.ts';
import { Field, Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { navigate } from '../../../lib/route.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type Ctx } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';

const REFERENCE = /^[A-Za-z]{2,5}-\d{4}-\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Find a person by their exact email address or the reference of one of their requests, then open them. */
export function People(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const [query, setQuery] = useState('');
  const [none, setNone] = useState('');
  const form = useForm();
  const resultRef = useFocus<HTMLParagraphElement>(none);
  const prefix = props.ctx.me.tenant.referencePrefix;

  async function submit() {
    const typed = query.trim();
    const by = REFERENCE.test(typed) ? 'reference' : EMAIL.test(typed) ? 'email' : '';
    if (!by) {
      return form.fail(
        [{ field: 'q', message: `Enter an email address, like name@example.com, or a reference, like ${prefix}-2026-000123` }],
        () => 'find-q',
      );
    }
    form.start();
    setNone('');
    try {
      const res = await adminApi<SubjectLookup>(slug, `subjects?${by}=${encodeURIComponent(typed)}`);
      form.fail([]);
      const found = res.subjects[0];
      if (found) return navigate(pagePath(slug, `people/${found.id}`));
      setNone(
        by === 'email'
          ? `No one with the address ${typed} is in this centre. Check the spelling, or ask which address they use with us.`
          : `No request of this centre has the reference ${typed.toUpperCase()}.`,
      );
    } catch (e) {
      form.fail(
        [{ field: 'q', message: e instanceof ApiError && e.fields[0] ? e.fields[0].message : messageOf(e) }],
        () => 'find-q',
      );
    }
  }

  return (
    <>
      <p>
        Open everything held about a person: their records, legal holds and requests. Each search and each person opened is
        recorded in the audit trail.
      </p>
      <div class="panel">
        <Form id="find" level={2} title="Find a person" submit="Find" form={form} onSubmit={submit}>
          <Field
            id="find-q"
            label="Email address or request reference"
            hint={`The exact address we hold for them, or a reference like ${prefix}-2026-000123.`}
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="none"
            value={query}
            onValue={setQuery}
            error={form.errors.q}
          />
        </Form>
        <p ref={resultRef} tabIndex={-1} role="status" class={none ? 'notice' : 'status-empty'}>
          {none}
        </p>
      </div>
    </>
  );
}
