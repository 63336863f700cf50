import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledgements';
import { serverAccessLogsStatement } from './policies';
import { addToResourcePolicyOrWarn } from './resource-policy';

/** What every bucket of the library has: all public-access blocks, no ACLs, TLS only, versioning. */
export const PRIVATE_BUCKET = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  versioned: true,
} as const;

/** EventBridge notifications through the L1 property: the L2 option deploys a Lambda-backed custom resource. */
export function enableEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
}

/** How a bucket's server access logs reach their target. */
export interface ServerAccessLogging {
  /** The access-log bucket. */
  readonly target: s3.IBucket;
  /** The key prefix of this bucket's logs in the target. */
  readonly prefix: string;
  /** Sid of the target's policy statement: one per source bucket. */
  readonly sid?: string;
  /** What fails if the target's policy cannot be edited, for the warning. */
  readonly consequence?: string;
}

/**
 * Logs a bucket's server access to another bucket, on the L1 and with the bucket-policy grant S3 documents: the L2's
 * `serverAccessLogsBucket` falls back to ACLs, which BucketOwnerEnforced buckets refuse, unless a feature flag is set.
 */
export function logServerAccess(bucket: s3.Bucket, logging: ServerAccessLogging): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: logging.target.bucketName,
    logFilePrefix: logging.prefix,
  };
  const statement = serverAccessLogsStatement(
    logging.target.bucketArn,
    logging.prefix,
    bucket.bucketArn,
    Stack.of(bucket).account,
    logging.sid,
  );
  addToResourcePolicyOrWarn(
    bucket,
    logging.target,
    [statement],
    'accessLogsBucketPolicyNotManaged',
    'server access log bucket',
    logging.consequence,
  );
}

/** How long an access-log bucket keeps its logs, and what happens to it when it leaves the stack. */
export interface AccessLogsBucketOptions {
  readonly expiration: Duration;
  readonly noncurrentVersionExpiration: Duration;
  readonly removalPolicy: RemovalPolicy;
  /** Set to name the bucket only when another environment refers to it. */
  readonly bucketName?: string;
}

/**
 * A bucket that receives S3 server access logs: SSE-S3 (the only encryption S3 delivers access logs to), private,
 * versioned, TLS-only, expiring, with EventBridge notifications; the findings this makes inherent are acknowledged.
 */
export function accessLogsBucket(scope: Construct, id: string, options: AccessLogsBucketOptions): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    bucketName: options.bucketName,
    encryption: s3.BucketEncryption.S3_MANAGED,
    ...PRIVATE_BUCKET,
    lifecycleRules: [
      {
        id: 'Expiration',
        expiration: options.expiration,
        noncurrentVersionExpiration: options.noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: options.removalPolicy,
  });
  enableEventBridge(bucket);
  acknowledge(bucket, 'accessLogsTarget');
  return bucket;
}
