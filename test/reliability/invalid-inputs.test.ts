import { App, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  DataEvent,
  DeliveryHeartbeat,
  FieldCondition,
  LakeBillingMode,
  LakeEventDataStore,
  LakeEventDataStoreProps,
  LogArchive,
  LogArchiveProps,
  LogReplication,
  LogReplicationProps,
  NetworkActivityEvent,
  OrganizationTrail,
  OrganizationTrailProps,
  SecurityAlarm,
  SecurityAlarmProps,
  SecurityAlarmRule,
  SecurityAlarms,
  SecurityAlarmsProps,
  SecurityEventForwarding,
  SecurityEventForwardingProps,
  SelectorField,
  TrailAnalytics,
  TrailAnalyticsProps,
  TrailKey,
  TrailKeyProps,
  TrailLogGroup,
  TrailLogGroupProps,
} from '../../src';
import { ORG_ID, testStack } from '../util';

/**
 * Invalid inputs that no other suite covered (see the audit in the closing note), one table row each: the
 * construction throws, the message names the prop, the value received and the fix, and nothing is left in the tree.
 * Boundaries are tried exactly at each limit (accepted, further down) and one past it (rejected, here).
 */
interface Case {
  /** What is wrong. */
  readonly what: string;
  /** Builds the construct under test, with id `id`, in a fresh stack. */
  readonly build: (stack: Stack) => unknown;
  /** The construct id that must not be left in the tree; none for a factory that builds no construct. */
  readonly id?: string;
  readonly prop: string;
  /** How the message shows the value received. */
  readonly value: string;
  /** The start of the fix the message gives. */
  readonly fix: string;
}

const OTHER_REGION_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const REPLICA_KEY = 'arn:aws:kms:us-west-2:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SAME_REGION_KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const long = (n: number, c = 'a') => c.repeat(n);
const quoted = (text: string) => JSON.stringify(text);

// ----- how each construct is built with one bad prop -----

const trail = (props: Partial<OrganizationTrailProps> | ((stack: Stack) => Partial<OrganizationTrailProps>)) => (stack: Stack) =>
  new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', ...(typeof props === 'function' ? props(stack) : props) });
const trailAlarms = (alarms: OrganizationTrailProps['alarms']) => trail({ alarms });
const dataCondition = (condition: FieldCondition) => trail({ alarms: { enabled: false }, dataEvents: [DataEvent.ofResourceType('AWS::SNS::Topic', { conditions: [condition] })] });
const archive = (props: Partial<LogArchiveProps> | ((stack: Stack) => Partial<LogArchiveProps>)) => (stack: Stack) =>
  new LogArchive(stack, 'Archive', { organizationId: ORG_ID, ...(typeof props === 'function' ? props(stack) : props) });
const key = (props: TrailKeyProps) => (stack: Stack) => new TrailKey(stack, 'Key', props);
const logGroup = (props: Partial<TrailLogGroupProps> | ((stack: Stack) => Partial<TrailLogGroupProps>)) => (stack: Stack) =>
  new TrailLogGroup(stack, 'Group', {
    organizationId: ORG_ID,
    logGroupName: 'cloudtrail/org-trail',
    encryptionKey: new kms.Key(stack, 'GroupKey', { enableKeyRotation: true }),
    ...(typeof props === 'function' ? props(stack) : props),
  });
const replication = (props: (stack: Stack) => Partial<LogReplicationProps>) => (stack: Stack) => {
  const sourceKey = new kms.Key(stack, 'SourceKey', { enableKeyRotation: true });
  return new LogReplication(stack, 'Replication', {
    sourceBucket: new s3.Bucket(stack, 'Source', { versioned: true, objectLockEnabled: true, encryptionKey: sourceKey }),
    sourceKey,
    destinationBucket: s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: 'arn:aws:s3:::replica', region: 'us-west-2', account: '444444444444' }),
    destinationKey: kms.Key.fromKeyArn(stack, 'ReplicaKey', REPLICA_KEY),
    ...props(stack),
  });
};
const controlTowerLogs = (stack: Stack) => logs.LogGroup.fromLogGroupName(stack, 'ControlTower', 'aws-controltower/CloudTrailLogs');
const alarms = (props: Partial<SecurityAlarmsProps>) => (stack: Stack) =>
  new SecurityAlarms(stack, 'Alarms', { logGroup: controlTowerLogs(stack), emailSubscriptions: ['secops@example.com'], ...props });
const topicAction = (stack: Stack) => new actions.SnsAction(sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:111111111111:alarms'));
const alarm = (props: Partial<SecurityAlarmProps>) => (stack: Stack) =>
  new SecurityAlarm(stack, 'Alarm', {
    logGroup: controlTowerLogs(stack),
    rule: SecurityAlarmRule.ROOT_ACCOUNT_USAGE,
    alarmName: 'root-account-usage',
    metricNamespace: 'CloudTrailMetrics',
    alarmActions: [topicAction(stack)],
    ...props,
  });
const heartbeat = (props: { period?: Duration; alarmName?: string; noActions?: boolean }) => (stack: Stack) =>
  new DeliveryHeartbeat(stack, 'Heartbeat', {
    logGroup: controlTowerLogs(stack),
    alarmName: props.alarmName ?? 'delivery-heartbeat',
    period: props.period,
    alarmActions: props.noActions ? [] : [topicAction(stack)],
  });
const analytics = (props: Partial<TrailAnalyticsProps>) => (stack: Stack) =>
  new TrailAnalytics(stack, 'Analytics', { bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'log-bucket'), organizationId: ORG_ID, ...props });
const lake = (props: LakeEventDataStoreProps) => (stack: Stack) => new LakeEventDataStore(stack, 'Lake', props);
const forwarding = (props: Partial<SecurityEventForwardingProps>) => (stack: Stack) =>
  new SecurityEventForwarding(stack, 'Forwarding', { organizationId: ORG_ID, organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'], ...props });
const selectors = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Selector ${i}`, fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] }));

const ALARM_NAME_FIX = 'Shorten it, or give a name.';
const SNAPSHOT_FIX = 'Use RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (the default), RETAIN or DESTROY.';
const RETENTION_FIX = 'Use a logs.RetentionDays value, e.g. RetentionDays.ONE_YEAR.';

/** Rejected inputs, grouped by the construct whose props they are. */
const INVALID: Record<string, Case[]> = {
  OrganizationTrail: [
    { what: 'an empty trailName', build: trail({ trailName: '' }), id: 'Trail', prop: 'trailName', value: '""', fix: 'Use 3 to 128 letters' },
    { what: 'a trailName of whitespace', build: trail({ trailName: '   ' }), id: 'Trail', prop: 'trailName', value: '"   "', fix: 'Use 3 to 128 letters' },
    { what: 'a trailName with a non-ASCII letter', build: trail({ trailName: 'trail-é' }), id: 'Trail', prop: 'trailName', value: '"trail-é"', fix: 'Use 3 to 128 letters' },
    { what: 'an organizationId with an upper-case prefix', build: trail({ organizationId: 'O-a1b2c3d4e5' }), id: 'Trail', prop: 'organizationId', value: '"O-a1b2c3d4e5"', fix: 'Use the id shown by' },
    { what: 'a retention of 0 days', build: trail({ cloudWatchLogsRetention: 0 as logs.RetentionDays }), id: 'Trail', prop: 'cloudWatchLogsRetention', value: '0', fix: RETENTION_FIX },
    { what: 'a retention one past ten years', build: trail({ cloudWatchLogsRetention: 3654 as logs.RetentionDays }), id: 'Trail', prop: 'cloudWatchLogsRetention', value: '3654', fix: RETENTION_FIX },
    { what: 'a negative retention', build: trail({ cloudWatchLogsRetention: -1 as logs.RetentionDays }), id: 'Trail', prop: 'cloudWatchLogsRetention', value: '-1', fix: RETENTION_FIX },
    { what: 'a log bucket removal policy of SNAPSHOT', build: trail({ logBucket: { removalPolicy: RemovalPolicy.SNAPSHOT } }), id: 'Trail', prop: 'logBucket.removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
    {
      what: 'an Object Lock retention one day past the expiration',
      build: trail({ logBucket: { objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(2558)) } }),
      id: 'Trail',
      prop: 'logBucket.objectLockRetention',
      value: '"COMPLIANCE for 2558 days"',
      fix: 'Use a retention of at most Duration.days(2557)',
    },
    {
      what: 'a Glacier transition in hours',
      build: trail({ logBucket: { transitionToGlacierAfter: Duration.hours(24 * 200 + 1) } }),
      id: 'Trail',
      prop: 'logBucket.transitionToGlacierAfter',
      value: '200 days 1 hour',
      fix: 'Use Duration.days(n).',
    },
    {
      what: 'an HMAC key',
      build: trail((stack) => ({ encryptionKey: new kms.Key(stack, 'Hmac', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC }) })),
      id: 'Trail',
      prop: 'encryptionKey',
      value: '"a key with KeySpec HMAC_256"',
      fix: 'Use a key with KeySpec.SYMMETRIC_DEFAULT',
    },
    {
      what: 'a key of your own in another Region than your bucket, without CloudWatch Logs',
      build: trail((stack) => ({
        bucket: s3.Bucket.fromBucketAttributes(stack, 'Far', { bucketName: 'central-logs', region: 'eu-west-1' }),
        encryptionKey: kms.Key.fromKeyArn(stack, 'Near', SAME_REGION_KEY),
        sendToCloudWatchLogs: false,
      })),
      id: 'Trail',
      prop: 'encryptionKey',
      value: '"a resource in us-east-1"',
      fix: 'Use one in eu-west-1.',
    },
    {
      what: 'an invalid alarm email address, reported with the other props',
      build: trailAlarms({ emailSubscriptions: ['secops@example'] }),
      id: 'Trail',
      prop: 'alarms.emailSubscriptions[0]',
      value: '"secops@example"',
      fix: 'Give an address such as',
    },
    {
      what: 'alarm evaluation periods beyond the day CloudWatch evaluates',
      build: trailAlarms({ overrides: [{ rule: SecurityAlarmRule.ROOT_ACCOUNT_USAGE, evaluationPeriods: 289 }] }),
      id: 'Trail',
      prop: 'alarms.overrides[0].evaluationPeriods',
      value: '289',
      fix: 'Use at most 288 evaluation periods, or a period of an hour or more.',
    },
    { what: 'a metric namespace starting with ":"', build: trailAlarms({ metricNamespace: ':trail' }), id: 'Trail', prop: 'alarms.metricNamespace', value: '":trail"', fix: 'Use a name such as' },
    {
      what: 'a rule id of 127 characters after a trail name derived from the path (up to 128)',
      build: (stack) => new OrganizationTrail(stack, 'Trail', {
        organizationId: ORG_ID,
        alarms: { rules: [SecurityAlarmRule.custom({ id: 'R'.repeat(127), filterPattern: logs.FilterPattern.allEvents() })] },
      }),
      id: 'Trail',
      prop: 'alarms.rules[0]',
      value: `"${'R'.repeat(127)}"`,
      fix: 'Shorten alarmNamePrefix or the rule id.',
    },
    { what: 'an analytics database name in upper case, reported with the other props', build: trail({ analytics: { databaseName: 'Trail' } }), id: 'Trail', prop: 'analytics.databaseName', value: '"Trail"', fix: 'Use 1 to 255 lowercase' },
    { what: 'an analytics removal policy of SNAPSHOT', build: trail({ analytics: { removalPolicy: RemovalPolicy.SNAPSHOT } }), id: 'Trail', prop: 'analytics.removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
    {
      what: 'a data event resource type in the wrong case',
      build: trail({ dataEvents: [DataEvent.ofResourceType('aws::sns::topic')] }),
      id: 'Trail',
      prop: 'dataEvents[0] (DataEvent.ofResourceType).resourceType',
      value: '"aws::sns::topic"',
      fix: 'Use the resources.type value',
    },
    {
      what: 'a data event resource type with a leading space',
      build: trail({ dataEvents: [DataEvent.ofResourceType(' AWS::SNS::Topic')] }),
      id: 'Trail',
      prop: 'dataEvents[0] (DataEvent.ofResourceType).resourceType',
      value: '" AWS::SNS::Topic"',
      fix: 'Use the resources.type value',
    },
    {
      what: 'a condition value one past 2048 characters',
      build: dataCondition(FieldCondition.equalTo(SelectorField.USER_IDENTITY_ARN, [long(2049)])),
      id: 'Trail',
      prop: 'dataEvents[0] (DataEvent.ofResourceType).conditions[0]',
      value: `"${long(40)}... (2049 characters)"`,
      fix: 'Match its beginning with the StartsWith operator',
    },
    {
      what: 'a network event source with a trailing space',
      build: trail({ networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com ')] }),
      id: 'Trail',
      prop: 'networkActivityEvents[0] (NetworkActivityEvent.of).eventSource',
      value: '"kms.amazonaws.com "',
      fix: 'Use the service\'s endpoint name',
    },
    {
      what: 'an empty network event source',
      build: trail({ networkActivityEvents: [NetworkActivityEvent.of('')] }),
      id: 'Trail',
      prop: 'networkActivityEvents[0] (NetworkActivityEvent.of).eventSource',
      value: '""',
      fix: 'Use the service\'s endpoint name',
    },
    {
      what: 'an errorCode in the wrong case',
      build: trail({ networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com', { conditions: [FieldCondition.equalTo(SelectorField.ERROR_CODE, ['vpceaccessdenied'])] })] }),
      id: 'Trail',
      prop: 'networkActivityEvents[0] (NetworkActivityEvent.of).conditions[0]',
      value: '"vpceaccessdenied"',
      fix: 'Use the onlyAccessDenied option instead.',
    },
  ],

  LogArchive: [
    { what: 'an empty organizationId', build: archive({ organizationId: '' }), id: 'Archive', prop: 'organizationId', value: '""', fix: 'Use the id shown by' },
    { what: 'a removal policy of SNAPSHOT', build: archive({ logBucket: { removalPolicy: RemovalPolicy.SNAPSHOT } }), id: 'Archive', prop: 'logBucket.removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
    {
      what: 'a noncurrent-version expiry of half a day',
      build: archive({ logBucket: { noncurrentVersionExpiration: Duration.hours(12) } }),
      id: 'Archive',
      prop: 'logBucket.noncurrentVersionExpiration',
      value: '12 hours',
      fix: 'Use Duration.days(n).',
    },
    {
      what: 'a replica in the log bucket\'s own Region and account',
      build: archive((stack) => ({
        logBucket: {
          replication: { destinationBucket: s3.Bucket.fromBucketName(stack, 'Same', 'replica'), destinationKey: kms.Key.fromKeyArn(stack, 'SameKey', SAME_REGION_KEY) },
        },
      })),
      id: 'Archive',
      prop: 'logBucket.replication.destinationBucket',
      value: '"a bucket in us-east-1, account 111111111111"',
      fix: 'Name a bucket in another Region or another account.',
    },
  ],

  TrailKey: [
    { what: 'an alias under alias/aws/', build: key({ alias: 'alias/aws/cloudtrail' }), id: 'Key', prop: 'alias', value: '"alias/aws/cloudtrail"', fix: 'Use another prefix' },
    { what: 'an alias with a space', build: key({ alias: 'alias/cloud trail' }), id: 'Key', prop: 'alias', value: '"alias/cloud trail"', fix: 'Use a name such as' },
    { what: 'an empty alias', build: key({ alias: '' }), id: 'Key', prop: 'alias', value: '""', fix: 'Use a name such as' },
    { what: 'an alias one past 256 characters', build: key({ alias: `alias/${long(251)}` }), id: 'Key', prop: 'alias', value: quoted(`alias/${long(251)}`), fix: 'Use a name such as' },
    { what: 'a description one past 8192 characters', build: key({ description: long(8193) }), id: 'Key', prop: 'description', value: `"${long(40)}... (8193 characters)"`, fix: 'Shorten it.' },
    { what: 'a removal policy of SNAPSHOT', build: key({ removalPolicy: RemovalPolicy.SNAPSHOT }), id: 'Key', prop: 'removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
  ],

  TrailLogGroup: [
    { what: 'an organizationId that is not one', build: logGroup({ organizationId: 'org' }), id: 'Group', prop: 'organizationId', value: '"org"', fix: 'Use the id shown by' },
    { what: 'an empty log group name', build: logGroup({ logGroupName: '' }), id: 'Group', prop: 'logGroupName', value: '""', fix: 'Use a name such as' },
    { what: 'a log group name with a space', build: logGroup({ logGroupName: 'cloud trail' }), id: 'Group', prop: 'logGroupName', value: '"cloud trail"', fix: 'Use a name such as' },
    { what: 'a log group name one past 512 characters', build: logGroup({ logGroupName: long(513) }), id: 'Group', prop: 'logGroupName', value: quoted(long(513)), fix: 'Use a name such as' },
    { what: 'a retention CloudWatch Logs does not accept', build: logGroup({ retention: 42 as logs.RetentionDays }), id: 'Group', prop: 'retention', value: '42', fix: RETENTION_FIX },
    {
      what: 'an asymmetric key',
      build: logGroup((stack) => ({ encryptionKey: new kms.Key(stack, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT }) })),
      id: 'Group',
      prop: 'encryptionKey',
      value: '"a key with KeySpec RSA_2048"',
      fix: 'Use a key with KeySpec.SYMMETRIC_DEFAULT',
    },
    {
      what: 'a key in another Region',
      build: logGroup((stack) => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'Far', OTHER_REGION_KEY) })),
      id: 'Group',
      prop: 'encryptionKey',
      value: '"a resource in eu-west-1"',
      fix: 'Use one in us-east-1.',
    },
    { what: 'a removal policy of SNAPSHOT', build: logGroup({ removalPolicy: RemovalPolicy.SNAPSHOT }), id: 'Group', prop: 'removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
  ],

  LogReplication: [
    {
      what: 'a destination in the source\'s own Region and account',
      build: replication((stack) => ({
        destinationBucket: s3.Bucket.fromBucketName(stack, 'Same', 'replica'),
        destinationKey: kms.Key.fromKeyArn(stack, 'SameKey', SAME_REGION_KEY),
      })),
      id: 'Replication',
      prop: 'destinationBucket',
      value: '"a bucket in us-east-1, account 111111111111"',
      fix: 'Name a bucket in another Region or another account.',
    },
    {
      what: 'a destination key in another Region than the destination bucket',
      build: replication((stack) => ({ destinationKey: kms.Key.fromKeyArn(stack, 'Far', OTHER_REGION_KEY) })),
      id: 'Replication',
      prop: 'destinationKey',
      value: '"a resource in eu-west-1"',
      fix: 'Use one in us-west-2.',
    },
    {
      what: 'a source bucket without versioning',
      build: replication((stack) => ({ sourceBucket: new s3.Bucket(stack, 'Unversioned') })),
      id: 'Replication',
      prop: 'sourceBucket',
      value: '"Stack/Unversioned"',
      fix: 'Create it with versioned: true.',
    },
  ],

  SecurityAlarms: [
    { what: 'an empty metric namespace', build: alarms({ metricNamespace: '' }), id: 'Alarms', prop: 'metricNamespace', value: '""', fix: 'Use a name such as' },
    { what: 'a metric namespace of whitespace', build: alarms({ metricNamespace: '  ' }), id: 'Alarms', prop: 'metricNamespace', value: '"  "', fix: 'Use a name such as' },
    { what: 'a metric namespace one past 255 characters', build: alarms({ metricNamespace: long(256) }), id: 'Alarms', prop: 'metricNamespace', value: quoted(long(256)), fix: 'Use a name such as' },
    { what: 'a metric namespace starting with ":"', build: alarms({ metricNamespace: ':x' }), id: 'Alarms', prop: 'metricNamespace', value: '":x"', fix: 'Use a name such as' },
    {
      what: 'one evaluation period past a day of 5-minute periods',
      build: alarms({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, evaluationPeriods: 289 }] }),
      id: 'Alarms',
      prop: 'overrides[0].evaluationPeriods',
      value: '289',
      fix: 'Use at most 288 evaluation periods, or a period of an hour or more.',
    },
    {
      what: 'one evaluation period past seven days of 1-hour periods',
      build: alarms({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, period: Duration.hours(1), evaluationPeriods: 169 }] }),
      id: 'Alarms',
      prop: 'overrides[0].evaluationPeriods',
      value: '169',
      fix: 'Use at most 168 evaluation periods.',
    },
    { what: 'a period of 0 minutes', build: alarms({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, period: Duration.minutes(0) }] }), id: 'Alarms', prop: 'overrides[0].period', value: '0 minutes', fix: 'Use whole minutes' },
    { what: 'a negative threshold', build: alarms({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, threshold: -1 }] }), id: 'Alarms', prop: 'overrides[0].threshold', value: '-1', fix: 'Use 1 or more.' },
    { what: 'a heartbeat period under a minute', build: alarms({ heartbeat: { period: Duration.seconds(59) } }), id: 'Alarms', prop: 'heartbeat.period', value: '59 seconds', fix: 'Use whole minutes' },
    { what: 'a heartbeat period one minute past a day', build: alarms({ heartbeat: { period: Duration.minutes(1441) } }), id: 'Alarms', prop: 'heartbeat.period', value: '1 day 1 minute', fix: 'Use whole minutes' },
    { what: 'an empty email address', build: alarms({ emailSubscriptions: [''] }), id: 'Alarms', prop: 'emailSubscriptions[0]', value: '""', fix: 'Give an address such as' },
    { what: 'an email address with a leading space', build: alarms({ emailSubscriptions: [' secops@example.com'] }), id: 'Alarms', prop: 'emailSubscriptions[0]', value: '" secops@example.com"', fix: 'Give an address such as' },
  ],

  SecurityAlarmRule: [
    { what: 'an empty custom rule id', build: () => SecurityAlarmRule.custom({ id: '', filterPattern: logs.FilterPattern.allEvents() }), prop: 'id', value: '""', fix: 'Use a letter or digit' },
    { what: 'a custom rule id one past 128 characters', build: () => SecurityAlarmRule.custom({ id: long(129), filterPattern: logs.FilterPattern.allEvents() }), prop: 'id', value: quoted(long(129)), fix: 'Use a letter or digit' },
    { what: 'a custom rule id with a leading space', build: () => SecurityAlarmRule.custom({ id: ' Root', filterPattern: logs.FilterPattern.allEvents() }), prop: 'id', value: '" Root"', fix: 'Use a letter or digit' },
  ],

  SecurityAlarm: [
    { what: 'no alarm action', build: alarm({ alarmActions: [] }), id: 'Alarm', prop: 'alarmActions', value: '[]', fix: 'Give at least one action' },
    { what: 'an empty alarm name', build: alarm({ alarmName: '' }), id: 'Alarm', prop: 'alarmName', value: '""', fix: ALARM_NAME_FIX },
    { what: 'an alarm name one past 255 characters', build: alarm({ alarmName: long(256) }), id: 'Alarm', prop: 'alarmName', value: quoted(long(256)), fix: ALARM_NAME_FIX },
    { what: 'a threshold of 0', build: alarm({ threshold: 0 }), id: 'Alarm', prop: 'threshold', value: '0', fix: 'Use 1 or more.' },
    { what: 'evaluation periods beyond a day', build: alarm({ period: Duration.minutes(10), evaluationPeriods: 145 }), id: 'Alarm', prop: 'evaluationPeriods', value: '145', fix: 'Use at most 144 evaluation periods' },
  ],

  DeliveryHeartbeat: [
    { what: 'a period of two days', build: heartbeat({ period: Duration.days(2) }), id: 'Heartbeat', prop: 'period', value: '2 days', fix: 'Use whole minutes' },
    { what: 'no alarm action', build: heartbeat({ noActions: true }), id: 'Heartbeat', prop: 'alarmActions', value: '[]', fix: 'Give at least one action' },
    { what: 'an alarm name one past 255 characters', build: heartbeat({ alarmName: long(256) }), id: 'Heartbeat', prop: 'alarmName', value: quoted(long(256)), fix: ALARM_NAME_FIX },
  ],

  TrailAnalytics: [
    { what: 'an empty database name', build: analytics({ databaseName: '' }), id: 'Analytics', prop: 'databaseName', value: '""', fix: 'Use 1 to 255 lowercase' },
    { what: 'a database name one past 255 characters', build: analytics({ databaseName: long(256) }), id: 'Analytics', prop: 'databaseName', value: quoted(long(256)), fix: 'Use 1 to 255 lowercase' },
    { what: 'a table name in upper case', build: analytics({ tableName: 'CloudTrail' }), id: 'Analytics', prop: 'tableName', value: '"CloudTrail"', fix: 'Use 1 to 255 lowercase' },
    { what: 'an empty workgroup name', build: analytics({ workGroupName: '' }), id: 'Analytics', prop: 'workGroupName', value: '""', fix: 'Use 1 to 128 letters' },
    { what: 'a workgroup name one past 128 characters', build: analytics({ workGroupName: long(129) }), id: 'Analytics', prop: 'workGroupName', value: quoted(long(129)), fix: 'Use 1 to 128 letters' },
    { what: 'an empty projection start date', build: analytics({ projectionStartDate: '' }), id: 'Analytics', prop: 'projectionStartDate', value: '""', fix: 'Give the first day to project' },
    {
      what: 'a scan limit one byte under 10 MB',
      build: analytics({ bytesScannedCutoffPerQuery: 10 * 1024 * 1024 - 1 }),
      id: 'Analytics',
      prop: 'bytesScannedCutoffPerQuery',
      value: String(10 * 1024 * 1024 - 1),
      fix: 'Use e.g. 10 * 1024 ** 3',
    },
    { what: 'query results that expire after 0 days', build: analytics({ queryResultsExpiration: Duration.days(0) }), id: 'Analytics', prop: 'queryResultsExpiration', value: '0 days', fix: 'Use Duration.days(n).' },
    { what: 'a removal policy of SNAPSHOT', build: analytics({ removalPolicy: RemovalPolicy.SNAPSHOT }), id: 'Analytics', prop: 'removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
    { what: 'an event data store name one past 128 characters', build: analytics({ lake: { eventDataStoreName: long(129) } }), id: 'Analytics', prop: 'lake.eventDataStoreName', value: quoted(long(129)), fix: 'Use 3 to 128 letters' },
    { what: 'an event data store name of 2 characters', build: analytics({ lake: { eventDataStoreName: 'ab' } }), id: 'Analytics', prop: 'lake.eventDataStoreName', value: '"ab"', fix: 'Use 3 to 128 letters' },
    { what: 'a Lake retention in hours', build: analytics({ lake: { retention: Duration.hours(200) } }), id: 'Analytics', prop: 'lake.retention', value: '8 days 8 hours', fix: 'Use Duration.days(n) with 7 <= n <= 3653.' },
    { what: 'a Lake removal policy of SNAPSHOT', build: analytics({ lake: { removalPolicy: RemovalPolicy.SNAPSHOT } }), id: 'Analytics', prop: 'lake.removalPolicy', value: '"snapshot"', fix: SNAPSHOT_FIX },
  ],

  LakeEventDataStore: [
    { what: 'a name with spaces', build: lake({ eventDataStoreName: 'org events' }), id: 'Lake', prop: 'eventDataStoreName', value: '"org events"', fix: 'Use 3 to 128 letters' },
    {
      what: 'a retention one day past seven years with fixed pricing',
      build: lake({ billingMode: LakeBillingMode.FIXED_RETENTION_PRICING, retention: Duration.days(2558) }),
      id: 'Lake',
      prop: 'retention',
      value: '2558 days',
      fix: 'Use Duration.days(n) with 7 <= n <= 2557, or choose EXTENDABLE_RETENTION_PRICING',
    },
    { what: 'six advanced event selectors', build: lake({ advancedEventSelectors: selectors(6) }), id: 'Lake', prop: 'advancedEventSelectors', value: '"6 selectors"', fix: 'Leave it out for every management event' },
    { what: 'no advanced event selector', build: lake({ advancedEventSelectors: [] }), id: 'Lake', prop: 'advancedEventSelectors', value: '"0 selectors"', fix: 'Leave it out for every management event' },
  ],

  SecurityEventForwarding: [
    { what: 'an organizational unit listed twice', build: forwarding({ organizationalUnitIds: ['r-ab12', 'r-ab12'] }), id: 'Forwarding', prop: 'organizationalUnitIds', value: '"r-ab12"', fix: 'List each once.' },
    { what: 'an organizational unit id in upper case', build: forwarding({ organizationalUnitIds: ['OU-AB12-ABCDEFGH'] }), id: 'Forwarding', prop: 'organizationalUnitIds', value: '"OU-AB12-ABCDEFGH"', fix: 'Use the ids shown by' },
    { what: 'a Region listed twice', build: forwarding({ regions: ['us-east-1', 'us-east-1'] }), id: 'Forwarding', prop: 'regions', value: '"us-east-1"', fix: 'List each once.' },
    { what: 'a Region in upper case', build: forwarding({ regions: ['US-EAST-1'] }), id: 'Forwarding', prop: 'regions', value: '"US-EAST-1"', fix: 'Use names such as "us-east-1".' },
    { what: 'an empty event bus name', build: forwarding({ eventBusName: '' }), id: 'Forwarding', prop: 'eventBusName', value: '""', fix: 'Use up to 256 letters' },
    { what: 'an event bus name one past 256 characters', build: forwarding({ eventBusName: long(257) }), id: 'Forwarding', prop: 'eventBusName', value: quoted(long(257)), fix: 'Use up to 256 letters' },
    { what: 'a StackSet name one past 128 characters', build: forwarding({ stackSetName: long(129) }), id: 'Forwarding', prop: 'stackSetName', value: quoted(long(129)), fix: 'Start with a letter' },
  ],
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every id a construct of this name would have anywhere in the app. */
function leftovers(stack: Stack, id: string): string[] {
  return stack.node.root.node
    .findAll()
    .filter((c) => c.node.id === id)
    .map((c) => c.node.path);
}

describe.each(Object.entries(INVALID))('%s rejects', (_, cases) => {
  test.each(cases.map((c) => [c.what, c] as const))('%s, naming the prop, the value and the fix, and leaving nothing behind', (__, c) => {
    const stack = testStack();
    let message = '';
    try {
      c.build(stack);
    } catch (e) {
      message = String(e);
    }
    // The main constructs name the construct path they would have taken.
    expect(message).toMatch(c.id ? new RegExp(`^Error: Invalid \\S+ configuration at Stack/${escape(c.id)}(/\\S+)?:\\n`) : /^Error: Invalid \S+ configuration( at \S+)?:\n/);
    expect(message).toMatch(new RegExp(`${escape(c.prop)}: .*\\(received ${escape(c.value)}\\)\\. ${escape(c.fix)}`));
    if (c.id) expect(leftovers(stack, c.id)).toEqual([]);
  });
});

describe('what only the whole app knows', () => {
  test('a second trail of the same name, whose alarms would take the first one\'s names, fails the synthesis naming both', () => {
    const stack = testStack();
    trail({})(stack);
    new OrganizationTrail(stack, 'Second', { organizationId: ORG_ID, trailName: 'org-trail' });
    // Checked once the app is built (node.addValidation): nothing is emitted, and each trail names the other's alarm.
    expect(() => Template.fromStack(stack)).toThrow(
      /\[Stack\/Second\/Alarms\] heartbeat: is an alarm name already used by Stack\/Trail\/Alarms\/DeliveryHeartbeat \(received "org-trail-DeliveryHeartbeat"\)\. Give each SecurityAlarms on the same account and Region its own alarmNamePrefix\./,
    );
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Trail\/Alarms\] heartbeat: is an alarm name already used by Stack\/Second\/Alarms\/DeliveryHeartbeat/);
  });
});

/** The boundaries, exactly at each limit: accepted. */
const ACCEPTED: Array<[string, (stack: Stack) => unknown]> = [
  ['a rule id of 126 characters after a derived trail name: 129 + 126 = 255', (stack) => new OrganizationTrail(stack, 'Trail', {
    organizationId: ORG_ID,
    alarms: { rules: [SecurityAlarmRule.custom({ id: 'R'.repeat(126), filterPattern: logs.FilterPattern.allEvents() })] },
  })],
  ['a rule id of 128 characters after a trail name of 9', trail({ alarms: { rules: [SecurityAlarmRule.custom({ id: 'R'.repeat(128), filterPattern: logs.FilterPattern.allEvents() })] } })],
  ['a trailName in mixed case', trail({ trailName: 'Org-Trail' })],
  ['a retention of 1 day (it warns)', trail({ cloudWatchLogsRetention: logs.RetentionDays.ONE_DAY })],
  ['a retention of ten years', trail({ cloudWatchLogsRetention: logs.RetentionDays.TEN_YEARS })],
  ['a removal policy of RETAIN_ON_UPDATE_OR_DELETE', trail({ logBucket: { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE } })],
  ['an Object Lock retention equal to the expiration', trail({ logBucket: { objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(2557)) } })],
  ['exactly a day of 5-minute evaluation periods', trailAlarms({ overrides: [{ rule: SecurityAlarmRule.ROOT_ACCOUNT_USAGE, evaluationPeriods: 288 }] })],
  ['exactly seven days of 1-hour evaluation periods', alarms({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, period: Duration.hours(1), evaluationPeriods: 168 }] })],
  ['a heartbeat period of exactly a day', alarms({ heartbeat: { period: Duration.minutes(1440) } })],
  ['a metric namespace of 255 characters', alarms({ metricNamespace: long(255) })],
  ['a custom rule id of 128 characters', () => SecurityAlarmRule.custom({ id: long(128), filterPattern: logs.FilterPattern.allEvents() })],
  ['a condition value of 2048 characters', dataCondition(FieldCondition.equalTo(SelectorField.USER_IDENTITY_ARN, [long(2048)]))],
  ['an alias of 256 characters', key({ alias: `alias/${long(250)}` })],
  ['an alias without the alias/ prefix, which kms.Alias adds', key({ alias: 'cloudtrail/org-trail' })],
  ['a description of 8192 characters', key({ description: long(8192) })],
  ['a log group name of 512 characters', logGroup({ logGroupName: long(512) })],
  ['an alarm name of 255 characters', alarm({ alarmName: long(255) })],
  ['a database name of 255 characters', analytics({ databaseName: long(255) })],
  ['a workgroup name of 128 characters', analytics({ workGroupName: long(128) })],
  ['a scan limit of exactly 10 MB', analytics({ bytesScannedCutoffPerQuery: 10 * 1024 * 1024 })],
  ['event data store names of 3 and 128 characters', (stack) => [lake({ eventDataStoreName: 'abc' })(stack), new LakeEventDataStore(stack, 'Long', { eventDataStoreName: long(128) })]],
  ['five advanced event selectors', lake({ advancedEventSelectors: selectors(5) })],
  ['an event bus name of 256 characters', forwarding({ eventBusName: long(256) })],
  ['a StackSet name of 128 characters', forwarding({ stackSetName: `a${long(127, 'b')}` })],
];

test.each(ACCEPTED)('accepts %s', (_, build) => {
  const stack = testStack();
  build(stack);
  expect(() => Template.fromStack(stack)).not.toThrow();
});

describe('tokens pass through unvalidated', () => {
  const token = (value: string) => Lazy.string({ produce: () => value });
  const number = (value: number) => Token.asNumber(Lazy.number({ produce: () => value }));

  test('in the props the new checks read', () => {
    const stack = testStack();
    new TrailKey(stack, 'Key', { alias: token('alias/aws/x'), description: token(long(9000)) });
    new TrailLogGroup(stack, 'Group', {
      organizationId: token('org'),
      logGroupName: token('not a name'),
      retention: number(42),
      encryptionKey: new kms.Key(stack, 'GroupKey', { enableKeyRotation: true }),
    });
    new SecurityAlarm(stack, 'Alarm', {
      logGroup: controlTowerLogs(stack),
      rule: SecurityAlarmRule.ROOT_ACCOUNT_USAGE,
      alarmName: token(long(300)),
      metricNamespace: 'CloudTrailMetrics',
      evaluationPeriods: number(10000),
      alarmActions: [topicAction(stack)],
    });
    new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      alarms: { enabled: false },
      managementEvents: cloudtrail.ReadWriteType.ALL,
      dataEvents: [DataEvent.ofResourceType('AWS::SNS::Topic', { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, [token(long(3000))])] })],
    });
    new SecurityEventForwarding(stack, 'Forwarding', { organizationId: ORG_ID, organizationalUnitIds: ['r-ab12'], regions: [token('us-east-1'), token('us-east-1')] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('even where another stack of the app reads them', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(() => new LakeEventDataStore(stack, 'Lake', { eventDataStoreName: token('x'), retention: Duration.days(number(1)) })).not.toThrow();
  });
});

test('the table covers every construct with props that can be wrong', () => {
  expect(Object.keys(INVALID).sort()).toEqual(
    [
      'DeliveryHeartbeat',
      'LakeEventDataStore',
      'LogArchive',
      'LogReplication',
      'OrganizationTrail',
      'SecurityAlarm',
      'SecurityAlarmRule',
      'SecurityAlarms',
      'SecurityEventForwarding',
      'TrailAnalytics',
      'TrailKey',
      'TrailLogGroup',
    ].sort(),
  );
});
