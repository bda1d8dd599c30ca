import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { EmailAddress } from '../portal-api.ts';

/** Staff sign-in: the email link, enrolling an authenticator, the second factor. */

/** A TOTP code as typed: six digits, spaces allowed. */
const TotpCode = /* @__PURE__ */ lazySchema(() =>
  z
    .string({ error: 'Enter the 6-digit code from your authenticator app' })
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app' })),
);

/** A recovery code as shown: 10 letters and digits in two groups of five. */
const RecoveryCode = /* @__PURE__ */ lazySchema(() =>
  z
    .string({ error: 'Enter one of your recovery codes' })
    .transform((s) => s.replace(/[\s-]+/g, '').toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9]{10}$/, { error: 'Recovery codes are 10 letters and digits, like abcde-12345' })),
);

export const StaffLinkRequest = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: EmailAddress }));

/** After the email link: the second factor is still to come. */
export const StaffLinkVerified = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** enrol: first sign-in, set up an authenticator app; second-factor: enter a code. */
    next: z.enum(['enrol', 'second-factor']),
  }),
);

export const Enrolment = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** Base32 secret for typing into an app that cannot scan. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code, an SVG document (show it as an image). */
    qrSvg: z.string(),
    issuer: z.string(),
    account: z.string(),
  }),
);

export const EnrolRequest = /* @__PURE__ */ lazySchema(() => z.strictObject({ code: TotpCode }));
export const SecondFactorRequest = /* @__PURE__ */ lazySchema(() =>
  z.union([z.strictObject({ code: TotpCode }), z.strictObject({ recoveryCode: RecoveryCode })]),
);
