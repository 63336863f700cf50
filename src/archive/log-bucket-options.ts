import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LogFileTransition } from './log-file-transition';
import { LogReplicationOptions } from './log-replication';

/**
 * Options for the S3 bucket that stores the log files. Every option keeps the bucket encrypted, private, versioned,
 * TLS-only and access-logged; these choose how long log files live and where they are stored meanwhile.
 */
export interface LogBucketOptions {
  /**
   * A physical name for the log bucket. Without one, the bucket is named only when a stack in another account or Region
   * must name it, which is why that can happen only at the first deployment: a name given later replaces the bucket.
   * Set it before the first deployment to have a readable name, or to the name the bucket already has.
   *
   * @default - a name chosen by CloudFormation, or generated at synth time when a stack in another environment needs it
   */
  readonly bucketName?: string;

  /**
   * A physical name for the bucket of the log bucket's server access logs, with the same rules as `bucketName`.
   *
   * @default - a name chosen by CloudFormation, or generated at synth time when a stack in another environment needs it
   */
  readonly accessLogsBucketName?: string;

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
   * Whether log files of 128 KB or more move to S3 Standard-IA and then Glacier Flexible Retrieval. Turn the tiers off
   * to keep every log file in S3 Standard, for example to keep logs less than the year and a quarter the tiers need
   * (a sandbox organization); `transitionToInfrequentAccessAfter` and `transitionToGlacierAfter` are then not taken.
   *
   * @default true
   */
  readonly storageTiers?: boolean;

  /**
   * The storage classes that log files of 128 KB or more move through, each at a later age, in the order S3 allows:
   * Standard-IA, Intelligent-Tiering, One Zone-IA, Glacier Instant Retrieval, Glacier Flexible Retrieval, Deep Archive
   * (One Zone-IA moves on to Glacier Flexible Retrieval or Deep Archive only). Replaces
   * `transitionToInfrequentAccessAfter`, `transitionToGlacierAfter` and `storageTiers`; `[]` keeps every log file in
   * S3 Standard, like `storageTiers: false`.
   *
   * @default - Standard-IA after `transitionToInfrequentAccessAfter`, then Glacier Flexible Retrieval after `transitionToGlacierAfter`
   */
  readonly transitions?: LogFileTransition[];

  /**
   * Age at which log files are deleted: after the Glacier transition, or after a day at least without storage tiers.
   * Under a year, a warning says which audit requirements that misses.
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
   * What happens to the log bucket, its access-log bucket and the key when they leave the stack. Buckets and keys
   * cannot be snapshotted: RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * A default Object Lock retention for every log file: governance mode (users with
   * `s3:BypassGovernanceRetention` may still delete) or compliance mode (nobody can, not even the root user, until it
   * ends). The bucket is always created lock-capable, so this can be set later without replacing it. The retention
   * may not outlast `expiration`.
   *
   * @default - no default retention: log files are protected by versioning and log file validation
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;

  /**
   * A copy of every log file in a bucket you name, in another Region or account, re-encrypted with a key there.
   *
   * @default - no replication
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html
   */
  readonly replication?: LogReplicationOptions;
}
