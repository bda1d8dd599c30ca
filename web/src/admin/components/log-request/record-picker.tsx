import type { StaffSubjectView } from '../../../../../shared/admin-api.ts';
import { Choices } from '../../../components/choices/index.tsx';
import { FieldError } from '../../../components/field/index.tsx';
import { display } from '../../../lib/fields.ts';
import { useLoad } from '../../lib/use-load.ts';
import { formatDate } from '../../lib/words.ts';

type Category = StaffSubjectView['categories'][number];
type StaffRecordView = Category['records'][number];

/** A record as the picker names it: the day it was recorded and its first few values, shortened. */
export function recordLabel(category: Category, record: StaffRecordView): string {
  const values = category.fields
    .map((f) => display(record.data[f.id]))
    .filter((v) => v.trim() !== '')
    .slice(0, 3)
    .join(', ');
  const short = values.length > 80 ? `${values.slice(0, 79)}…` : values;
  return `Recorded ${formatDate(record.recordedOn)}${short ? `: ${short}` : ''}`;
}

/** The records the picker offers: what the person has, by category, less what is only shown (the consent ledger). */
export const pickable = (view: StaffSubjectView): Category[] =>
  view.categories.map((c) => ({ ...c, records: c.records.filter((r) => !r.readOnly) })).filter((c) => c.records.length > 0);

/**
 * "Only some records": the person's records by category (opening them is the person page's
 * audited read), to tick the ones they asked to have deleted — one call recording, not every
 * call. A record on legal hold can be ticked: the erasure keeps it and the letter says why.
 */
export function RecordPicker(props: {
  tenant: string;
  subjectId: string;
  picked: string[];
  setPicked: (ids: string[]) => void;
  error?: string;
}) {
  const { load } = useLoad<StaffSubjectView>(props.tenant, `subjects/${props.subjectId}`);
  const id = 'log-recordIds';
  if (load.kind === 'loading')
    return (
      <p class="reveal" role="status">
        Loading their records…
      </p>
    );
  if (load.kind === 'error')
    return (
      <p class="notice reveal" role="alert">
        Their records could not be loaded: {load.message}
      </p>
    );
  const groups = pickable(load.data);
  if (groups.length === 0)
    return (
      <p class="notice reveal" role="status">
        The centre holds no records for them that could be chosen one by one. Choose “Everything” instead.
      </p>
    );
  return (
    <fieldset class="reveal record-picker" aria-describedby={props.error ? `${id}-error` : `${id}-hint`}>
      <legend>Which records?</legend>
      <p id={`${id}-hint`} class="hint">
        Tick each record they asked to have deleted. Nothing else of theirs is deleted. A record on legal hold or kept by law
        stays, and the letter says why.
      </p>
      <FieldError id={id} error={props.error} />
      {groups.map((c, i) => {
        const ids = new Set(c.records.map((r) => r.id));
        return (
          <Choices
            key={c.id}
            id={i === 0 ? id : `${id}-${c.id}`}
            type="checkbox"
            legend={c.name}
            options={c.records.map((r) => ({
              value: r.id,
              label: recordLabel(c, r),
              ...(r.hold ? { hint: 'On legal hold: it will be kept.' } : {}),
            }))}
            selected={props.picked.filter((p) => ids.has(p))}
            onChange={(chosen) => props.setPicked([...props.picked.filter((p) => !ids.has(p)), ...chosen])}
          />
        );
      })}
    </fieldset>
  );
}
