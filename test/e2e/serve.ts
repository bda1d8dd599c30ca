import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { CredentialSource } from '../../functions/connectors/credentials.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';

/** The real local server on a free port, as `npm start` runs it, against the test stand-ins. */
export async function serveTestCentre(
  options: { systemCredentials?: CredentialSource; tenantsDir?: string } = {},
): Promise<TestCentre & { url: string; close(): Promise<void> }> {
  // The public URL must be known before the port is: pick one, retry on a clash.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const centre = await startTestCentre({ distDir: 'web/dist', port, ...options });
    const server = centre.server;
    if (!server) throw new Error('no server');
    try {
      const http = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: server.fetch, port, hostname: '127.0.0.1' });
        s.once('listening', () => resolve(s));
        s.once('error', reject);
      });
      const bound = (http.address() as AddressInfo).port;
      return {
        ...centre,
        url: `http://localhost:${bound}`,
        close: async () => {
          await new Promise<void>((r) => http.close(() => r()));
          await centre.stop();
        },
      };
    } catch {
      await centre.stop();
    }
  }
  throw new Error('could not find a free port');
}
