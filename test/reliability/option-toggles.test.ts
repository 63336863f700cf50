import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DataEvent, OrganizationTrail, OrganizationTrailProps, SecurityAlarmRule } from '../../src';
import { statefulResources } from '../stateful';
import { ORG_ID, testStack } from '../util';

/**
 * Toggling one option must not move any stateful resource that both configurations keep: a moved construct gets a
 * new logical ID, and CloudFormation replaces the bucket, key or log group (and the audit log goes with it).
 */
type Toggle = [name: string, props: (scope: Construct) => Partial<OrganizationTrailProps>, removes: string[]];

const TOGGLES: Toggle[] = [
  ['trailName', () => ({ trailName: 'renamed-trail' }), []],
  ['s3KeyPrefix', () => ({ s3KeyPrefix: 'org/logs' }), []],
  ['isMultiRegionTrail', () => ({ isMultiRegionTrail: false }), []],
  ['cloudWatchLogsRetention', () => ({ cloudWatchLogsRetention: logs.RetentionDays.TEN_YEARS }), []],
  ['logBucket lifecycle', () => ({ logBucket: { expiration: Duration.days(4000), transitionToGlacierAfter: Duration.days(200) } }), []],
  ['logBucket removalPolicy', () => ({ logBucket: { removalPolicy: RemovalPolicy.DESTROY } }), []],
  // Without a log group there are no alarms, so their topic's key goes too.
  ['sendToCloudWatchLogs', () => ({ sendToCloudWatchLogs: false }), ['AWS::Logs::LogGroup', 'AWS::KMS::Key']],
  ['alarms off', () => ({ alarms: { enabled: false } }), ['AWS::KMS::Key']],
  ['alarm rules', () => ({ alarms: { rules: SecurityAlarmRule.RECOMMENDED, emailSubscriptions: ['secops@example.com'] } }), []],
  ['data events', () => ({ dataEvents: [DataEvent.allS3Objects(), DataEvent.allLambdaInvocations()] }), []],
  ['Insights', () => ({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE] }), []],
  ['analytics', () => ({ analytics: { lake: {} } }), []],
  ['encryptionKey', (scope) => ({ encryptionKey: kms.Key.fromKeyArn(scope, 'K', 'arn:aws:kms:us-east-1:111111111111:key/k') }), ['AWS::KMS::Key']],
  ['bucket', (scope) => ({ bucket: s3.Bucket.fromBucketName(scope, 'B', 'central-logs') }), ['AWS::S3::Bucket', 'AWS::S3::Bucket']],
];

function stateful(props: (scope: Construct) => Partial<OrganizationTrailProps>): Record<string, string> {
  const stack = testStack();
  new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, ...props(stack) });
  return statefulResources(stack);
}

const base = stateful(() => ({}));

test.each(TOGGLES)('toggling %s keeps the logical IDs of every stateful resource it keeps', (_, props, removes) => {
  const toggled = stateful(props);
  const kept = Object.keys(base).filter((id) => id in toggled);
  const removed = Object.keys(base).filter((id) => !(id in toggled));
  expect(removed.map((id) => base[id]).sort()).toEqual([...removes].sort());
  for (const id of kept) expect(toggled[id]).toBe(base[id]);
  // A resource of a removed type that appears under another logical ID would be a moved one, i.e. a replacement.
  const added = Object.keys(toggled).filter((id) => !(id in base));
  expect(added.filter((id) => removes.includes(toggled[id]))).toEqual([]);
});
