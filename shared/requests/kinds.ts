import type { RightsRequest } from '../entities.ts';
import type { RequestKind, RequestStatus } from '../vocabulary.ts';
import { isOpen } from './lifecycle.ts';

/** What each right is, in plain English, shown before the subject asks. No dependencies: the page imports it. */
export const requestKindInfo: Record<RequestKind, { name: string; short: string; covers: string; limits: string }> = {
  access: {
    name: 'A copy of my data',
    short: 'access',
    covers:
      'A copy of the personal data we hold about you, with why we hold it, where it came from, who receives it and how long we keep it.',
    limits: 'We may leave out information about other people, or legally privileged material, and will tell you if we do.',
  },
  rectification: {
    name: 'Correct my data',
    short: 'rectification',
    covers: 'Correcting data that is wrong, or completing data that is incomplete.',
    limits: 'If we believe the data is right, we will explain why and you can ask us to note your view.',
  },
  erasure: {
    name: 'Delete my data',
    short: 'erasure',
    covers: 'Deleting your data when we no longer need it, you withdraw consent, you object, or it was used unlawfully.',
    limits:
      'This right is not absolute: we keep what the law requires (for example tax records) or what is needed for legal claims, and we will tell you what we kept and why.',
  },
  restriction: {
    name: 'Stop using my data for now',
    short: 'restriction',
    covers: 'We keep your data but stop using it, for example while we check its accuracy or an objection.',
    limits:
      'This right is not absolute: we may still use the data with your consent, for legal claims or to protect others. We will tell you before we lift a restriction.',
  },
  portability: {
    name: 'Take my data elsewhere',
    short: 'portability',
    covers:
      'The data you gave us, in a structured, machine-readable form (JSON and CSV), to keep or to pass to another organisation.',
    limits: 'It covers data you provided that we process by consent or contract, by automated means.',
  },
  objection: {
    name: 'Object to how my data is used',
    short: 'objection',
    covers: 'Objecting to processing based on our legitimate interests, or to direct marketing.',
    limits:
      'An objection to direct marketing is absolute: we stop at once. For other processing we stop unless we have compelling reasons that override yours, which we will explain.',
  },
  'automated-decision': {
    name: 'Ask about automated decisions',
    short: 'automated decision-making',
    covers: 'Asking whether a decision about you was made by automated means only, how, and asking for a person to review it.',
    limits: 'It applies to decisions with legal or similarly significant effects made without human involvement.',
  },
};

export const requestStatusText: Record<RequestStatus, string> = {
  received: 'Received',
  'in-progress': 'In progress',
  'awaiting-information': 'Waiting for information from you',
  extended: 'Extended',
  completed: 'Completed',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  'awaiting-fee': 'Waiting for the fee',
  'fee-unpaid': 'Closed: fee not paid',
  merged: 'Joined to your other request',
};

/** What staff call each right (the subject sees `requestKindInfo[kind].name`). */
export const staffKindName: Record<RequestKind, string> = {
  access: 'Access (Art. 15)',
  rectification: 'Rectification (Art. 16)',
  erasure: 'Erasure (Art. 17)',
  restriction: 'Restriction (Art. 18)',
  portability: 'Portability (Art. 20)',
  objection: 'Objection (Art. 21)',
  // Arts. 22A–22D since the Data (Use and Access) Act 2025 replaced Art. 22.
  'automated-decision': 'Automated decisions (Arts. 22A–22D)',
};

/** Statuses as staff read them. */
export const staffStatusText: Record<RequestStatus, string> = {
  ...requestStatusText,
  'awaiting-information': 'Waiting for the requester',
  merged: 'Merged into a duplicate',
};

/** A request's status in staff words: one closed as superseded by the person's erasure says so, not "Completed". */
export const staffStatusOf = (r: Pick<RightsRequest, 'status' | 'outcome'>): string =>
  r.status === 'completed' && r.outcome === 'superseded' ? 'Closed: superseded by an erasure' : staffStatusText[r.status];

/** A request as staff see it in a list of someone's requests: its reference, kind and status in words. */
export const requestRef = (r: RightsRequest) => ({
  id: r.id,
  reference: r.reference,
  kindName: staffKindName[r.kind],
  statusText: staffStatusOf(r),
  open: isOpen(r.status),
});

/** Requests, the newest received first. */
export const newestFirst = (requests: RightsRequest[]) => [...requests].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
