import { useState } from 'preact/hooks';
import { Field } from '../../../components/field/index.tsx';
import { ActionForm } from './action-form.tsx';
import { type FormProps, need } from './forms.tsx';

/*
 * Ways a request ends beyond "done" and a refusal (issue 18): nothing held, an objection not
 * upheld, a rectification refused because the data is accurate, or applied from the request.
 */

export function AnswerNothingHeld(props: FormProps) {
  const [note, setNote] = useState('');
  const { subject } = props.detail;
  return (
    <ActionForm
      id="nothing-held"
      title="Answer: nothing held"
      submit="Search and answer"
      fields={['note']}
      action={() => ({ type: 'answer-nothing-held', ...(note.trim() ? { note: note.trim() } : {}) })}
      done="Searched: nothing held. The request is completed and the answer queued to the requester (in the history below)."
      post={props.post}
    >
      {(errors, idOf) => (
        <>
          <p class="hint">
            The centre searches every category of its privacy policy for {subject.email || 'this person'} and records the search.
            Connected systems are searched by their own run for this request. If nothing is held, the requester is told so, in
            words for this kind of request; if anything is held, nothing is sent and you are told what.
          </p>
          <Field
            id={idOf('note')}
            label="Anything else searched by hand (optional, kept with the search record)"
            multiline
            value={note}
            onValue={setNote}
            error={errors.note}
          />
        </>
      )}
    </ActionForm>
  );
}

export function ObjectionNotUpheld(props: FormProps) {
  const [grounds, setGrounds] = useState('');
  return (
    <ActionForm
      id="not-upheld"
      title="Objection not upheld"
      submit="Send the decision"
      fields={['grounds']}
      check={() => need(grounds, 'grounds', 'Give the compelling legitimate grounds: the requester is told them')}
      action={() => ({ type: 'objection-not-upheld', grounds: grounds.trim() })}
      done="Objection not upheld. The request is completed; the decision and its grounds are in the history below."
      post={props.post}
    >
      {(errors, idOf) => (
        <Field
          id={idOf('grounds')}
          label="The compelling legitimate grounds that override their interests (the requester is told them)"
          multiline
          value={grounds}
          onValue={setGrounds}
          error={errors.grounds}
        />
      )}
    </ActionForm>
  );
}

export function DataAccurate(props: FormProps) {
  const [explanation, setExplanation] = useState('');
  return (
    <ActionForm
      id="accurate"
      title="The data is accurate"
      submit="Send the decision"
      fields={['explanation']}
      check={() => need(explanation, 'explanation', 'Say why the data is accurate: the requester is told it')}
      action={() => ({ type: 'data-accurate', explanation: explanation.trim() })}
      done="Answered: the data is accurate and was not changed. The answer is in the history below."
      post={props.post}
    >
      {(errors, idOf) => (
        <Field
          id={idOf('explanation')}
          label="Why the data is accurate (the requester is told it)"
          multiline
          value={explanation}
          onValue={setExplanation}
          error={errors.explanation}
        />
      )}
    </ActionForm>
  );
}

export function ApplyRectification(props: FormProps) {
  const d = props.detail.request.details;
  return (
    <ActionForm
      id="rectify"
      title="Apply the correction"
      submit="Correct and complete"
      fields={[]}
      action={() => ({ type: 'apply-rectification' })}
      done="Corrected, and the request completed. The answer is in the history below."
      post={props.post}
    >
      {() => (
        <p class="hint">
          Changes {String(d.fieldLabel ?? d.field)} from “{String(d.currentValue ?? '')}” to “{String(d.value ?? '')}” on the
          record, audited, and completes the request telling the requester what changed.
        </p>
      )}
    </ActionForm>
  );
}
