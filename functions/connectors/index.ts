import * as z from 'zod';
import { type Connector, SystemCallError } from '../../shared/systems/connector.ts';
import type { SystemDeclaration } from '../../shared/systems/declaration.ts';
import { autotaskConnector } from './autotask.ts';
import { type CredentialSource, MissingCredentials } from './credentials.ts';
import { haloConnector } from './halopsa.ts';
import { mailchimpConnector } from './mailchimp.ts';
import { graphConnector } from './msgraph.ts';
import type { CallSettings, ConnectorOptions } from './options.ts';
import { restConnector } from './rest.ts';
import { xeroConnector } from './xero.ts';

const builders = {
  msgraph: graphConnector,
  autotask: autotaskConnector,
  halopsa: haloConnector,
  mailchimp: mailchimpConnector,
  xero: xeroConnector,
  rest: restConnector,
} as const;

export interface ConnectorFactoryOptions extends CallSettings {
  credentials: CredentialSource;
}

/**
 * The connector for one API system of a tenant. Credentials are read on the first call (and a
 * failure to read them is that call's failure, so it shows against that system only).
 */
export function connectorFor(tenant: string, system: SystemDeclaration, options: ConnectorFactoryOptions): Connector {
  if (system.kind === 'manual') throw new Error(`${system.id} is a manual system: its work is a handler's task`);
  let built: Promise<Connector> | undefined;
  const connector = () => {
    built ??= options.credentials.get(tenant, system.id).then(
      (credentials) => {
        const connectorOptions: ConnectorOptions = { ...options, system, credentials };
        try {
          return builders[system.kind](connectorOptions);
        } catch (error) {
          const field = error instanceof z.ZodError ? error.issues[0]?.path.join('.') : undefined;
          throw new SystemCallError(
            'unauthorised',
            `The stored credentials for ${system.name} are incomplete${field ? ` (${field})` : ''}`,
            false,
          );
        }
      },
      (error) => {
        throw error instanceof MissingCredentials
          ? new SystemCallError('unauthorised', `No credentials are stored for ${system.name}`, false)
          : new SystemCallError('unauthorised', `The credentials for ${system.name} could not be read`, true);
      },
    );
    built.catch(() => {
      built = undefined;
    });
    return built;
  };
  return {
    find: async (identity) => (await connector()).find(identity),
    read: async (person) => (await connector()).read(person),
    erase: async (person) => (await connector()).erase(person),
    correct: async (person, changes) => {
      const built = await connector();
      if (!built.correct) throw new SystemCallError('rejected', `${system.name} cannot change a record`, false);
      return built.correct(person, changes);
    },
    suppress: async (person, scope) => {
      const built = await connector();
      if (!built.suppress) throw new SystemCallError('rejected', `${system.name} cannot unsubscribe a person`, false);
      return built.suppress(person, scope);
    },
    async *listMembers() {
      const built = await connector();
      if (!built.listMembers) throw new SystemCallError('rejected', `${system.name} cannot list its members`, false);
      yield* built.listMembers();
    },
  };
}
