/** Who did something: the subject, a member of staff, the system, or someone not signed in. */
export type Actor = { type: 'subject'; id: string } | { type: 'staff'; id: string } | { type: 'system' } | { type: 'anonymous' };
