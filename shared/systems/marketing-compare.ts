import type { PreferenceCell } from '../marketing/preferences.ts';
import type { ListMember } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';

/** What the centre says about one address, as reconciliation compares it with a marketing system. */
export interface CentreStance {
  /** The person the address belongs to here; undefined for an address the centre does not know (or erased). */
  subjectId?: string;
  /** Marketing stops everywhere: on the suppression list, stopped all, objected, restricted, erased. */
  everywhere: boolean;
  /** The person's email choices by topic (empty when the centre does not know them). */
  email: Map<string, Pick<PreferenceCell, 'granted' | 'since'>>;
}

/** One difference between a marketing system and the centre, and what reconciliation does about it. */
export type Finding =
  /** Suppressed here, subscribed there: unsubscribed there. */
  | { kind: 'unsubscribe-there'; member: ListMember }
  /** Unsubscribed there (after the centre's last word on the topic), subscribed here: recorded here. */
  | { kind: 'opt-out-here'; member: ListMember; topic: string }
  /** A difference the centre must not settle by itself: shown to staff on the person's page. */
  | { kind: 'mismatch'; member: ListMember; why: string };

/**
 * Compares one membership with the centre. The centre never subscribes anyone anywhere, and
 * never records consent on a mail tool's word: those differences are shown to staff instead.
 */
export function compareMember(
  system: SystemDeclaration,
  member: ListMember,
  stance: CentreStance,
  topicName: (id: string) => string,
): Finding | undefined {
  if (member.status === 'other') return undefined;
  const topic = system.lists?.find((l) => l.id === member.list.id)?.topic;
  const cell = topic ? stance.email.get(topic) : undefined;
  const where = `${system.name}, list “${member.list.name}”`;
  if (member.status === 'subscribed') {
    if (stance.everywhere) return { kind: 'unsubscribe-there', member };
    if (!topic || !cell || cell.granted) return undefined;
    if (cell.since !== null) return { kind: 'unsubscribe-there', member };
    // Consent's default (no choice made here): the tool may hold a sign-up the centre never saw.
    if (!stance.subjectId) return undefined;
    return {
      kind: 'mismatch',
      member,
      why: `Subscribed in ${where}, but no consent to ${topicName(topic)} by email is recorded here. Record their choice here, or unsubscribe them there.`,
    };
  }
  // Unsubscribed there.
  if (!stance.subjectId || stance.everywhere) return undefined;
  if (!topic) {
    const wanted = [...stance.email.entries()].filter(([, c]) => c.granted).map(([t]) => topicName(t));
    if (wanted.length === 0 || !system.lists) return undefined;
    return {
      kind: 'mismatch',
      member,
      why: `Unsubscribed in ${where}, which the policy maps to no topic, while they get ${wanted.join(', ')} by email here. Map the list to its topic, or record their choice here.`,
    };
  }
  if (!cell?.granted) return undefined;
  if (member.changedAt && member.changedAt > (cell.since ?? '')) return { kind: 'opt-out-here', member, topic };
  return {
    kind: 'mismatch',
    member,
    why: `They chose ${topicName(topic)} by email here after unsubscribing in ${where}. The centre subscribes no one: ask them to sign up again there, or record their choice here.`,
  };
}
