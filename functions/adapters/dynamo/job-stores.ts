import type { Deps } from '../../../shared/deps.ts';
import type { Db } from './client.ts';
import { dynamoHousekeeping } from './housekeeping.ts';
import { dynamoRekeyStore } from './rekey-store.ts';

/** The scheduled jobs' own stores (cleanup, rekey-hashes), wired only where the jobs run (functions/wiring.ts, OnlySome). */
export const jobStores = (db: Db): Pick<Deps, 'housekeeping' | 'rekeying'> => ({
  housekeeping: dynamoHousekeeping(db),
  rekeying: dynamoRekeyStore(db),
});
