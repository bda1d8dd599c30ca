/**
 * `npm run send-marketing -- <tenant> [topic]`: with `npm start` running, queues a sample
 * marketing email on a topic to every subject of the tenant who may receive it now, and sends
 * them through the SES stand-in. Each carries List-Unsubscribe and List-Unsubscribe-Post, so the
 * one-click unsubscribe can be tried end to end. Without a topic it lists the topics.
 */

import { sendSampleMarketing } from '../shared/marketing/send-sample.ts';
import { runningCentre } from './running-centre.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [slug, topic] = process.argv.slice(2);
const centre = await runningCentre();
const tenant = slug ? centre.deps.tenants.get(slug) : undefined;
if (!tenant || !topic) {
  console.log('Usage: npm run send-marketing -- <tenant> <topic>\n');
  for (const t of centre.deps.tenants.list()) {
    console.log(`  ${t.slug.padEnd(18)} topics: ${t.marketing.topics.map((x) => x.id).join(', ')}`);
  }
  await centre.stop();
  process.exit(slug ? 1 : 0);
}
try {
  const report = await sendSampleMarketing(centre.deps, { tenant, topic });
  await centre.drainOutbox();
  const skipped = Object.entries(report.skipped).map(([reason, n]) => `${n} ${reason}`);
  console.log(`Queued and sent ${report.queued} sample "${topic}" emails for ${tenant.name}.`);
  if (skipped.length) console.log(`Not sent: ${skipped.join(', ')}.`);
  console.log(`Read them at http://localhost:${process.env.SES_PORT ?? 8005}/`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
await centre.stop();
