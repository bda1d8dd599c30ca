import type { ManualSystemDeclaration, SystemDeclaration } from './declaration.ts';
import type { SystemStep } from './outcome.ts';

/** Why the PSA keeps its tickets on an erasure. */
export const KEEP_TICKETS = 'The support history of the client business is kept for its contract.';

/** Declarations used by the domain's unit tests. */
export const psa: SystemDeclaration = {
  id: 'autotask',
  name: 'Autotask PSA',
  kind: 'autotask',
  operatedBy: { by: 'msp' },
  identities: ['email'],
  may: ['find', 'read', 'erase', 'anonymise'],
  objects: [
    {
      object: 'contact',
      category: 'identity',
      erasure: {
        mode: 'anonymise',
        fields: { firstName: { action: 'anonymise', value: 'Erased' }, emailAddress: { action: 'delete' } },
      },
    },
    {
      object: 'ticket',
      category: 'support-tickets',
      erasure: {
        mode: 'keep',
        fields: {},
        retention: 'support-tickets',
        reason: KEEP_TICKETS,
      },
    },
  ],
};

export const m365: SystemDeclaration = {
  id: 'm365',
  name: 'Microsoft 365',
  kind: 'msgraph',
  operatedBy: { by: 'client', organisation: 'Allan Water Veterinary Clinic' },
  identities: ['email'],
  may: ['find', 'read'],
  objects: [{ object: 'user', category: 'identity' }],
};

export const calls: ManualSystemDeclaration = {
  id: 'call-recordings',
  name: 'Call recordings (CallCabinet)',
  kind: 'manual',
  operatedBy: { by: 'msp' },
  identities: ['email'],
  may: ['find', 'read', 'erase'],
  objects: [{ object: 'records', category: 'call-recordings' }],
  handler: { role: 'handler', name: 'Service desk lead' },
  instructions: {
    read: 'Search the portal by caller number and export the recordings.',
    erase: 'Delete the recordings in the portal.',
  },
  dueDays: 5,
};

/**
 * The same declaration for a tenant whose categories are named otherwise: each object's category,
 * and the category a kept object is kept under, renamed through `names`.
 */
export function recategorised(system: SystemDeclaration, names: Record<string, string>): SystemDeclaration {
  const rename = (category: string) => names[category] ?? category;
  return {
    ...system,
    objects: system.objects.map((o) => ({
      ...o,
      category: rename(o.category),
      ...(o.erasure?.retention ? { erasure: { ...o.erasure, retention: rename(o.erasure.retention) } } : {}),
    })),
  };
}

/** One step of a run, as the fixtures write it: by email, automatic unless said otherwise. */
export const fixtureStep = (id: string, name: string, operation: SystemStep['operation'], automatic = true): SystemStep => ({
  systemId: id,
  systemName: name,
  operation,
  identity: 'email',
  automatic,
});

/** A marketing system: Mailchimp with one audience carrying the newsletters topic. */
export const mailchimpWithList: SystemDeclaration = {
  id: 'mailchimp',
  name: 'Mailchimp',
  kind: 'mailchimp',
  operatedBy: { by: 'msp' },
  identities: ['email'],
  may: ['find', 'read', 'suppress'],
  objects: [{ object: 'member', category: 'marketing-preferences' }],
  lists: [{ id: 'news', name: 'Newsletter', topic: 'newsletters' }],
};

/** The PSA allowed to correct: its contacts' fields mapped as given (the centre's field → the PSA's); no tickets. */
export const correctingPsa = (fields: Record<string, string>): SystemDeclaration => ({
  ...psa,
  may: [...psa.may, 'correct'],
  objects: [{ ...psa.objects[0]!, fields }],
});

/** The manual system whose records hold the person's identity fields, mapped as given: corrected by hand. */
export const paperHolding = (fields: Record<string, string>): ManualSystemDeclaration => ({
  ...calls,
  objects: [{ object: 'records', category: 'identity', fields }],
});
