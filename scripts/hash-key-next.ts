/**
 * `npm run -s hash-key:next`: reads the HASH_KEY secret's value on stdin and writes its next value
 * on stdout: every key it holds, and a new random one as the next version (README, "Rotating
 * HASH_KEY"). Pipe it from `aws secretsmanager get-secret-value` into `put-secret-value`, so the
 * keys never land in a file or the shell history. Prints nothing else on stdout.
 */
import { randomBytes } from 'node:crypto';
import { nextHashKeySecret, parseHashKeySecret } from '../shared/hash-keys.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const current = Buffer.concat(chunks).toString('utf8').trim();
if (!current) {
  console.error('Give the secret’s current value on stdin (README, "Rotating HASH_KEY").');
  process.exit(1);
}
const next = nextHashKeySecret(current, randomBytes(48).toString('base64url'));
process.stdout.write(next);
console.error(
  `HASH_KEY: versions 1..${parseHashKeySecret(next).length}; the new key is version ${parseHashKeySecret(next).length}.`,
);
