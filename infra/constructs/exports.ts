import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { LEASE_SECONDS } from '../../shared/exports/build.ts';
import { appFunction } from './app-function.ts';
import { failureQueue, queuedFromStream } from './failures.ts';
import { acknowledgeAppFunction, acknowledgeExportObjects, acknowledgeTableIndexes, acknowledgeUnscopedActions } from './nag.ts';
import { grantTable, TABLE_ACCESS } from './table-access.ts';

/** Days an export file outlives its download period before the bucket deletes it regardless. */
export const EXPORT_EXPIRY_MARGIN_DAYS = 7;

export interface ExportsProps {
  table: ITable;
  /** Environment shared by the functions (the builder also gets this construct's own). */
  environment: Record<string, string>;
  /** Days a subject can download a finished export (EXPORT_DOWNLOAD_DAYS). */
  downloadDays: number;
  /** Where the bucket's server access logs go. */
  accessLogs: IBucket;
}

/**
 * Access and portability exports: the private bucket their ZIPs live in, and the builder that
 * writes them. The table's stream hands the builder each job staff queue (or re-queue); the
 * subject downloads the file through a short-lived presigned URL the portal hands out.
 */
export class Exports extends Construct {
  readonly bucket: Bucket;
  readonly builder: LambdaFunction;
  readonly failures: Queue;
  /** What a function that touches exports needs to know: the bucket and the download period. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: false,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'exports-bucket/',
      lifecycleRules: [
        {
          id: 'expire-exports',
          // The cleanup job deletes a file as soon as its export expires; this is the backstop
          // for a file whose item went without it (a failed delete, a crashed build).
          expiration: Duration.days(props.downloadDays + EXPORT_EXPIRY_MARGIN_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Exports are disposable copies of what the table holds, made for one request and rebuilt
      // on demand. Keeping them after the stack is gone would leave personal data behind that no
      // job looks after, so the bucket goes with the stack, its files first.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.environment = {
      EXPORTS_BUCKET: this.bucket.bucketName,
      EXPORT_DOWNLOAD_DAYS: String(props.downloadDays),
    };

    this.builder = appFunction(this, 'Builder', {
      entry: 'functions/exports/lambda.ts',
      description: 'Privacy centre: export builder (DynamoDB stream to a ZIP on S3)',
      environment: { ...props.environment, ...this.environment },
      memorySize: 1024,
      // A builder holds its job for a lease it renews as it goes; one that runs out of time
      // stops renewing, so another can take the job over once the lease ends.
      timeout: Duration.seconds(LEASE_SECONDS),
    });
    // It claims the job, reads the subject's records, records progress and the result.
    grantTable(this.builder, props.table, TABLE_ACCESS.builder);
    // It streams the ZIP in (a multipart upload, aborted on error) and deletes a partial file.
    this.builder.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );

    this.failures = failureQueue(this);
    // A new job, or one staff queue again after it failed; jobs of different subjects build side by side.
    queuedFromStream(this.builder, props.table, this.failures, { type: 'export', field: 'status' });

    // cdk-nag acknowledgements for this construct.
    acknowledgeAppFunction(this.builder, 'stream records that still fail after the retries go to the on-failure queue');
    acknowledgeTableIndexes(this.builder, props.table);
    acknowledgeExportObjects(this.builder.role!, this.bucket, 'writing, reading and deleting export files');
    acknowledgeUnscopedActions(this.builder, 'dynamodb:ListStreams (from the stream event source) and the X-Ray write actions');
  }

  /** The portal: presigns downloads (a presigned GET is only as good as its signer's s3:GetObject). */
  grantDownload(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('*')] }),
    );
    acknowledgeExportObjects(
      grantee.grantPrincipal as unknown as IConstruct,
      this.bucket,
      'reading export files (to presign a download)',
    );
  }

  /** Erasure and cleanup: delete files, never read them. */
  grantDeleteFiles(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [this.bucket.arnForObjects('*')] }),
    );
    acknowledgeExportObjects(grantee.grantPrincipal as unknown as IConstruct, this.bucket, 'deleting export files');
  }
}
