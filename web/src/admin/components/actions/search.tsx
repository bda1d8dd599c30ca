import { optionsOf } from '../../../components/choices/index.tsx';
import { actionForm } from './action-form.tsx';
import { today } from './spec-field.tsx';

/** Records one search made for an access or portability request: where, for whom, when, what was found. */
export const RecordSearch = actionForm(() => ({
  id: 'search',
  title: 'Record a search made',
  submit: 'Record the search',
  intro: 'Keep a record of every system and place you search: it shows the searches were reasonable and proportionate.',
  fields: {
    place: { label: 'System or place searched', need: 'Say which system or place you searched' },
    identity: { label: 'Searched for (email, name or account number used)', need: 'Say who you searched for' },
    searchedOn: { label: 'Day of the search', type: 'date', initial: today() },
    found: {
      label: 'Was anything found?',
      type: 'radio',
      initial: 'yes',
      options: optionsOf({ yes: 'Yes', no: 'No' }),
    },
    count: { label: 'How many records (optional)', when: (v) => v.found === 'yes' },
    note: { label: 'What was found, and what was done with it', type: 'multiline', maxLength: 2000 },
  },
  action: (v, raw) => ({
    type: 'record-search',
    place: v.place,
    identity: v.identity,
    searchedOn: v.searchedOn,
    found: v.found === 'yes',
    // As typed: a count with spaces around it is left out, as it always was.
    ...(v.found === 'yes' && /^\d+$/.test(raw.count) ? { count: Number(raw.count) } : {}),
    note: v.note,
  }),
  done: 'Search recorded. It is in the evidence pack.',
}));
