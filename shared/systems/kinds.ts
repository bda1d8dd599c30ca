/**
 * The kinds of connected system the centre knows, and for each the kinds of object it holds and
 * the fields of those objects an erasure strategy may name. Vocabulary only: no vendor calls.
 */
export const apiSystemKinds = ['msgraph', 'autotask', 'halopsa'] as const;
/** Kinds declared but not shipped yet (issue 16): refused with a plain message until they are. */
export const plannedSystemKinds = ['mailchimp', 'xero', 'rest'] as const;
export const systemKinds = [...apiSystemKinds, 'manual'] as const;
export type SystemKind = (typeof systemKinds)[number];

export const operations = ['find', 'read', 'correct', 'erase', 'anonymise', 'suppress'] as const;
export type Operation = (typeof operations)[number];

export const identityKinds = ['email'] as const;
export type IdentityKind = (typeof identityKinds)[number];

/** Object kinds per system kind, with the fields an erasure strategy may name. */
export const objectKinds: Record<SystemKind, Record<string, readonly string[]>> = {
  msgraph: {
    user: [
      'displayName',
      'givenName',
      'surname',
      'mail',
      'mobilePhone',
      'businessPhones',
      'jobTitle',
      'department',
      'officeLocation',
    ],
    'group-membership': [],
  },
  autotask: {
    contact: [
      'firstName',
      'lastName',
      'emailAddress',
      'emailAddress2',
      'emailAddress3',
      'phone',
      'mobilePhone',
      'alternatePhone',
      'title',
      'addressLine',
      'addressLine1',
      'city',
      'zipCode',
      'note',
    ],
    ticket: ['title', 'description'],
    'ticket-note': ['title', 'description'],
  },
  halopsa: {
    user: ['name', 'firstname', 'surname', 'emailaddress', 'phonenumber', 'mobilenumber', 'homenumber', 'title', 'notes'],
    ticket: ['summary', 'details'],
    action: ['note'],
  },
  manual: { records: [] },
};

/** Which operations each kind can carry out itself (manual: every one, by a person). */
export const kindOperations: Record<SystemKind, readonly Operation[]> = {
  msgraph: ['find', 'read', 'erase'],
  autotask: ['find', 'read', 'erase', 'anonymise'],
  halopsa: ['find', 'read', 'erase', 'anonymise'],
  manual: operations,
};
