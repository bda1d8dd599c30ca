import { existsSync, readFileSync } from 'node:fs';
import { type CfnElement, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionEventType,
  HttpVersion,
  type KeyValueStore,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/client-ip.ts';
import { pageModules } from '../../functions/http/page-preload.ts';
import { fromRoot } from '../paths.ts';
import { BASIC_EXECUTION_ROLE_FINDING, nagEnv } from './nag.ts';
import { pagePreloadFunction, pageRewriteFunction } from './page-rewrite.ts';
import { securityHeadersPolicy } from './security-headers.ts';
import { apiThrottleFunction } from './throttle-responses.ts';

export interface SiteProps {
  /** Host name of the HTTP API that serves `/api/*`. */
  apiDomainName: string;
  /** Where the page bucket's server access logs and CloudFront's standard logs go. */
  accessLogs: IBucket;
  /** Sent to the API in x-origin-verify on every request, so the API knows it came through CloudFront. */
  originSecret: string;
  /** The WAF web ACL (an ARN in us-east-1) in front of the distribution, if any. */
  webAclArn?: string;
  /** A custom domain: publicUrl's host name, its ACM certificate (us-east-1), and the hosted zone to alias it in, if it is there. */
  domain?: { name: string; certificateArn: string; zone?: { id: string; name: string } };
  /** The bundled tenants' slugs: the page paths of any other slug (not added later) get a 404. */
  tenantSlugs: string[];
}

/** The pages the build must hold: the page rewrite serves each of them. */
export const PAGES = ['index.html', 'admin.html'] as const;

/** The built pages (web/dist); synth fails with the fix when one is missing. */
export function webDist(): string {
  const dist = fromRoot('web', 'dist');
  for (const page of PAGES) {
    if (!existsSync(`${dist}/${page}`)) {
      throw new Error(`${dist}/${page} not found: run \`npm run build:web\` before \`cdk synth\`.`);
    }
  }
  return dist;
}

/**
 * The page on a private bucket behind CloudFront (origin access control), with the API on the
 * same origin at `/api/*`. Hashed assets are cached for a year; the pages (index.html, admin.html)
 * are revalidated.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The tenant slugs the page rewrite knows (a CloudFront key value store). */
  readonly tenants: KeyValueStore;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const dist = webDist();
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site-bucket/',
    });

    const headers = securityHeadersPolicy(this, 'SecurityHeaders');
    const pageRewrite = pageRewriteFunction(this, 'PageRewrite', props.tenantSlugs);
    this.tenants = pageRewrite.tenants;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Privacy centre',
      defaultRootObject: 'index.html',
      webAclId: props.webAclArn,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { function: pageRewrite.fn, eventType: FunctionEventType.VIEWER_REQUEST },
          {
            function: pagePreloadFunction(
              this,
              'PagePreload',
              pageModules(JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8'))),
            ),
            eventType: FunctionEventType.VIEWER_RESPONSE,
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          // The stage throttle's bare 429 gets Retry-After and the centre's words.
          functionAssociations: [
            { function: apiThrottleFunction(this, 'ApiThrottle'), eventType: FunctionEventType.VIEWER_RESPONSE },
          ],
        },
      },
    });

    // Hashed assets first, so a new page never points at files not yet uploaded.
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(`${dist}/assets`)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    const pages = new BucketDeployment(this, 'Pages', {
      sources: [Source.asset(dist, { exclude: ['assets', 'assets/**'] })],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.noCache()],
      prune: false,
    });
    pages.node.addDependency(assets);

    // cdk-nag acknowledgements for this construct.
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: UK GDPR gives rights to data subjects wherever they are, so the centre must answer from anywhere.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL: the operator turned it off (-c waf=false), e.g. for a test stage, to save its fixed monthly fee; the API is throttled at the stage and every write is rate limited in the functions.',
      });
    }
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot have its minimum TLS version raised; with a custom domain (publicUrl + certificateArn) the distribution requires TLSv1.2_2021.',
      });
    }
    const zone = props.domain?.zone;
    if (props.domain && zone && (props.domain.name === zone.name || props.domain.name.endsWith(`.${zone.name}`))) {
      const hostedZone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: zone.id, zoneName: zone.name });
      const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
      new ARecord(this, 'Alias', { zone: hostedZone, recordName: props.domain.name, target });
      new AaaaRecord(this, 'AliasV6', { zone: hostedZone, recordName: props.domain.name, target });
    }
    // BucketDeployment's handler is a singleton CDK creates and versions itself (runtime, role, policy).
    const deployer = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deployer) {
      const cdkManaged =
        'CDK’s own BucketDeployment handler: CDK sets its runtime, role and grants, and upgrades them with aws-cdk-lib.';
      Validations.of(deployer).acknowledge(
        { id: 'AwsSolutions-L1', reason: `${cdkManaged} Its runtime moves with aws-cdk-lib, not with this project.` },
        {
          id: 'Serverless-LambdaLatestVersion',
          reason: `${cdkManaged} Its runtime moves with aws-cdk-lib, not with this project.`,
        },
        { id: 'Serverless-LambdaDLQ', reason: `${cdkManaged} CloudFormation invokes it and reports its failure on the stack.` },
        {
          id: 'Serverless-LambdaTracing',
          reason: `${cdkManaged} It runs only during a deploy; CloudFormation events and its logs cover it.`,
        },
        {
          id: BASIC_EXECUTION_ROLE_FINDING,
          reason: `${cdkManaged} The managed policy only lets it write its logs.`,
        },
      );
      const policy = deployer.node.findChild('ServiceRole').node.findChild('DefaultPolicy');
      const env = nagEnv(this);
      // The CDK assets bucket (default synthesizer): its name carries the account and region.
      const assetsBucket = `arn:${env.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${env.account}-${env.region}`;
      for (const finding of [
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`,
        `Resource::${assetsBucket}/*`,
      ]) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: `${cdkManaged} It copies the built page from the CDK assets bucket into the page bucket, so it reads the asset objects and writes the page bucket's objects.`,
        });
      }
    }
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
