import { formatUkDate } from '../../dates.ts';
import type { RequestEventType } from '../../entities.ts';
import type { RequestView } from '../../requests/view.ts';

/**
 * The emails for fees and merged duplicates: how much and why (the law that allows it), how and
 * by when to pay, that the time limit starts when it is paid (UK GDPR Art. 12A), and the right to
 * complain, to us and to the ICO (`complain`, as the other request emails say it).
 */
export function feeAndMergeTexts(
  request: RequestView,
  complain: string,
): Partial<Record<RequestEventType, { subject: string; lead: string[] }>> {
  const ref = request.reference;
  const fee = request.fee;
  const last = (type: RequestEventType) => [...request.history].reverse().find((h) => h.type === type)?.message ?? '';
  return {
    'fee-requested': {
      subject: `A fee is needed for ${ref}`,
      lead: [
        `Requests are normally free. For your request ${ref} we ask a fee of ${fee?.amount ?? ''}, for ${fee?.grounds ?? ''}.`,
        `Why: ${fee?.reason ?? ''}`,
        fee?.basis ? `How we worked out the amount: ${fee.basis}` : '',
        `How to pay: ${fee?.howToPay ?? ''}`,
        `Please pay by ${fee ? formatUkDate(fee.payBy) : ''}. The one-month time limit to answer starts on the day we receive the fee (UK GDPR Article 12A). If it is not paid by then, we will close the request without answering it.`,
        complain,
      ],
    },
    'fee-paid': {
      subject: `Thank you: we have the fee for ${ref}`,
      lead: [last('fee-paid'), `We will respond by ${formatUkDate(request.dueOn)} at the latest.`, request.clockNote],
    },
    'fee-unpaid': {
      subject: `Your request ${ref} is closed: the fee was not paid`,
      lead: [last('fee-unpaid'), complain],
    },
    merged: {
      subject: `Your requests are joined: we answer under ${request.mergedInto?.reference ?? ref}`,
      lead: [last('merged'), 'Nothing you sent us is lost: both requests stay on your page.'],
    },
  };
}
