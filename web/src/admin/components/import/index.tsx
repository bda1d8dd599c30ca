import { useState } from 'preact/hooks';
import type { ImportColumns, ImportReport } from '../../../../../shared/admin-api.ts';
import { type Part, splitFile } from '../../../../../shared/data-tools/split.ts';
import { grouped } from '../../../../../shared/uk-time.ts';
import { Field, Form } from '../../../components/field/index.tsx';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { useFields } from '../../../lib/use-fields.ts';
import { useFocus } from '../../../lib/use-focus.ts';
import { useForm } from '../../../lib/use-form.ts';
import { adminApi, type Ctx } from '../../lib/admin-client.ts';
import { useLoad } from '../../lib/use-load.ts';
import { LoadState } from '../load-state/index.tsx';
import { Result } from './result.tsx';

type Step =
  | { kind: 'choose' }
  | { kind: 'working'; verb: string; done: number; first: number; last: number; total: number }
  | { kind: 'checked' | 'imported'; report: ImportReport }
  | { kind: 'stopped'; report: ImportReport | null; message: string };

const n = grouped;

/** Adds a part's report to the file's so far. */
function add(sum: ImportReport | null, part: ImportReport): ImportReport {
  if (!sum) return part;
  const counts = { ...sum.counts };
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += part.counts[key];
  return {
    ...part,
    rows: sum.rows + part.rows,
    counts,
    errors: [...sum.errors, ...part.errors],
    written: sum.written || part.written,
  };
}

/**
 * Import people and records from another system's export: choose the category, the source
 * system and the file; a dry run shows the errors per row and what would change; then the
 * import. A large file goes in parts of 200 rows, with progress shown (and announced).
 */
export function Import(props: { ctx: Ctx }) {
  const slug = props.ctx.tenant.slug;
  const { load } = useLoad<ImportColumns>(slug, 'imports/columns');
  const [file, setFile] = useState<File | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [parts, setParts] = useState<{ format: 'csv' | 'json'; list: Part[]; rows: number } | null>(null);
  const form = useForm();
  const resultRef = useFocus<HTMLDivElement>(step.kind !== 'working' && step.kind !== 'choose' && step, 'h2, [role=alert]');
  const idOf = (field: string) => `imp-${field}`;
  const { values, bind } = useFields({ category: '', system: '' }, idOf, form.errors);
  const { category, system } = values;
  const columns = load.kind === 'ready' ? load.data.categories.find((c) => c.id === category)?.columns : undefined;

  /** Any change to what is chosen means checking again. */
  const choose =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      setStep({ kind: 'choose' });
      setParts(null);
    };
  /** A field's control, whose change means checking again. */
  const field = (name: keyof typeof values) => {
    const b = bind(name);
    return { ...b, onValue: choose(b.onValue) };
  };

  async function send(list: Part[], format: 'csv' | 'json', rows: number, dryRun: boolean): Promise<ImportReport | null> {
    let sum: ImportReport | null = null;
    let done = 0;
    for (const part of list) {
      setStep({
        kind: 'working',
        verb: dryRun ? 'Checking' : 'Importing',
        done,
        first: part.first,
        last: part.last,
        total: rows,
      });
      try {
        const report: ImportReport = await adminApi<ImportReport>(slug, 'imports', {
          method: 'POST',
          body: {
            format,
            category,
            system,
            dryRun,
            validRowsOnly: validOnly,
            content: part.content,
            lineOffset: part.lineOffset,
          },
        });
        sum = add(sum, report);
        done = part.last;
      } catch (e) {
        const report = e instanceof ApiError ? (e.details as { report?: ImportReport } | undefined)?.report : undefined;
        if (dryRun && !report) {
          setStep({ kind: 'choose' });
          form.fail(
            [{ field: 'file', message: e instanceof ApiError && e.fields[0] ? e.fields[0].message : messageOf(e) }],
            idOf,
          );
          return null;
        }
        const before =
          part.first > 1
            ? ` Rows 1–${n(part.first - 1)} were imported; importing the file again is safe (they will show as unchanged).`
            : '';
        setStep({
          kind: 'stopped',
          report: sum,
          message: `Stopped at rows ${n(part.first)}–${n(part.last)}: ${messageOf(e)}${before}`,
        });
        return null;
      }
    }
    return sum;
  }

  async function check() {
    const problems = [
      ...(category ? [] : [{ field: 'category', message: 'Choose the category of the data' }]),
      ...(/^[a-z0-9][a-z0-9-]{0,39}$/.test(system.trim().toLowerCase())
        ? []
        : [{ field: 'system', message: 'Name the system in lowercase letters, digits and hyphens, like crm or halo-psa' }]),
      ...(file ? [] : [{ field: 'file', message: 'Choose a CSV or JSON file' }]),
    ];
    if (problems.length || !file) return form.fail(problems, idOf);
    form.start();
    const format = /\.json$/i.test(file.name) || file.type === 'application/json' ? 'json' : 'csv';
    const split = splitFile(format, await file.text());
    if (!split.ok) return form.fail([{ field: 'file', message: split.message }], idOf);
    setParts({ format, list: split.parts, rows: split.rows });
    const report = await send(split.parts, format, split.rows, true);
    if (!report) return;
    form.fail([]);
    setStep({ kind: 'checked', report });
  }

  async function run() {
    if (!parts || step.kind !== 'checked') return;
    const report = await send(parts.list, parts.format, parts.rows, false);
    if (report) setStep({ kind: 'imported', report });
  }

  if (load.kind !== 'ready') return <LoadState load={load} />;
  const template = columns ? `${columns.map((c) => c.name).join(',')}\r\n` : '';

  return (
    <>
      <p>
        Bring in people and their records from other systems’ exports (CRM, ticketing, call recording, remote access). Nothing is
        written until you import; importing the same file again changes nothing.
      </p>
      <div class="panel">
        <Form
          id="imp"
          level={2}
          title="1. Choose the file"
          submit="Check the file"
          form={form}
          sending={form.sending || step.kind === 'working'}
          onSubmit={check}
        >
          <Field
            {...field('category')}
            label="What data is it?"
            options={[
              { value: '', label: 'Choose a category' },
              ...load.data.categories.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          {columns && (
            <div class="columns-hint">
              <p class="hint">
                A CSV with a header row (or a JSON array of objects) with these columns; those marked * must be filled in every
                row. Dates as 2026-03-14 or 14/03/2026.
              </p>
              <p class="code-line">
                <code>{columns.map((c) => `${c.name}${c.required ? '*' : ''}`).join(', ')}</code>
              </p>
              <p>
                <a download={`${category}-import.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}>
                  Download an empty file with these columns
                </a>
              </p>
            </div>
          )}
          <Field
            {...field('system')}
            label="Which system did it come from?"
            hint="A short name, like crm or halo-psa. Use the same one each time: rows are matched by it and their sourceKey."
            autoComplete="off"
            spellcheck={false}
          />
          <div class={form.errors.file ? 'field invalid' : 'field'}>
            <label for={idOf('file')}>The file to import</label>
            <p class="hint" id={idOf('file-hint')}>
              CSV or JSON. Large files are sent in parts of 200 rows.
            </p>
            {form.errors.file && (
              <p class="field-error" id={idOf('file-error')}>
                <span class="vh">Error: </span>
                {form.errors.file}
              </p>
            )}
            <input
              type="file"
              id={idOf('file')}
              accept=".csv,.json,text/csv,application/json"
              aria-describedby={`${idOf('file-hint')}${form.errors.file ? ` ${idOf('file-error')}` : ''}`}
              aria-invalid={form.errors.file ? true : undefined}
              onChange={(e) => choose(setFile)((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
            />
          </div>
        </Form>
      </div>
      <div role="status" class="progress-line">
        {step.kind === 'working' && `${step.verb} rows ${n(step.first)}–${n(step.last)} of ${n(step.total)}…`}
      </div>
      {step.kind === 'working' && step.total > 0 && (
        <progress max={step.total} value={step.done} aria-label={`${step.verb} the file`} />
      )}
      <div ref={resultRef}>
        {(step.kind === 'checked' || step.kind === 'imported') && (
          <Result report={step.report} mode={step.kind} validOnly={validOnly} onValidOnly={setValidOnly} onImport={run} />
        )}
        {step.kind === 'stopped' && (
          <>
            <p class="notice error-notice" role="alert">
              {step.message}
            </p>
            {step.report && <Result report={step.report} mode="partial" />}
          </>
        )}
      </div>
    </>
  );
}
