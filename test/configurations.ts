import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  CloudTrailTrustedAccess,
  DataEvent,
  FieldCondition,
  InsightEventCategory,
  LakeBillingMode,
  LogArchive,
  NetworkActivityEvent,
  OrganizationTrail,
  SecurityAlarmRule,
  SecurityAlarms,
  SecurityEventForwarding,
  SelectorField,
  TrailAnalytics,
} from '../src';
import { ENV, ORG_ID } from './util';
import { ForwardingMemberStack } from '../src/organization/private/member-stack';

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
    const payments = lambda.Function.fromFunctionName(stack, 'Payments', 'payments');
    const orders = dynamodb.Table.fromTableName(stack, 'Orders', 'orders');
    const trail = new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      trailName: 'org-trail',
      managementEvents: cloudtrail.ReadWriteType.ALL,
      excludeManagementEventSources: [cloudtrail.ManagementEventSources.RDS_DATA_API],
      dataEvents: [
        DataEvent.allS3Objects({ readOnly: false }),
        DataEvent.lambdaInvocations([payments]),
        DataEvent.dynamoDbItems([orders], {
          conditions: [FieldCondition.notEqualTo(SelectorField.SESSION_CREDENTIAL_FROM_CONSOLE, ['false'])],
        }),
      ],
      networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com', { onlyAccessDenied: true })],
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE],
      insightEventCategories: [InsightEventCategory.MANAGEMENT, InsightEventCategory.DATA],
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
      analytics: {
        databaseName: 'org_trail',
        tableName: 'events',
        workGroupName: 'org-trail-investigations',
        accountIds: ['111111111111', '222222222222'],
        regions: ['us-east-1', 'eu-central-1'],
        projectionStartDate: '2024-01-01',
        queryResultsExpiration: Duration.days(7),
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        lake: {
          eventDataStoreName: 'org-events',
          billingMode: LakeBillingMode.FIXED_RETENTION_PRICING,
          retention: Duration.days(2557),
          terminationProtection: false,
        },
      },
      alarms: {
        rules: SecurityAlarmRule.RECOMMENDED,
        overrides: [
          { rule: SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES, threshold: 5, period: Duration.minutes(15) },
          { rule: SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED, evaluationPeriods: 2 },
        ],
        emailSubscriptions: ['secops@example.com'],
        heartbeat: { period: Duration.minutes(30) },
        dashboard: true,
      },
    });
    // What the conformance pack reports of these choices, acknowledged as a user who made them would.
    Validations.of(trail).acknowledge(
      {
        id: 'CloudTrailChecks::CloudTrail-TrailManagementEvents',
        reason: 'RDS Data API calls are left out of this trail on purpose: another trail of the organization records them.',
      },
      ...['CloudWatch.2', 'CloudWatch.10'].map((control) => ({
        id: `CloudTrailChecks::CloudTrail-LogGroupSecurityHubAlarms[${control}]`,
        reason: `SecurityAlarmRule.RECOMMENDED replaces the ${control} text with a grouped or wider rule, which Security Hub does not recognise.`,
      })),
    );
    trail.addDataEvents(
      DataEvent.ofResourceType('AWS::SNS::Topic', {
        conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Publish'])],
      }),
    );
    return stack;
  },

  /** Query-ready logs on their own, over a bucket the app does not own (e.g. a Control Tower log archive). */
  standaloneAnalytics: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    new TrailAnalytics(stack, 'Analytics', {
      bucket: s3.Bucket.fromBucketName(stack, 'ControlTowerBucket', 'aws-controltower-logs-111111111111-us-east-1'),
      organizationId: ORG_ID,
      s3KeyPrefix: 'o-a1b2c3d4e5',
      lake: {},
    });
    return stack;
  },

  /** Security alarms on a log group the app does not own, such as Control Tower's. */
  controlTowerAlarms: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTowerLogs', 'aws-controltower/CloudTrailLogs');
    new SecurityAlarms(stack, 'Alarms', {
      logGroup,
      rules: [...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS],
      emailSubscriptions: ['secops@example.com'],
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
