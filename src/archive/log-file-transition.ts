import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * A move of the log files to another S3 storage class once they reach an age: one step of
 * `LogBucketOptions.transitions`.
 */
export interface LogFileTransition {
  /** The storage class the log files move to. */
  readonly storageClass: s3.StorageClass;

  /** The age of a log file at which it moves, in whole days. */
  readonly transitionAfter: Duration;
}
