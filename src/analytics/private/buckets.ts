import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../../private/acknowledgements';
import { PRIVATE_BUCKET, enableEventBridge, logServerAccess } from '../../private/buckets';
import { ANALYTICS_DEFAULTS } from '../../private/defaults';

/**
 * A bucket for S3 server access logs, for when there is no log archive whose access-log bucket can be reused:
 * SSE-S3 (the only encryption S3 delivers access logs to), private, versioned, TLS-only.
 */
export function accessLogsBucket(scope: Construct, id: string, removalPolicy: RemovalPolicy): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    ...PRIVATE_BUCKET,
    lifecycleRules: [
      {
        id: 'Expiration',
        expiration: ANALYTICS_DEFAULTS.accessLogsExpiration,
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy,
  });
  enableEventBridge(bucket);
  acknowledge(bucket, 'accessLogsTarget');
  acknowledge(bucket, 'analyticsReplication');
  return bucket;
}

export interface QueryResultsBucketProps {
  readonly encryptionKey: kms.IKey;
  readonly expiration: Duration;
  readonly serverAccessLogsBucket: s3.IBucket;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The bucket Athena writes query results to, hardened like the log bucket: SSE-KMS with a Bucket Key, private,
 * versioned, TLS-only, Object Lock capable, access-logged, with EventBridge notifications; results expire.
 */
export function queryResultsBucket(scope: Construct, id: string, props: QueryResultsBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: props.encryptionKey,
    bucketKeyEnabled: true,
    ...PRIVATE_BUCKET,
    // Lock-capable, like the log bucket, so that results can be held for an investigation without a new bucket.
    objectLockEnabled: true,
    lifecycleRules: [
      {
        id: 'ExpireResults',
        expiration: props.expiration,
        noncurrentVersionExpiration: ANALYTICS_DEFAULTS.queryResultsNoncurrentExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    removalPolicy: props.removalPolicy,
  });
  logServerAccess(bucket, {
    target: props.serverAccessLogsBucket,
    prefix: ANALYTICS_DEFAULTS.queryResultsAccessLogsPrefix,
    sid: 'S3ServerAccessLogsDeliveryQueryResults',
    consequence: "S3 will not deliver the query-results bucket's access logs",
  });
  enableEventBridge(bucket);
  acknowledge(bucket, 'analyticsReplication');
  return bucket;
}
