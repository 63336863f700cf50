import { CheckRule, compliantIf } from '../check-rule';

export const BUCKET_ACCESS_LOGGING: CheckRule = {
  id: 'BucketAccessLogging',
  subject: 'bucket',
  controls: 'CIS v5.0 3.4 (v1.4 3.6, v6.0 4.4); Security Hub CloudTrail.7, S3.9; Control Tower CT.S3.PR.2',
  description: "The trail's bucket writes S3 server access logs to another bucket, so that reads of the log files are themselves recorded.",
  fix: 'Set LoggingConfiguration DestinationBucketName to an access-log bucket (s3.Bucket: serverAccessLogsBucket).',
  check(bucket) {
    return compliantIf(bucket.properties.LoggingConfiguration?.DestinationBucketName !== undefined, 'LoggingConfiguration');
  },
};
