/**
 * `npm run job -- <name>`: runs one scheduled job by hand against the local centre (start it
 * with `npm start` first), with the very code the jobs Lambda runs on AWS. Without a name it lists
 * the jobs and their schedules.
 */
import { jobHandler } from '../functions/jobs/handler.ts';
import { isJobName, jobs } from '../shared/jobs/index.ts';
import { runningCentre } from './running-centre.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [name] = process.argv.slice(2);
if (!name || !isJobName(name)) {
  console.log('Usage: npm run job -- <name>\n');
  for (const [job, { schedule }] of Object.entries(jobs)) console.log(`  ${job.padEnd(18)} on AWS: ${schedule}`);
  process.exit(name ? 1 : 0);
}
const centre = await runningCentre();
try {
  const result = await jobHandler(centre.deps)({ job: name });
  await centre.drainOutbox();
  console.log(JSON.stringify(result, null, 2));
} finally {
  await centre.stop();
}
