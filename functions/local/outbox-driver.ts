import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type DispatchDeps, drainOutbox } from '../../shared/mail/dispatch.ts';
import type { Db } from '../adapters/dynamo/client.ts';

/**
 * Locally, this stands in for the DynamoDB Streams trigger: after any transaction that wrote an
 * outbox message it runs the same dispatcher code as the Lambda, and it sweeps the pending index
 * now and then so that a failed send is retried. Drains never overlap.
 */
export function startOutboxDriver(db: Db, deps: DispatchDeps, options: { sweepMs?: number } = {}) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const drain = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOutbox(deps);
        } catch (error) {
          console.error(`[outbox] sending failed, will retry: ${(error as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const send = db.doc.send.bind(db.doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (db.doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
    const result = await send(command, ...rest);
    if (
      command instanceof TransactWriteCommand &&
      command.input.TransactItems?.some((item) => item.Put?.Item?.type === 'outbox')
    ) {
      void drain();
    }
    return result;
  };

  const timer = setInterval(() => void drain(), options.sweepMs ?? 5000);
  timer.unref();
  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
