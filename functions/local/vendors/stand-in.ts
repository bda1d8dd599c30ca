/**
 * A vendor API stand-in: every request is checked against the vendor's own OpenAPI document
 * (openapi-backend) before a handler sees it, so a request the real API would refuse fails here
 * too. One server hosts several instances (one per demo tenant) under `/<instance>/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request as ApiRequest } from 'openapi-backend';
import { openContract } from './contract.ts';

export interface StandInRequest {
  instance: string;
  method: string;
  /** The document's path template, e.g. `/users/{user-id}`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The URL the request came to, for next-page links. */
  url: URL;
}

export interface StandInAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers requests outside the document (a token endpoint); undefined: not handled. */
export type ExtraRoute = (req: {
  instance: string;
  method: string;
  path: string;
  form: URLSearchParams;
  headers: StandInRequest['headers'];
}) => StandInAnswer | undefined;

/** A fault the next requests meet before validation (tests: 429, 5xx, slowness, malformed answers). */
export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  /** Raw text to answer with instead of the handler's. */
  raw?: string;
  delayMs?: number;
  /** How many requests meet it (default 1). */
  times?: number;
  /** Only requests whose method and path (after the instance) start so, e.g. `post /ATServicesRest/V1.0/Tickets`. */
  route?: string;
}

export interface VendorStandInOptions {
  name: string;
  /** The vendor's OpenAPI document (a file path). */
  document: string;
  /** Where the document's paths start, e.g. `/v1.0`. */
  apiRoot: string;
  port?: number;
  /** Checks authentication; a string is the 401 reason. */
  authenticate(instance: string, headers: StandInRequest['headers']): true | string;
  handlers: Record<string, (req: StandInRequest) => StandInAnswer>;
  extra?: ExtraRoute;
  /**
   * Query parameters the vendor puts in its own next-page links but leaves out of its document
   * (Graph's `$skiptoken`): not checked against the document, still seen by the handler.
   */
  linkParams?: string[];
  /**
   * Component schemas whose nested objects are checked only as objects (their own fields stay
   * fully checked). Halo's `Users` nests assets, sites and suppliers many levels deep: Ajv takes
   * over 20 s to compile it whole, for fields no connector sends.
   */
  shallow?: string[];
  /** Drop the siblings of `$ref`s (Xero's document; see contract.ts). */
  dropRefSiblings?: boolean;
}

export interface VendorStandIn {
  /** The API root of one instance, e.g. http://127.0.0.1:1234/northgate-it/v1.0 */
  baseUrl(instance: string): string;
  origin: string;
  inject(fault: Fault): void;
  /** How many requests reached the stand-in (benchmarks, retry counts), and the last refusals. */
  stats: { requests: number; refused: { route: string; errors: string[] }[] };
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, answer: StandInAnswer): void {
  const raw = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...(raw ? { 'content-type': 'application/json' } : {}), ...answer.headers });
  res.end(raw);
}

export async function startVendorStandIn(options: VendorStandInOptions): Promise<VendorStandIn> {
  // quick: the document is trusted (checked when it was copied in) and validators compile on
  // first use, so Microsoft Graph's circular schemas load in well under a second.
  const api = await openContract(options.document, options);
  const faults: Fault[] = [];
  const stats: VendorStandIn['stats'] = { requests: 0, refused: [] };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, { status: 500, body: { error: (error as Error).message } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const [, instance = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const method = (req.method ?? 'GET').toLowerCase();
    const text = await readBody(req);
    const faultAt = faults.findIndex((f) => !f.route || `${method} ${path}`.startsWith(f.route));
    if (faultAt >= 0) {
      const fault = faults[faultAt]!;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faultAt, 1);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status || fault.raw !== undefined) {
        res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.raw ?? '');
        return;
      }
    }
    const contentType = String(req.headers['content-type'] ?? '');
    const extra = options.extra?.({
      instance,
      method,
      path,
      form: new URLSearchParams(contentType.includes('form') ? text : ''),
      headers: req.headers,
    });
    if (extra) return send(res, extra);
    let body: unknown;
    try {
      body = text && contentType.includes('json') ? JSON.parse(text) : text || undefined;
    } catch {
      return send(res, { status: 400, body: { error: 'the body is not JSON' } });
    }
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      if (options.linkParams?.includes(key)) continue;
      const had = query[key];
      query[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
    }
    const apiRequest: ApiRequest = { method, path, query, headers: req.headers as ApiRequest['headers'], body };
    const operation = api.matchOperation(apiRequest);
    if (!operation)
      return send(res, { status: 404, body: { error: `no ${method.toUpperCase()} ${path} in the ${options.name} document` } });
    const route = `${operation.method} ${operation.path}`;
    const validation = api.validateRequest(apiRequest, operation);
    if (!validation.valid) {
      const errors = (validation.errors ?? []).map((e) => `${e.instancePath || '(request)'} ${e.message}`);
      stats.refused.push({ route, errors });
      return send(res, { status: 400, body: { error: 'request does not match the vendor contract', errors } });
    }
    const auth = options.authenticate(instance, req.headers);
    if (auth !== true) return send(res, { status: 401, body: { error: auth } });
    const handler = options.handlers[route];
    if (!handler) return send(res, { status: 501, body: { error: `${route} is in the document but not in the stand-in` } });
    const parsed = api.router.parseRequest(apiRequest, operation);
    send(
      res,
      handler({
        instance,
        method,
        route,
        params: parsed.params as Record<string, string>,
        query: (parsed.query ?? {}) as Record<string, string | string[]>,
        headers: req.headers,
        body,
        url,
      }),
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: (instance) => `${origin}/${instance}${options.apiRoot}`,
    inject: (fault) => faults.push(fault),
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
