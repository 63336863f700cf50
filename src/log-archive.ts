import { Annotations, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LogBucketOptions } from './log-bucket-options';
import { acknowledge } from './private/acknowledgements';
import { anyTrailOfAccountArn } from './private/arns';
import { DEFAULTS, WARNING_PREFIX } from './private/defaults';
import { lifecycleAge, validateLifecycle } from './private/lifecycle';
import { cloudTrailBucketStatements, cloudTrailKeyStatements, serverAccessLogsStatement } from './private/policies';
import { addToResourcePolicyOrWarn } from './private/resource-policy';
import { Problems, validateOrganizationId } from './private/validation';
import { TrailKey } from './trail-key';

/**
 * Properties of a {@link LogArchive}.
 */
export interface LogArchiveProps {
  /**
   * The id of the AWS Organizations organization whose trail writes here, e.g. `o-a1b2c3d4e5`. Log files of member
   * accounts land under `AWSLogs/<organizationId>/`.
   */
  readonly organizationId: string;

  /**
   * The KMS key that encrypts the log files. An imported key's policy cannot be edited from here: a warning lists
   * the statements to add.
   *
   * @default - a new TrailKey with rotation enabled
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long log files live and where they are stored meanwhile.
   *
   * @default - the defaults of each LogBucketOptions property
   */
  readonly logBucket?: LogBucketOptions;
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
 * The storage of an organization trail: a KMS key, an encrypted, versioned, TLS-only S3 bucket with lifecycle tiers,
 * and a separate bucket for the log bucket's server access logs.
 *
 * Use it inside an {@link OrganizationTrail} (the default) or on its own, then let trails deliver with
 * {@link allowTrailDelivery}.
 */
export class LogArchive extends Construct {
  /** The bucket that stores the log files. */
  public readonly bucket: s3.Bucket;

  /** The bucket that stores the server access logs of {@link bucket}. */
  public readonly accessLogsBucket: s3.Bucket;

  /** The key that encrypts the log files. */
  public readonly encryptionKey: kms.IKey;

  /** The organization whose trail writes here. */
  public readonly organizationId: string;

  private deliveries: number;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    const lifecycle = props.logBucket ?? {};
    const problems = new Problems('LogArchive');
    validateOrganizationId(problems, 'organizationId', props.organizationId);
    validateLifecycle(problems, lifecycle);
    problems.throwIfAny();
    super(scope, id);

    const removalPolicy = props.logBucket?.removalPolicy ?? DEFAULTS.removalPolicy;
    this.organizationId = props.organizationId;
    this.deliveries = 0;
    this.encryptionKey =
      props.encryptionKey ??
      new TrailKey(this, 'Key', {
        alias: `${DEFAULTS.keyAliasPrefix}${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`,
        removalPolicy,
      });

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      // S3 server access logging delivers only to buckets encrypted with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      ...privateBucket,
      lifecycleRules: [
        {
          id: 'Expiration',
          expiration: lifecycleAge(lifecycle, 'expiration'),
          noncurrentVersionExpiration: lifecycleAge(lifecycle, 'noncurrentVersionExpiration'),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      ...privateBucket,
      // Lock-capable from creation, so that a retention mode can be chosen later without replacing the bucket.
      objectLockEnabled: true,
      lifecycleRules: [
        {
          id: 'TieringAndExpiration',
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: lifecycleAge(lifecycle, 'transitionToInfrequentAccessAfter'),
            },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: lifecycleAge(lifecycle, 'transitionToGlacierAfter') },
          ],
          expiration: lifecycleAge(lifecycle, 'expiration'),
          noncurrentVersionExpiration: lifecycleAge(lifecycle, 'noncurrentVersionExpiration'),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });

    // Server access logging is set on the L1, with the bucket-policy grant S3 documents: the L2's
    // `serverAccessLogsBucket` falls back to ACLs, which BucketOwnerEnforced buckets refuse, unless a feature flag is set.
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: DEFAULTS.accessLogsPrefix,
    };
    this.accessLogsBucket.addToResourcePolicy(
      serverAccessLogsStatement(
        this.accessLogsBucket.bucketArn,
        DEFAULTS.accessLogsPrefix,
        this.bucket.bucketArn,
        Stack.of(this).account,
      ),
    );
    for (const bucket of [this.bucket, this.accessLogsBucket]) {
      // EventBridge notifications through the L1 property: the L2 option deploys a Lambda-backed custom resource.
      (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }

    if (removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}:destroyOnDelete`,
        'logBucket.removalPolicy is DESTROY: removing the construct or the stack deletes the audit log, its key and ' +
          'its log group (a bucket that still holds objects fails to delete). Keep RETAIN outside of test stacks.',
      );
    }
    acknowledge(this.accessLogsBucket, 'accessLogsTarget');
    acknowledge(this, 'replication');
  }

  /**
   * Lets a trail deliver log files here: the bucket-policy statements for the management-account and organization
   * paths, and the key-policy statements CloudTrail needs to encrypt, each limited to that trail by `aws:SourceArn`.
   */
  public allowTrailDelivery(delivery: TrailDelivery): void {
    const suffix = this.deliveries === 0 ? '' : `${this.deliveries}`;
    this.deliveries++;
    const identity = {
      trailArn: delivery.trailArn,
      accountId: delivery.trailAccount,
      organizationId: this.organizationId,
      s3KeyPrefix: delivery.s3KeyPrefix,
    };
    for (const statement of cloudTrailBucketStatements(this.bucket.bucketArn, identity, suffix)) {
      this.bucket.addToResourcePolicy(statement);
    }
    addToResourcePolicyOrWarn(
      this,
      this.encryptionKey,
      cloudTrailKeyStatements(identity, anyTrailOfAccountArn(Stack.of(this), delivery.trailAccount), suffix),
      'keyPolicyNotManaged',
      'KMS key of the log archive',
    );
  }
}

const privateBucket = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  versioned: true,
} as const;
