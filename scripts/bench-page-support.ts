/** Helpers of `npm run bench:page` (scripts/bench-page.ts): its HTTPS certificate, and what Lighthouse simulated. */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate for localhost, made by /usr/bin/openssl into `dir`; `spki`: its key's SHA-256, as Chromium's allow list takes it. */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer; spki: string } {
  const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    '/usr/bin/openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', keyFile, '-out', certFile],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile);
  const spkiDer = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return { key: readFileSync(keyFile), cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
}

/** A main-thread task, as its trace shows it: its own length and its longest events (names, ms), e.g. what lays the page out. */
function cpuDetail(node: {
  duration?: number;
  childEvents?: { name: string; dur?: number }[];
  didPerformLayout?: () => boolean;
}) {
  const longest = [...(node.childEvents ?? [])]
    .filter((e) => e.dur)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 4)
    .map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
  return ` (${((node.duration ?? 0) / 1000).toFixed(1)} ms observed${node.didPerformLayout?.() ? ', lays out' : ''}: ${longest.join(', ')})`;
}

/** BENCH_LANTERN=1: what Lighthouse's simulation (Lantern) put on the way to the FCP and LCP of the last run. */
export async function printLantern() {
  const { Simulator } = await import('@paulirish/trace_engine/models/trace/lantern/simulation/simulation.js');
  for (const [label, timings] of Simulator.allNodeTimings as Map<string, Map<any, any>>) {
    if (!/ContentfulPaint/.test(label)) continue;
    console.log(`  lantern ${label}`);
    for (const [node, t] of timings) {
      const what =
        node.type === 'network'
          ? `${node.request.protocol} ${new URL(node.request.url).pathname} ${node.request.transferSize} B`
          : `cpu ${node.childEvents?.length ?? 0} events${cpuDetail(node)}`;
      const c = t.connectionTiming ?? {};
      console.log(
        `    ${t.startTime.toFixed(0).padStart(5)}–${t.endTime.toFixed(0).padStart(5)} ${what}${c.connectionTime ? ` (connect ${c.connectionTime.toFixed(0)}, tls ${(c.sslTime ?? 0).toFixed(0)}, ttfb ${c.timeToFirstByte?.toFixed(0)})` : ''}`,
      );
    }
  }
  (Simulator.allNodeTimings as Map<string, unknown>).clear();
}
