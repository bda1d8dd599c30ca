import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { type CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The hash key's CloudFormation logical id, from when it was `HashKey/Secret` in the stack. It
 * must never change: a new id makes CloudFormation create a new secret with a new random key
 * (keeping the old one, orphaned), and every stored keyed hash would stop matching.
 */
export const HASH_KEY_LOGICAL_ID = 'HashKeySecret7ACD893C';

/** The TOTP key's logical id, pinned for the same reason: a new key would leave every staff seal unopenable. */
export const TOTP_KEY_LOGICAL_ID = 'TotpKeySecret';

/**
 * The centre's secrets. The functions get each secret's ARN (`<NAME>_SECRET_ARN`) and read
 * it at cold start (functions/adapters/secrets), so no value shows in a function's configuration.
 */
export class Secrets extends Construct {
  /**
   * The key of the keyed hashes (emails, client addresses). Generated once and kept: a new key
   * would orphan every stored hash, so the secret survives stack deletion. It is rotated by hand
   * (README, "Rotating HASH_KEY"): the value becomes `{"current": N, "keys": {...}}`.
   */
  readonly hashKey: Secret;
  /** The key that seals staff TOTP secrets: the admin function's alone. Kept, like the hash key. */
  readonly totpKey: Secret;
  /**
   * What CloudFront sends to the API in x-origin-verify, so the API can tell CloudFront's
   * requests (whose CloudFront-Viewer-Address it may believe) from direct calls.
   */
  readonly originSecret: Secret;
  /**
   * Each tenant's mailer signing secret, as JSON {"<tenant>": "<secret>"}: the operator adds a
   * tenant's (aws secretsmanager put-secret-value) and gives the same value to that MSP's mail
   * tools. Starts with one random placeholder entry, which no tenant is called.
   */
  readonly mailerSecrets: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.hashKey = new Secret(this, 'HashKey', {
      description: 'Privacy centre HASH_KEY: key of the keyed hashes of emails and client addresses',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.hashKey.node.defaultChild as CfnSecret).overrideLogicalId(HASH_KEY_LOGICAL_ID);
    Validations.of(this.hashKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: the key is the key of every keyed hash already stored (emails, client addresses); a new key would stop every stored hash from matching. Rotating it is a migration (a new version in the secret, a deploy, then the rekey-hashes job: README), not a schedule.',
    });
    this.totpKey = new Secret(this, 'TotpKey', {
      description: 'Privacy centre TOTP_KEY: seals staff authenticator (TOTP) secrets; read by the admin function only',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.totpKey.node.defaultChild as CfnSecret).overrideLogicalId(TOTP_KEY_LOGICAL_ID);
    Validations.of(this.totpKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: staff authenticator secrets are sealed under this key, and a new value would leave every seal unopenable (each member would have to enrol again). Replacing it is a planned step with staff, not a schedule.',
    });
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Privacy centre: the x-origin-verify value CloudFront adds to API requests',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: CloudFront holds the value in its origin configuration (resolved at deploy), so a rotation outside a deploy would make the API distrust every request until the next one. Rotate by replacing the secret and redeploying.',
    });
    this.mailerSecrets = new Secret(this, 'MailerSecrets', {
      description: 'Privacy centre: each tenant’s mailer API signing secret, JSON {"<tenant>": "<secret>"}',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: '-placeholder-',
        passwordLength: 48,
        excludePunctuation: true,
      },
    });
    Validations.of(this.mailerSecrets).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: each value is shared with an MSP’s mail tools, which must change it at the same time. Rotate per tenant with put-secret-value when the MSP is ready.',
    });
  }

  /** Lets the portal API read the tenants' mailer secrets at cold start. */
  giveMailerSecrets(fn: LambdaFunction & IGrantable): void {
    this.mailerSecrets.grantRead(fn);
    fn.addEnvironment('MAILER_SECRETS_SECRET_ARN', this.mailerSecrets.secretArn);
  }

  /**
   * Lets a function read the hash key at cold start, and tells it which version to write and the
   * newest the secret holds (a new value of either makes every function start afresh: README,
   * "Rotating HASH_KEY").
   */
  giveHashKey(fn: LambdaFunction & IGrantable, versions: { version: number; latest: number }): void {
    this.hashKey.grantRead(fn);
    fn.addEnvironment('HASH_KEY_SECRET_ARN', this.hashKey.secretArn);
    fn.addEnvironment('HASH_KEY_VERSION', String(versions.version));
    fn.addEnvironment('HASH_KEY_LATEST', String(versions.latest));
  }

  /** Lets the admin function (staff sign-in) read the TOTP key at cold start. */
  giveTotpKey(fn: LambdaFunction & IGrantable): void {
    this.totpKey.grantRead(fn);
    fn.addEnvironment('TOTP_KEY_SECRET_ARN', this.totpKey.secretArn);
  }

  /** Lets an API function read the origin secret at cold start. */
  giveOriginSecret(fn: LambdaFunction & IGrantable): void {
    this.originSecret.grantRead(fn);
    fn.addEnvironment('ORIGIN_SECRET_SECRET_ARN', this.originSecret.secretArn);
  }

  /** The origin secret's value for CloudFront's origin header: a dynamic reference, resolved at deploy time. */
  get originHeaderValue(): string {
    return this.originSecret.secretValue.unsafeUnwrap();
  }
}
