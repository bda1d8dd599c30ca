import { createServer, type Server } from 'node:http';
import { listenLocally, passOn } from './relay.ts';

export interface DynamoRecorder {
  /** The endpoint to give a function as DYNAMODB_ENDPOINT. */
  endpoint: string;
  /**
   * The IAM rights the calls so far needed, as sorted `dynamodb:<Action> on table|index` lines:
   * a transaction needs the action of each of its items, a query on an index the index.
   */
  rights(): string[];
  /** Forgets the rights noted so far: what follows is what one step of a test needs. */
  reset(): void;
  close(): Promise<void>;
}

const ITEM_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** The IAM rights one DynamoDB call needs (the subset of the API the adapters use). */
function rightsOf(operation: string, body: any): string[] {
  switch (operation) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (body.TransactItems ?? []).map(
        (item: Record<string, unknown>) => `dynamodb:${ITEM_ACTIONS[Object.keys(item)[0]!]} on table`,
      );
    case 'Query':
    case 'Scan':
      return [`dynamodb:${operation} on ${body.IndexName ? 'index' : 'table'}`];
    default:
      return [`dynamodb:${operation} on table`];
  }
}

/**
 * A recording door in front of DynamoDB Local: every call passes through unchanged, and the
 * rights it needed are noted, so a test can hold them against the function's role.
 */
export async function dynamoRecorder(dynamoEndpoint: string): Promise<DynamoRecorder> {
  const rights = new Set<string>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    if (operation) for (const right of rightsOf(operation, JSON.parse(body.toString() || '{}'))) rights.add(right);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
      ),
    );
    const upstream = await fetch(new URL(req.url ?? '/', dynamoEndpoint), { method: req.method, headers, body });
    await passOn(res, upstream);
  });
  const endpoint = await listenLocally(server);
  return {
    endpoint,
    rights: () => [...rights].sort(),
    reset: () => rights.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
