/** The forms loaded on first offer (lazy-form.tsx), in one chunk: one fetch, one gzip stream. */

export { CorrectionTable } from '../request/correction.tsx';
export { RecordAuthority } from './authority.tsx';
export { CorrectInSystems } from './correct-form.tsx';
export { ApplyRestriction, CarryOutErasure, LiftRestriction, NotifyRestrictionLift, UpholdObjection } from './fulfil-forms.tsx';
export { IdentityReceived } from './identity-received.tsx';
export { AnswerNothingHeld, ApplyRectification, DataAccurate, ObjectionNotUpheld } from './outcome-forms.tsx';
export { AnswerByReference, AskFee, FeePaid, MergeDuplicate } from './repeat-forms.tsx';
export { RecordSearch } from './search.tsx';
export { EraseInSystems, ResolveSystem, RetrySystems } from './system-forms.tsx';
