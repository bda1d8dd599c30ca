import type { TestProject } from 'vitest/node';
import { freePort } from '../../functions/local/free-port.ts';
import { startDynamo, startSes } from '../../functions/local/stand-ins.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

/** One DynamoDB Local (in memory) and one SES stand-in for the whole run; each test file uses its own table. */
export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([
    freePort().then((port) => startDynamo({ port })),
    freePort().then((port) => startSes({ port })),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
