import { type Connector, SystemCallError } from './connector.ts';
import type { SystemDeclaration } from './declaration.ts';

/** A search no real person answers to: `.invalid` is reserved (RFC 2606), so nothing is ever found or changed. */
export const CHECK_ADDRESS = 'privacy-centre-check@example.invalid';

export interface SystemCheck {
  systemId: string;
  name: string;
  kind: string;
  ok: boolean;
  /** What works, or what does not and what to do, in plain words; never a secret or a vendor's text. */
  says: string;
}

const advice: Record<string, string> = {
  unauthorised: 'check the stored credentials and the scopes the README lists for this kind',
  unreachable: 'check the base URL and that this machine can reach it',
  timeout: 'the system did not answer in time: try again, then check the base URL',
  'rate-limited': 'the system is limiting calls: try again later',
  'server-error': 'the system answered with an error: try again later',
  rejected: 'the system refused the search: check the declaration and the API user',
  'malformed-answer': 'the answer was not what the connector expects: check the base URL points at the API',
};

/**
 * Checks each declared system without changing anything: a manual system says who does its work;
 * an API system signs in and searches for an address no one has (a read-only call).
 */
export async function checkSystems(
  systems: readonly SystemDeclaration[],
  connectorFor: (system: SystemDeclaration) => Connector,
): Promise<SystemCheck[]> {
  return Promise.all(
    systems.map(async (system): Promise<SystemCheck> => {
      const base = { systemId: system.id, name: system.name, kind: system.kind };
      if (system.kind === 'manual') {
        const does = Object.keys(system.instructions).join(', ') || 'nothing yet: add instructions';
        const who = system.handler.name ? `${system.handler.name} (${system.handler.role})` : `a ${system.handler.role}`;
        return { ...base, ok: true, says: `manual: ${who} does ${does} within ${system.dueDays} days` };
      }
      try {
        const found = await connectorFor(system).find({ kind: 'email', value: CHECK_ADDRESS });
        return {
          ...base,
          ok: true,
          says: `works: signed in and searched (read-only), ${found.length} found for the check address; may ${system.may.join(', ')}`,
        };
      } catch (error) {
        if (error instanceof SystemCallError) {
          const todo = error.message.startsWith('No credentials')
            ? 'store them as the README says (Connected systems)'
            : (advice[error.code] ?? 'see the README');
          return { ...base, ok: false, says: `${error.message}: ${todo}` };
        }
        return { ...base, ok: false, says: 'an unexpected error in the connector (nothing was changed)' };
      }
    }),
  );
}
