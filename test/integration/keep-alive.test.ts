import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';

let centre: TestCentre;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  centre = await startTestCentre({ distDir: 'web/dist' });
  const app = centre.server;
  if (!app) throw new Error('no server');
  server = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await centre.stop();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Which of the agent's connections carried it. */
  socket: unknown;
}

/** One request through a real keep-alive agent, as a browser or an SDK would send it. */
function send(agent: http.Agent, method: string, path: string, body?: Buffer, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: body
          ? { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(body.length) }) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            socket: req.socket,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('a refused oversized body on a keep-alive connection', () => {
  it('answers 400, and the next request on the same agent succeeds (the connection reused or closed cleanly)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const megabyte = Buffer.from(JSON.stringify({ email: `${'x'.repeat(1024 * 1024)}@example.com` }));
      const refused = await send(agent, 'POST', '/api/t/it-mk/auth/link', megabyte);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).message).toBe('The request body is larger than 16 kB.');
      const closed = refused.headers.connection === 'close';
      const next = await send(agent, 'GET', '/api/health');
      expect(next.status).toBe(200);
      // Either the server said it would close (and the agent opened a new connection), or it kept
      // the same connection usable.
      if (!closed) expect(next.socket).toBe(refused.socket);
      // Several times over: no request is ever lost to a half-read body.
      for (let i = 0; i < 3; i++) {
        expect((await send(agent, 'POST', '/api/t/it-mk/auth/link', megabyte)).status).toBe(400);
        expect((await send(agent, 'GET', '/api/health')).status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('closes the connection cleanly (Connection: close) when the refused body is too large to read away', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = Buffer.alloc(17 * 1024 * 1024, 'x');
      const refused = await send(agent, 'POST', '/api/t/it-mk/auth/link', huge);
      expect(refused.status).toBe(400);
      expect(refused.headers.connection).toBe('close');
      expect((await send(agent, 'GET', '/api/health')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('closes the connection cleanly when a chunked body (no Content-Length) was refused part-way', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const megabyte = Buffer.alloc(1024 * 1024, 'x');
      const refused = await send(agent, 'POST', '/api/t/it-mk/auth/link', megabyte, true);
      expect(refused.status).toBe(400);
      const next = await send(agent, 'GET', '/api/health');
      expect(next.status).toBe(200);
      if (refused.headers.connection !== 'close') expect(next.socket).toBe(refused.socket);
    } finally {
      agent.destroy();
    }
  });

  it('does not wait for ever on a client that stops sending: after 5 seconds it answers and closes', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const started = Date.now();
      const refused = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request({
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/t/it-mk/auth/link',
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(1024 * 1024) },
        });
        req.on('response', resolve);
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024, 'x')); // and nothing more
      });
      refused.resume();
      expect(refused.statusCode).toBe(400);
      expect(refused.headers.connection).toBe('close');
      expect(Date.now() - started).toBeLessThan(9_000);
      expect((await send(agent, 'GET', '/api/health')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  }, 15_000);
});
