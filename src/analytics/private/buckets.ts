import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../../core/acknowledgements';
import { PRIVATE_BUCKET, enableEventBridge, logServerAccess } from '../../core/buckets';
import { ANALYTICS_DEFAULTS } from '../../core/defaults';

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
