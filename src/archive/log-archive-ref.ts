import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/**
 * Where a trail delivers, as a trail needs it. A `LogArchive` of this app is one; `LogArchive.fromLogArchiveAttributes`
 * gives one for an archive another app deployed.
 */
export interface ILogArchive extends IConstruct {
  /** The bucket the trail delivers log files to. */
  readonly logBucket: s3.IBucket;

  /** The key that encrypts the log files. */
  readonly encryptionKey: kms.IKey;

  /** The organization whose trails deliver here. */
  readonly organizationId: string;

  /**
   * The bucket that receives the log bucket's server access logs, when known: S3 data events of all buckets leave it
   * out, as they leave out the log bucket.
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * Lets a trail deliver log files here. An archive of this app edits its bucket and key policies; an imported one
   * cannot, and says with a warning what its own app must allow.
   */
  allowTrailDelivery(delivery: TrailDelivery): void;
}

/**
 * Where a trail delivers: what the archive needs to know to let that trail, and only it, write.
 */
export interface TrailDelivery {
  /**
   * ARN of the trail. Every CloudTrail statement is conditioned on `aws:SourceArn` equal to it.
   */
  readonly trailArn: string;

  /**
   * The account that owns the trail: the organization's management account.
   */
  readonly trailAccount: string;

  /**
   * The key prefix the trail writes under.
   *
   * @default - the bucket root
   */
  readonly s3KeyPrefix?: string;
}

/**
 * A log archive that another app deployed, as {@link LogArchive.fromLogArchiveAttributes} takes it.
 */
export interface LogArchiveAttributes {
  /** The name of the archive's log bucket. */
  readonly bucketName: string;

  /**
   * The ARN of the archive's KMS key, or of an alias of it: CloudTrail encrypts with it, so it names the key's
   * account and Region.
   */
  readonly encryptionKeyArn: string;

  /** The organization whose trails deliver to the archive, e.g. `o-a1b2c3d4e5`. */
  readonly organizationId: string;

  /**
   * The name of the bucket that receives the log bucket's server access logs: S3 data events of all buckets leave it
   * out, as they leave out the log bucket.
   *
   * @default - only the log bucket is left out
   */
  readonly accessLogsBucketName?: string;
}
