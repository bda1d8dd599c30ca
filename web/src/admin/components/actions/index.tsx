import type { FunctionComponent } from 'preact';
import { ApiError, messageOf } from '../../../lib/portal-client.ts';
import { type ActionName, adminApi, type Ctx, type RequestDetail } from '../../lib/admin-client.ts';
import type { FormProps, Post } from './action-form.tsx';
import { AskInformation, Assign, Complete, Extend, Note, Refuse, Start, VerifyIdentity } from './forms.tsx';
import { lazyForm } from './lazy-form.tsx';

const rare = () => import('./rare-forms.ts');
const RecordSearch = lazyForm(() => rare().then((m) => m.RecordSearch));
const IdentityReceived = lazyForm(() => rare().then((m) => m.IdentityReceived));
const RetrySystems = lazyForm(() => rare().then((m) => m.RetrySystems));
const ResolveSystem = lazyForm(() => rare().then((m) => m.ResolveSystem));
const EraseInSystems = lazyForm(() => rare().then((m) => m.EraseInSystems));
const CorrectInSystems = lazyForm(() => rare().then((m) => m.CorrectInSystems));
const MergeDuplicate = lazyForm(() => rare().then((m) => m.MergeDuplicate));
const AnswerByReference = lazyForm(() => rare().then((m) => m.AnswerByReference));
const AskFee = lazyForm(() => rare().then((m) => m.AskFee));
const FeePaid = lazyForm(() => rare().then((m) => m.FeePaid));
const CarryOutErasure = lazyForm(() => rare().then((m) => m.CarryOutErasure));
const ApplyRestriction = lazyForm(() => rare().then((m) => m.ApplyRestriction));
const NotifyRestrictionLift = lazyForm(() => rare().then((m) => m.NotifyRestrictionLift));
const LiftRestriction = lazyForm(() => rare().then((m) => m.LiftRestriction));
const UpholdObjection = lazyForm(() => rare().then((m) => m.UpholdObjection));
const ApplyRectification = lazyForm(() => rare().then((m) => m.ApplyRectification));
const ObjectionNotUpheld = lazyForm(() => rare().then((m) => m.ObjectionNotUpheld));
const DataAccurate = lazyForm(() => rare().then((m) => m.DataAccurate));
const AnswerNothingHeld = lazyForm(() => rare().then((m) => m.AnswerNothingHeld));
const RecordAuthority = lazyForm(() => rare().then((m) => m.RecordAuthority));

const forms: Record<ActionName, FunctionComponent<FormProps>> = {
  assign: Assign,
  'verify-identity': VerifyIdentity,
  'record-authority': RecordAuthority,
  start: Start,
  'record-search': RecordSearch,
  'ask-information': AskInformation,
  'identity-received': IdentityReceived,
  extend: Extend,
  // The connected systems, before the centre's own erasure.
  'retry-systems': RetrySystems,
  'resolve-system': ResolveSystem,
  'erase-in-systems': EraseInSystems,
  'correct-in-systems': CorrectInSystems,
  // Duplicates, repeats and fees (issue 20).
  'merge-duplicate': MergeDuplicate,
  'answer-by-reference': AnswerByReference,
  'ask-fee': AskFee,
  'fee-paid': FeePaid,
  // Doing the work, before the ways of closing a request by hand.
  'carry-out-erasure': CarryOutErasure,
  'apply-restriction': ApplyRestriction,
  'notify-restriction-lift': NotifyRestrictionLift,
  'lift-restriction': LiftRestriction,
  'uphold-objection': UpholdObjection,
  'apply-rectification': ApplyRectification,
  'objection-not-upheld': ObjectionNotUpheld,
  'data-accurate': DataAccurate,
  'answer-nothing-held': AnswerNothingHeld,
  complete: Complete,
  refuse: Refuse,
  note: Note,
};
const order = Object.keys(forms) as ActionName[];

/**
 * What this member of staff may do to the request now (the server's `actions`), each a small
 * form sent with the version the page shows: if someone else changed the request meanwhile,
 * nothing is done and the page shows the newer one.
 */
export function Actions(props: {
  ctx: Ctx;
  detail: RequestDetail;
  onDone: (detail: RequestDetail, message: string) => void;
  onConflict: (message: string) => void;
}) {
  const { ctx, detail } = props;
  const r = detail.request;
  const post: Post = async (action, done) => {
    try {
      const next = await adminApi<RequestDetail>(ctx.tenant.slug, `subjects/${r.subjectId}/requests/${r.id}/actions`, {
        method: 'POST',
        body: { expectedVersion: r.version, action },
      });
      props.onDone(next, done);
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Nothing to show by the fields: the page says what happened; the form keeps what was typed.
        props.onConflict(error.message);
        return [];
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        return error.fields.map((f) => ({ field: f.field.split('.').at(-1) ?? f.field, message: f.message }));
      }
      return [{ field: '', message: messageOf(error) }];
    }
  };
  const offered = order.filter((a) => detail.actions.includes(a));
  return (
    <section class="category actions-panel" aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      {offered.length === 0 ? (
        <p>
          {r.open ? 'There is nothing you can do to this request now.' : 'This request is closed: there is nothing more to do.'}
        </p>
      ) : (
        offered.map((a) => {
          const Form = forms[a];
          return <Form key={a} ctx={ctx} detail={detail} post={post} />;
        })
      )}
      {detail.notOffered.length > 0 && (
        <>
          <h3>Not possible now</h3>
          <ul>
            {detail.notOffered.map((n) => (
              <li key={n.action}>
                <strong>{n.action}</strong>: {n.why}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
