import { existsSync } from 'node:fs';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionEventType,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { fromRoot } from '../paths.ts';
import { pageRewriteFunction } from './page-rewrite.ts';
import { securityHeadersPolicy } from './security-headers.ts';

export interface SiteProps {
  /** Host name of the HTTP API that serves `/api/*`. */
  apiDomainName: string;
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

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const dist = webDist();
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
    });

    const headers = securityHeadersPolicy(this, 'SecurityHeaders');
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Privacy centre',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { function: pageRewriteFunction(this, 'PageRewrite'), eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
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
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
