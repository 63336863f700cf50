import { PhysicalName, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from '../core/acknowledgements';
import { ReplicationEnd, replicaBucketStatements, replicaKeyStatement, replicationRoleStatements } from './private/policies';
import { validateReplication } from './private/validation';
import { addToResourcePolicyOrWarn } from '../core/resource-policy';
import { Problems, pathOf } from '../core/validation';

/**
 * Where the log files are copied to.
 */
export interface LogReplicationOptions {
  /**
   * The bucket that receives a copy of every log file, preferably in another Region and account. S3 requires it to be
   * versioned and, because the log bucket has Object Lock enabled, to have Object Lock enabled too. When it belongs to
   * another account, the replicas are handed over to that account.
   */
  readonly destinationBucket: s3.IBucket;

  /**
   * The symmetric KMS key, in the destination bucket's Region, that encrypts the copies.
   */
  readonly destinationKey: kms.IKey;
}

/**
 * Properties of a {@link LogReplication}.
 */
export interface LogReplicationProps extends LogReplicationOptions {
  /** The bucket whose objects are copied. It must be versioned. */
  readonly sourceBucket: s3.Bucket;

  /** The key that encrypts the source bucket's objects. */
  readonly sourceKey: kms.IKey;
}

/**
 * Live replication of a log bucket: a rule copying every object, SSE-KMS encrypted ones included, and a role S3
 * assumes with a customer managed policy limited to these two buckets and keys. A destination owned by another
 * account also gets the bucket- and key-policy statements it needs (or, if imported, a warning listing them).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export class LogReplication extends Construct {
  /** The role S3 assumes to replicate. */
  public readonly role: iam.Role;

  /** The permissions of {@link role}. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: LogReplicationProps) {
    const problems = new Problems('LogReplication', pathOf(scope, id));
    validateReplication(problems, props, Stack.of(scope), '');
    const sourceBucket = props.sourceBucket.node.defaultChild as s3.CfnBucket;
    if ((sourceBucket.versioningConfiguration as s3.CfnBucket.VersioningConfigurationProperty | undefined)?.status !== 'Enabled') {
      problems.add('sourceBucket', props.sourceBucket.node.path, 'is not versioned, which S3 replication requires', 'Create it with versioned: true.');
    }
    problems.throwIfAny();
    super(scope, id);
    const stack = Stack.of(this);
    const destinationAccount = props.destinationBucket.env.account;
    // Replicas are handed over to the destination's account only when it is known to differ.
    const crossAccount = Token.compareStrings(destinationAccount, stack.account) === TokenComparison.DIFFERENT;
    const source: ReplicationEnd = {
      bucketArn: props.sourceBucket.bucketArn,
      keyArn: props.sourceKey.keyArn,
      region: stack.region,
    };
    const destination: ReplicationEnd = {
      bucketArn: props.destinationBucket.bucketArn,
      keyArn: props.destinationKey.keyArn,
      region: props.destinationBucket.env.region,
    };

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      // A name only if a destination stack in another environment must name the role in its policies.
      roleName: PhysicalName.GENERATE_IF_NEEDED,
      description: 'Lets S3 copy the CloudTrail log files to the replica bucket',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'S3 replication of the CloudTrail log files',
      statements: replicationRoleStatements(source, destination, crossAccount),
      roles: [this.role],
    });

    acknowledgeWildcardResources(
      this.policy,
      [`${source.bucketArn}/*`, `${destination.bucketArn}/*`],
      'Live replication copies every object of the log bucket (the rule has no filter), and S3 authorizes reading each ' +
        'source version and writing each replica on the object ARN: the resources are all objects of these two buckets.',
    );

    (props.sourceBucket.node.defaultChild as s3.CfnBucket).replicationConfiguration = {
      role: this.role.roleArn,
      rules: [
        {
          id: 'CopyLogFiles',
          status: 'Enabled',
          priority: 0,
          filter: { prefix: '' },
          // Lifecycle expirations of the source are not mirrored: the copy keeps its own retention.
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: destination.bucketArn,
            encryptionConfiguration: { replicaKmsKeyId: destination.keyArn },
            ...(crossAccount ? { account: destinationAccount, accessControlTranslation: { owner: 'Destination' } } : {}),
          },
        },
      ],
    };

    if (crossAccount) {
      addToResourcePolicyOrWarn(this, props.destinationBucket, replicaBucketStatements(destination, this.role, true), 'replicaBucketPolicyNotManaged', 'replica bucket');
      addToResourcePolicyOrWarn(this, props.destinationKey, [replicaKeyStatement(destination, this.role)], 'replicaKeyPolicyNotManaged', 'replica KMS key');
    }
  }
}
