import { createServer, type Server } from 'node:http';
import { listenLocally, passOn } from './relay.ts';

export interface SesOutage {
  /** The endpoint to give a function as SES_ENDPOINT. */
  endpoint: string;
  /** While true, every call is refused as SES refuses sends when the account's sending is paused. */
  failing: boolean;
  /** Calls refused so far. */
  refused: number;
  close(): Promise<void>;
}

/**
 * A door in front of the SES stand-in that can be shut: while `failing`, every call gets the
 * answer SES gives when sending is paused (HTTP 400, `SendingPausedException`, which the SDK does
 * not retry); otherwise each call passes through to the stand-in unchanged, so what gets through
 * is sent and stored as usual.
 */
export async function sesOutage(sesEndpoint: string): Promise<SesOutage> {
  const state = { failing: false, refused: 0 };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (state.failing) {
      state.refused++;
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'SendingPausedException' });
      res.end(JSON.stringify({ message: 'Email sending is disabled for your entire account.' }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
      ),
    );
    const upstream = await fetch(new URL(req.url ?? '/', sesEndpoint), {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    await passOn(res, upstream);
  });
  const endpoint = await listenLocally(server);
  return {
    endpoint,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
