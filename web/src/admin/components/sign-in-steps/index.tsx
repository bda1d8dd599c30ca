import { useState } from 'preact/hooks';
import type { Enrolled, NextStep, StaffMe } from '../../lib/admin-client.ts';
import { goSignedOut } from '../../lib/admin-client.ts';
import { pagePath, redirect } from '../../lib/route.ts';
import { Shell } from '../shell/index.tsx';
import { Enrol } from './enrol.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import { SecondFactor } from './second-factor.tsx';
import { Verify } from './verify.tsx';

type Step = 'verify' | NextStep | Enrolled;

const titles = {
  verify: 'Continue signing in',
  enrol: 'Set up your authenticator app',
  'second-factor': 'Enter your code',
};

/**
 * Staff sign-in after the email: the link page, then either setting up an authenticator app
 * (first time: QR code, a code, recovery codes) or a code from it. Loaded on demand.
 */
export function SignInSteps(props: {
  tenant: { slug: string; name: string };
  start: 'verify' | NextStep;
  onSignedIn: (me: StaffMe) => void;
}) {
  const [step, setStep] = useState<Step>(props.start);
  const slug = props.tenant.slug;
  const title = typeof step === 'string' ? titles[step] : 'Save your recovery codes';
  const expired = () => {
    goSignedOut();
    redirect(pagePath(slug));
  };
  return (
    <Shell tenant={props.tenant} title={title}>
      {step === 'verify' && <Verify tenant={slug} onNext={setStep} />}
      {step === 'enrol' && <Enrol tenant={slug} onEnrolled={setStep} onExpired={expired} />}
      {step === 'second-factor' && <SecondFactor tenant={slug} onSignedIn={props.onSignedIn} onExpired={expired} />}
      {typeof step === 'object' && <RecoveryCodes codes={step.recoveryCodes} onContinue={() => props.onSignedIn(step.me)} />}
    </Shell>
  );
}
