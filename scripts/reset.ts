/** `npm run reset`: forget all local data (the next `npm start` seeds afresh). */
import { existsSync, rmSync } from 'node:fs';

const dir = '.local';
if (existsSync(dir)) {
  rmSync(dir, { recursive: true, force: true });
  console.log('Removed .local/: the next npm start begins with fresh demo data.');
} else {
  console.log('Nothing to reset: .local/ does not exist.');
}
