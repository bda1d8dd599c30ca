/**
 * The words the centre works in, declared once as values: the entity types (entities.ts), the
 * HTTP schemas (api.ts, admin-api.ts), the reports and the pages all build from these lists.
 */

/** The rights a subject can exercise (UK GDPR Arts. 15-22). */
export const requestKinds = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'automated-decision',
] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * Where a request stands; the open ones are in `openStatuses` (shared/requests/lifecycle.ts).
 * `awaiting-fee` (open, the clock stopped until a fee asked for is paid, UK GDPR Art. 12A),
 * `fee-unpaid` (closed: the fee was not paid in time) and `merged` (closed: joined to an earlier
 * duplicate, which answers both) come with fees and duplicates (issue 20).
 */
export const requestStatuses = [
  'received',
  'in-progress',
  'awaiting-information',
  'extended',
  'completed',
  'refused',
  'withdrawn',
  'awaiting-fee',
  'fee-unpaid',
  'merged',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Staff roles: a viewer reads, a handler works requests, an admin also manages staff. */
export const staffRoles = ['viewer', 'handler', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Who a person is to the organisation. It decides the marketing default (PECR reg. 22: the soft
 * opt-in covers only customers, and prospects in negotiation for a sale where the tenant says so).
 */
export const relationshipKinds = ['customer', 'prospect', 'end-user', 'applicant', 'other'] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];

/** How staff checked who a requester is. */
export const identityMethods = ['email-link', 'known-contact', 'documents', 'call-back', 'other'] as const;
export type IdentityMethod = (typeof identityMethods)[number];

/** The channels staff log a request from: everything but the online privacy centre. */
export const loggedVia = ['email', 'phone', 'letter', 'in-person'] as const;
/** How a request reached the organisation. */
export const receivedVia = ['portal', ...loggedVia] as const;
export type ReceivedVia = (typeof receivedVia)[number];

/** How identity information asked for reached staff, when not as the person's answer on their page. */
export const identityArrivedVia = ['post', 'email', 'in-person', 'phone'] as const;
export type IdentityArrivedVia = (typeof identityArrivedVia)[number];

/**
 * Why staff ask the requester for information: to confirm who they are (once it arrives, the
 * month counts again from that day, UK GDPR Art. 12A) or to clarify the request (on an access
 * request the clock stops while we wait and runs on after; on any other it keeps running).
 */
export const informationPurposes = ['identity', 'clarification'] as const;
export type InformationPurpose = (typeof informationPurposes)[number];

/** What a complaint is about (DPA 2018 s.164A: a complaint about the use of the person's data). */
export const complaintAbouts = ['request-handling', 'data-use'] as const;
export type ComplaintAbout = (typeof complaintAbouts)[number];

/**
 * Where a complaint stands: received (to acknowledge within 30 days), acknowledged (open until an
 * outcome), awaiting-information (we asked the person for more), closed (outcome told).
 */
export const complaintStatuses = ['received', 'acknowledged', 'awaiting-information', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/**
 * How a completed or refused request ended, beyond "done": partly done, nothing held, an
 * objection not upheld (compelling grounds), a rectification refused because the data is
 * accurate, or closed as superseded by the person's erasure. Each has its own words to the
 * person and its own line in the reports.
 */
export const requestOutcomes = [
  'done',
  'partly-done',
  'nothing-held',
  'objection-not-upheld',
  'data-accurate',
  'superseded',
  'refused',
] as const;
export type RequestOutcome = (typeof requestOutcomes)[number];

/** Who may act for another person (a parent for a child, a solicitor, an attorney under a power of attorney). */
export const representativeCapacities = ['parent', 'guardian', 'solicitor', 'attorney', 'other'] as const;
export type RepresentativeCapacity = (typeof representativeCapacities)[number];
