import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The key of the keyed hashes (emails, client addresses). Generated once and kept: a new key
 * would orphan every stored hash, so the secret survives stack deletion.
 */
export class HashKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Privacy centre HASH_KEY: key of the keyed hashes of emails and client addresses',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: the key is the key of every keyed hash already stored (emails, client addresses); a new key would stop every stored hash from matching. Rotating it is a migration (re-hash the table), not a schedule.',
    });
  }

  /**
   * The value for a function's environment: a CloudFormation dynamic reference, resolved at
   * deploy time, so the template never holds the key. A later hardening issue reads the secret
   * at cold start instead, so that it stops showing in the function configuration.
   */
  get environmentValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }
}
