import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudTrailTrustedAccess, LogArchive, OrganizationTrail, SecurityEventForwarding } from '../src';
import { ENV, ORG_ID } from './util';
import { ForwardingMemberStack } from '../src/private/forwarding-member-stack';

/**
 * The configurations every validator must pass with zero unacknowledged findings. Each builds its stacks at `id`, or
 * under a construct `id` when it needs several; features add their options to `everything` (or a configuration of
 * their own) so that the validators see them.
 */
export const CONFIGURATIONS: Record<string, (scope: Construct, id: string) => Construct> = {
  /** What a user writes first. */
  defaults: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    return stack;
  },

  /** Every option turned away from its default. */
  everything: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      trailName: 'org-trail',
      s3KeyPrefix: 'org/logs',
      cloudWatchLogsRetention: logs.RetentionDays.FIVE_YEARS,
      logBucket: {
        transitionToInfrequentAccessAfter: Duration.days(30),
        transitionToGlacierAfter: Duration.days(180),
        expiration: Duration.days(3650),
        noncurrentVersionExpiration: Duration.days(90),
        objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
        replication: {
          destinationBucket: s3.Bucket.fromBucketAttributes(stack, 'Replica', {
            bucketArn: 'arn:aws:s3:::org-trail-replica-us-west-2',
            region: 'us-west-2',
            account: '444444444444',
          }),
          destinationKey: kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:us-west-2:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
        },
      },
    });
    return stack;
  },

  /**
   * Issue 5's layout: the log archive in a log-archive account, readable by a SIEM role of a security account and by
   * each member account for its own logs; the trail, trusted access and event forwarding in the management account.
   */
  crossAccount: (scope, id) => {
    const group = new Construct(scope, id);
    const archiveStack = new Stack(group, 'LogArchive', { env: { account: '222222222222', region: ENV.region } });
    const managementStack = new Stack(group, 'Management', { env: ENV });
    const logArchive = new LogArchive(archiveStack, 'LogArchive', {
      organizationId: ORG_ID,
      memberAccountsReadOwnLogs: true,
      logBucket: { objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(2557)) },
    });
    logArchive.grantRead(new iam.ArnPrincipal('arn:aws:iam::333333333333:role/siem-reader'));
    const access = new CloudTrailTrustedAccess(managementStack, 'TrustedAccess');
    const trail = new OrganizationTrail(managementStack, 'Trail', { organizationId: ORG_ID, logArchive });
    trail.node.addDependency(access);
    new SecurityEventForwarding(managementStack, 'Forwarding', {
      organizationId: ORG_ID,
      organizationalUnitIds: ['r-ab12'],
      regions: ['us-east-1', 'eu-west-1'],
    });
    return group;
  },

  /** The template SecurityEventForwarding's StackSet deploys to every member account and Region. */
  forwardingMember: (scope, id) => new ForwardingMemberStack(scope, id),

  /** A key and a bucket of the user's own, in the same app. */
  bringYourOwn: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Bucket', {
      encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
    });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, bucket, encryptionKey });
    return stack;
  },
};
