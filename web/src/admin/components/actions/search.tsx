import { useState } from 'preact/hooks';
import { Choices } from '../../../components/choices/index.tsx';
import { Field } from '../../../components/field/index.tsx';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

/** Records one search made for an access or portability request: where, for whom, when, what was found. */
export function RecordSearch(props: FormProps) {
  const [v, setV] = useState({
    place: '',
    identity: '',
    searchedOn: new Date().toISOString().slice(0, 10),
    found: 'yes',
    count: '',
    note: '',
  });
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  return (
    <ActionForm
      id="search"
      title="Record a search made"
      submit="Record the search"
      fields={['place', 'identity', 'searchedOn', 'found', 'count', 'note']}
      check={() => [
        ...need(v.place, 'place', 'Say which system or place you searched'),
        ...need(v.identity, 'identity', 'Say who you searched for'),
      ]}
      action={() => ({
        type: 'record-search',
        place: v.place.trim(),
        identity: v.identity.trim(),
        searchedOn: v.searchedOn,
        found: v.found === 'yes',
        ...(v.found === 'yes' && /^\d+$/.test(v.count) ? { count: Number(v.count) } : {}),
        note: v.note.trim(),
      })}
      done="Search recorded. It is in the evidence pack."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            Keep a record of every system and place you search: it shows the searches were reasonable and proportionate.
          </p>
          <Field
            id={idOf('place')}
            label="System or place searched"
            value={v.place}
            onValue={set('place')}
            error={errors.place}
          />
          <Field
            id={idOf('identity')}
            label="Searched for (email, name or account number used)"
            value={v.identity}
            onValue={set('identity')}
            error={errors.identity}
          />
          <Field
            id={idOf('searchedOn')}
            label="Day of the search"
            type="date"
            value={v.searchedOn}
            onValue={set('searchedOn')}
            error={errors.searchedOn}
          />
          <Choices
            id={idOf('found')}
            type="radio"
            legend="Was anything found?"
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            selected={[v.found]}
            onChange={([value]) => set('found')(value ?? 'yes')}
            error={errors.found}
          />
          {v.found === 'yes' && (
            <Field
              id={idOf('count')}
              label="How many records (optional)"
              value={v.count}
              onValue={set('count')}
              error={errors.count}
            />
          )}
          <Field
            id={idOf('note')}
            label="What was found, and what was done with it"
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
