/**
 * The kinds of connected system the centre knows, and for each the kinds of object it holds and
 * the fields of those objects an erasure strategy may name. Vocabulary only: no vendor calls.
 */
export const apiSystemKinds = ['msgraph', 'autotask', 'halopsa', 'mailchimp', 'xero'] as const;
/** Kinds declared but not shipped: refused with a plain message (ConnectWise publishes its API document only behind a partner sign-in). */
export const plannedSystemKinds = ['connectwise'] as const;
/** `rest`: a system declared entirely in the policy (its API described there), run by the generic connector. */
export const systemKinds = [...apiSystemKinds, 'rest', 'manual'] as const;
export type SystemKind = (typeof systemKinds)[number];

export const operations = ['find', 'read', 'correct', 'erase', 'anonymise', 'suppress'] as const;
export type Operation = (typeof operations)[number];

export const identityKinds = ['email'] as const;
export type IdentityKind = (typeof identityKinds)[number];

export const erasureModes = ['delete', 'anonymise', 'keep'] as const;
export type ErasureMode = (typeof erasureModes)[number];

/** One kind of object a system holds. */
export interface ObjectKind {
  /** The fields an erasure strategy or a correction may name. */
  fields: readonly string[];
  /** What erasure can do to it through the API. */
  modes: readonly ErasureMode[];
  /** Whether its fields can be rewritten through the API (a correction). */
  correctable?: boolean;
}

/**
 * Object kinds per system kind: the fields an erasure strategy may name, and what erasure can do
 * to the object through the API (a PSA's tickets cannot be deleted there: they are kept).
 */
export const objectKinds: Record<SystemKind, Record<string, ObjectKind>> = {
  msgraph: {
    user: { fields: [], modes: ['delete', 'keep'] },
    'group-membership': { fields: [], modes: ['delete', 'keep'] },
  },
  autotask: {
    contact: {
      fields: [
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
      modes: ['anonymise', 'delete', 'keep'],
      correctable: true,
    },
    ticket: { fields: [], modes: ['keep'] },
    'ticket-note': { fields: [], modes: ['keep'] },
  },
  halopsa: {
    user: {
      fields: ['name', 'firstname', 'surname', 'emailaddress', 'phonenumber', 'mobilenumber', 'homenumber', 'title', 'notes'],
      modes: ['anonymise', 'delete', 'keep'],
      correctable: true,
    },
    ticket: { fields: [], modes: ['keep'] },
    action: { fields: [], modes: ['keep'] },
  },
  /**
   * An audience member: deleted permanently (Mailchimp's "delete-permanent": the address can never
   * be re-imported), or kept archived (Mailchimp's DELETE: out of the audience, its unsubscribed
   * status and history stay with Mailchimp). Notes go one by one; activity goes with the member.
   */
  mailchimp: {
    member: { fields: [], modes: ['delete', 'keep'] },
    note: { fields: [], modes: ['delete', 'keep'] },
    activity: { fields: [], modes: ['delete', 'keep'] },
  },
  /**
   * Xero cannot delete a contact: it is archived, with its fields rewritten where anonymised.
   * Invoices and payments are the organisation's accounting records (HMRC: six years): kept.
   */
  xero: {
    contact: {
      fields: ['Name', 'FirstName', 'LastName', 'EmailAddress', 'AccountNumber', 'Website'],
      modes: ['anonymise', 'keep'],
    },
    invoice: { fields: [], modes: ['keep'] },
    payment: { fields: [], modes: ['keep'] },
  },
  /** Declared per system in its `api.objects`: see `objectKindsOf` in declaration.ts. */
  rest: {},
  manual: { records: { fields: [], modes: erasureModes } },
};

/**
 * Where a PSA says a person is no longer one of its contacts: the object and the field's values
 * that mean "inactive". A system declared with `endsRelationship` lets that set the end of the
 * person's relationship in the centre, so "so long after the relationship ends" retention starts.
 */
export const inactiveMarkers: Partial<
  Record<SystemKind, { object: string; field: string; inactive: readonly (string | number | boolean)[]; says: string }>
> = {
  autotask: { object: 'contact', field: 'isActive', inactive: [0, false], says: 'the contact is marked inactive' },
  halopsa: { object: 'user', field: 'inactive', inactive: [true], says: 'the user is marked inactive' },
};

/** Which operations each kind can carry out itself (manual: every one, by a person). */
export const kindOperations: Record<SystemKind, readonly Operation[]> = {
  msgraph: ['find', 'read', 'erase'],
  autotask: ['find', 'read', 'correct', 'erase', 'anonymise'],
  halopsa: ['find', 'read', 'correct', 'erase', 'anonymise'],
  mailchimp: ['find', 'read', 'erase', 'suppress'],
  xero: ['find', 'read', 'erase', 'anonymise'],
  rest: ['find', 'read', 'correct', 'erase', 'anonymise'],
  manual: operations,
};
