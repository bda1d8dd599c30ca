import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/**
 * One Lambda "execution environment" for a bundle: a Node process of its own that, like the
 * Lambda runtime, resolves the function's `Handler` (`index.handler`) against LAMBDA_TASK_ROOT,
 * imports the module once (its top-level cold start runs then, the init phase) and calls
 * `handler(event, context)` once per invocation, one at a time, with a context object of the
 * runtime's shape. Events and results cross the process boundary as JSON, as they do on Lambda.
 *
 * A process per bundle, not an import into the test process: each bundle reads process.env once
 * at import (config.ts) and keeps its SDK clients and module state for the life of the
 * container, so two bundles, or a second "cold start", need processes of their own; and the
 * test runner would otherwise transform the bundle through its own module loader instead of
 * Node's plain ESM loader, which is what Lambda uses.
 */
export interface LambdaFunction {
  /** The function's name (AWS_LAMBDA_FUNCTION_NAME, the context's functionName). */
  name: string;
  /** The unzipped code asset: LAMBDA_TASK_ROOT. */
  taskRoot: string;
  /** As in the template: `index.handler`. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The function's own environment (the runtime adds its reserved variables). */
  environment: Record<string, string>;
}

export interface Invocation<T> {
  result?: T;
  /** What the runtime would report for a thrown error. */
  error?: { errorType: string; errorMessage: string };
  ms: number;
  requestId: string;
}

export interface LambdaContainer {
  /** How long the init phase (import and cold start) took. */
  initMs: number;
  /** Everything the function wrote to stdout and stderr (its CloudWatch log). */
  logs(): string;
  invoke<T = unknown>(event: unknown): Promise<Invocation<T>>;
  stop(): Promise<void>;
}

/** The runtime side, run by the child: Node built-ins only, so nothing but the bundle is loaded. */
const RUNTIME = `
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const root = process.env.LAMBDA_TASK_ROOT;
const spec = process.env._HANDLER;
const dot = spec.lastIndexOf('.');
const [moduleName, exportName] = [spec.slice(0, dot), spec.slice(dot + 1)];
let handler;
try {
  const file = ['.js', '.mjs', '.cjs'].map((ext) => root + '/' + moduleName + ext).find((f) => existsSync(f));
  if (!file) throw new Error('Cannot find module ' + moduleName + ' in ' + root);
  const module = await import(pathToFileURL(file).href);
  handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(spec + ' is undefined or not exported');
} catch (error) {
  process.send({ type: 'init-error', errorType: error.name, errorMessage: error.message, stack: error.stack });
  process.exit(1);
}
process.on('message', async ({ requestId, event, deadline }) => {
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: 'arn:aws:lambda:' + process.env.AWS_REGION + ':123456789012:function:' + name,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {}, fail() {}, succeed() {},
  };
  try {
    const result = await handler(event, context);
    process.send({ type: 'result', requestId, result: JSON.stringify(result ?? null) });
  } catch (error) {
    process.send({ type: 'result', requestId, error: { errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) } });
  }
});
process.send({ type: 'ready' });
`;

/** Starts the container and waits for its init phase; fails with the init error and its log. */
export async function startContainer(fn: LambdaFunction, { initTimeoutMs = 60_000 } = {}): Promise<LambdaContainer> {
  const region = fn.environment.AWS_REGION ?? 'eu-west-2';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: fn.taskRoot,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `2026/01/01/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...fn.environment,
  };
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', RUNTIME], {
    cwd: fn.taskRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const waiting = new Map<string, (message: any) => void>();
  let exited: string | undefined;
  child.on('message', (message: any) => {
    if (message?.type === 'result') waiting.get(message.requestId)?.(message);
  });
  child.on('exit', (code, signal) => {
    exited = `${fn.name} exited (${code ?? signal})`;
    for (const resolve of waiting.values()) resolve({ error: { errorType: 'Runtime.ExitError', errorMessage: exited } });
    waiting.clear();
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${fn.name}: no init within ${initTimeoutMs} ms\n${log}`)), initTimeoutMs);
    child.on('message', (message: any) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message?.type === 'init-error') {
        clearTimeout(timer);
        reject(new Error(`${fn.name} init failed: ${message.errorType}: ${message.errorMessage}\n${message.stack}\n${log}`));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${exited}\n${log}`));
    });
  });
  const initMs = Date.now() - started;

  // One invocation at a time, as one execution environment handles them.
  let queue: Promise<unknown> = Promise.resolve();
  const invokeNow = async <T>(event: unknown): Promise<Invocation<T>> => {
    if (exited) throw new Error(exited);
    const requestId = randomUUID();
    const t0 = Date.now();
    // The function's own timeout goes into the context; the wait here is longer, for a loaded machine.
    const wait = Math.max(fn.timeoutSeconds * 1000, 30_000);
    const answer = await new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(requestId);
        reject(new Error(`${fn.name}: no answer within ${wait} ms\n${log}`));
      }, wait);
      waiting.set(requestId, (message) => {
        clearTimeout(timer);
        waiting.delete(requestId);
        resolve(message);
      });
      child.send({ requestId, event, deadline: t0 + fn.timeoutSeconds * 1000 });
    });
    const ms = Date.now() - t0;
    if (answer.error) return { error: answer.error, ms, requestId };
    return { result: JSON.parse(answer.result) as T, ms, requestId };
  };

  return {
    initMs,
    logs: () => log,
    invoke<T>(event: unknown) {
      const next = queue.then(() => invokeNow<T>(event));
      queue = next.catch(() => undefined);
      return next;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
