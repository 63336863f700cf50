import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/**
 * Options for the S3 bucket that stores the log files. Every option keeps the bucket encrypted, private, versioned,
 * TLS-only and access-logged; these choose how long log files live and where they are stored meanwhile.
 */
export interface LogBucketOptions {
  /**
   * Age at which log files move to S3 Standard-IA. S3 requires at least 30 days.
   *
   * @default Duration.days(90)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly transitionToInfrequentAccessAfter?: Duration;

  /**
   * Age at which log files move to S3 Glacier Flexible Retrieval: at least 30 days after the Standard-IA transition,
   * which bills 30 days at least.
   *
   * @default Duration.days(365)
   */
  readonly transitionToGlacierAfter?: Duration;

  /**
   * Age at which log files are deleted: after the Glacier transition.
   *
   * @default Duration.days(2557) - seven years
   */
  readonly expiration?: Duration;

  /**
   * How long a replaced or deleted version of a log file stays recoverable.
   *
   * @default Duration.days(365)
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * What happens to the log bucket, its access-log bucket and the key when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
