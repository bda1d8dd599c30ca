import { useState } from 'preact/hooks';
import { Field, Form } from '../../../components/field/index.tsx';
import { messageOf } from '../../../lib/portal-client.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type SubjectSearch } from '../../lib/admin-client.ts';

export type Subject = SubjectSearch['subjects'][number];

/** Step 1: find the requester by their exact email address. */
export function FindSubject(props: {
  tenant: string;
  onFound: (subject: Subject) => void;
  /** Offer to go on with an address no one holds (a rights request: anyone may make one). */
  anyone?: boolean;
  /** What they made: a request (the default) or a complaint. */
  made?: string;
}) {
  const [email, setEmail] = useState('');
  const [found, setFound] = useState<{ email: string; subjects: Subject[] } | null>(null);
  const form = useForm();
  const resultRef = useFocus<HTMLDivElement>(found);

  async function submit() {
    const typed = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed)) {
      return form.fail([{ field: 'email', message: 'Enter their email address, like name@example.com' }], () => 'find-email');
    }
    form.start();
    try {
      const res = await adminApi<SubjectSearch>(props.tenant, `subjects?email=${encodeURIComponent(typed)}`);
      form.fail([]);
      if (res.subjects.length === 1 && res.subjects[0]) return props.onFound(res.subjects[0]);
      setFound({ email: typed, subjects: res.subjects });
    } catch (e) {
      form.fail([{ field: 'email', message: messageOf(e) }], () => 'find-email');
    }
  }

  return (
    <div class="panel">
      <Form
        id="find"
        level={2}
        title={`1. Who made the ${props.made ?? 'request'}?`}
        submit="Find them"
        form={form}
        onSubmit={submit}
      >
        <Field
          id="find-email"
          label="Their email address"
          hint="The address we hold for them, exactly. Ask them which address they use with us."
          type="email"
          autoComplete="off"
          spellcheck={false}
          value={email}
          onValue={setEmail}
          error={form.errors.email}
        />
      </Form>
      <div ref={resultRef} tabIndex={-1} class="find-result">
        {found && found.subjects.length === 0 && (
          <div class="notice" role="status">
            <p>
              No one with the address <strong>{found.email}</strong> is held in this centre. Check the spelling, or ask for
              another address they may have used with us.
            </p>
            {props.anyone && (
              <>
                <p>
                  Anyone may make a request, held or not: log it for this address, and the centre searches its records (and the
                  connected systems) and answers within the time limit, “nothing held” if so.
                </p>
                <button type="button" onClick={() => props.onFound({ id: '', email: found.email, name: found.email })}>
                  Log a request for {found.email}
                </button>
              </>
            )}
          </div>
        )}
        {found && found.subjects.length > 1 && (
          <>
            <p role="status">More than one person has that address. Choose the right one:</p>
            <ul class="plain">
              {found.subjects.map((s) => (
                <li key={s.id}>
                  <button type="button" class="ghost" onClick={() => props.onFound(s)}>
                    {s.name} ({s.email})
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
