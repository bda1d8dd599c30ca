import type { SystemDeclaration } from './declaration.ts';

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
        reason: 'The support history of the client business is kept for its contract.',
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

export const calls: SystemDeclaration = {
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
