import { createLocalCentre } from '../functions/local/runtime.ts';

/**
 * The local centre `npm start` is running, for a script to act on (its DynamoDB Local and SES
 * stand-in, no seeding); exits with a hint when it is not running.
 */
export function runningCentre() {
  return createLocalCentre({
    port: Number(process.env.PORT ?? 3000),
    dynamoEndpoint: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
    sesEndpoint: `http://127.0.0.1:${process.env.SES_PORT ?? 8005}`,
    tableName: 'privacy-centre',
    tenantsDir: 'tenants',
    seed: false,
  }).catch((error: Error) => {
    console.error(`Is npm start running? ${error.message}`);
    process.exit(1);
  });
}
