import type { RelatedRequests } from '../admin-api.ts';
import { addCalendarMonths, ukDate } from '../deadlines.ts';
import type { RightsRequest } from '../entities.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { answeredOn, openDuplicateOf, scopeOf } from '../requests/duplicates.ts';
import { feeGroundsText, pounds } from '../requests/fee-model.ts';
import { newestFirst, staffKindName, staffStatusOf } from '../requests/kinds.ts';
import { isOpen } from '../requests/lifecycle.ts';

const row = (r: RightsRequest, today: string, scope: string) => {
  const answered = answeredOn(r);
  const on = answered ? ukDate(answered) : undefined;
  return {
    id: r.id,
    reference: r.reference,
    kindName: staffKindName[r.kind],
    statusText: staffStatusOf(r),
    receivedOn: r.receivedOn,
    receivedVia: r.receivedVia ?? 'portal',
    dueOn: r.dueOn,
    details: r.details,
    ...(on ? { answeredOn: on } : {}),
    recentSameScope:
      r.status === 'completed' &&
      r.outcome !== 'superseded' &&
      !!on &&
      on >= addCalendarMonths(today, -12) &&
      scopeOf(r.kind, r.details) === scope,
  };
};

/**
 * What staff compare a request with: the same person's other open requests of the same kind and
 * scope (likely duplicates, to merge), their earlier requests with when each was answered (a
 * repeat of one answered recently may be answered by pointing to it), and the fees the centre
 * may ask.
 */
export function relatedRequests(
  tenant: TenantConfig,
  request: RightsRequest,
  all: RightsRequest[],
  today: string,
): RelatedRequests {
  const scope = scopeOf(request.kind, request.details);
  const others = newestFirst(all.filter((r) => r.id !== request.id));
  const duplicates = isOpen(request.status)
    ? others.filter((r) => openDuplicateOf([r], request.kind, request.details) !== undefined)
    : [];
  const fee = request.clock.fee;
  const copy = tenant.fees?.furtherCopyPence;
  const excessive = tenant.fees?.unfoundedOrExcessivePence;
  return {
    duplicates: duplicates.map((r) => row(r, today, scope)),
    earlier: others.filter((r) => !isOpen(r.status) && r.receivedAt < request.receivedAt).map((r) => row(r, today, scope)),
    merged: request.merged ?? [],
    mergedInto: request.mergedInto ?? null,
    fee: fee
      ? {
          grounds: feeGroundsText[fee.grounds],
          amount: pounds(fee.amountPence),
          reason: fee.reason,
          askedOn: fee.askedOn,
          payBy: fee.payBy,
          ...(fee.paidOn ? { paidOn: fee.paidOn } : {}),
        }
      : null,
    fees: {
      ...(copy !== undefined ? { furtherCopy: pounds(copy) } : {}),
      ...(excessive !== undefined ? { unfoundedOrExcessive: pounds(excessive) } : {}),
    },
  };
}
