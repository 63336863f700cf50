/**
 * Which deployments would replace or drop what holds the audit log, decided by the cdk CLI's own diff engine
 * (@aws-cdk/cloudformation-diff) from CloudFormation's resource specification: option toggles, consumers added after
 * the first deployment, and upgrades from the previous release's templates (committed in previous-release/, refreshed
 * on purpose with a CHANGELOG line).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { statefulHarm } from './replacement';
import { DataEvent, OrganizationTrail, OrganizationTrailProps, SecurityAlarmRule, TrailAnalytics } from '../../src';
import { CONFIGURATIONS } from '../configurations';
import { ENV, ORG_ID } from '../util';

/** The templates of an app, by stack name. */
function templates(build: (app: App) => void): Record<string, any> {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  build(app);
  return Object.fromEntries(app.synth().stacks.map((s) => [s.stackName, s.template]));
}

const synthesized: Record<string, Record<string, any>> = {};
/** The templates of a configuration of test/configurations.ts, synthesized once for the whole file. */
function configuration(name: string): Record<string, any> {
  synthesized[name] ??= templates((app) => CONFIGURATIONS[name](app, 'Config'));
  return synthesized[name];
}

function trailTemplate(props: (scope: Construct) => Partial<OrganizationTrailProps>): any {
  return templates((app) => {
    const stack = new Stack(app, 'Management', { env: ENV });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', ...props(stack) });
  }).Management;
}

describe('an upgrade from the previous release', () => {
  const dir = path.join(__dirname, 'previous-release');
  const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json'));

  test('has a fixture for each configuration it covers', () => {
    expect(fixtures.map((f) => f.split('.')[0]).filter((c, i, names) => names.indexOf(c) === i).sort()).toEqual(
      ['bringYourOwn', 'crossAccount', 'defaults', 'everything'],
    );
  });

  test.each(fixtures)('%s: replaces, destroys and orphans nothing stateful', (file) => {
    const [name, stackName] = file.split('.');
    const previous = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    expect(configuration(name)[stackName]).toBeDefined();
    expect(statefulHarm(previous, configuration(name)[stackName])).toEqual([]);
  });
});

/** One option away from a named default trail; `harm` is what that option removes on purpose. */
type Toggle = [name: string, props: (scope: Construct) => Partial<OrganizationTrailProps>, harm: string[]];

const TOGGLES: Toggle[] = [
  ['s3KeyPrefix', () => ({ s3KeyPrefix: 'org/logs' }), []],
  ['isMultiRegionTrail', () => ({ isMultiRegionTrail: false }), []],
  ['includeGlobalServiceEvents', () => ({ isMultiRegionTrail: false, includeGlobalServiceEvents: false }), []],
  ['cloudWatchLogsRetention', () => ({ cloudWatchLogsRetention: logs.RetentionDays.TEN_YEARS }), []],
  ['logBucket lifecycle', () => ({ logBucket: { expiration: Duration.days(4000), transitionToGlacierAfter: Duration.days(200) } }), []],
  ['logBucket removalPolicy RETAIN', () => ({ logBucket: { removalPolicy: RemovalPolicy.RETAIN } }), []],
  ['logBucket storage tiers off', () => ({ logBucket: { storageTiers: false, expiration: Duration.days(90) } }), []],
  ['logBucket transitions reordered', () => ({ logBucket: { transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(1) }, { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(180) }] } }), []],
  ['logBucket Object Lock', () => ({ logBucket: { objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(365)) } }), []],
  ['alarms off', () => ({ alarms: { enabled: false } }), ['TrailAlarmsTopicKeyE33CFB6A AWS::KMS::Key WILL_ORPHAN']],
  ['alarm rules', () => ({ alarms: { rules: SecurityAlarmRule.RECOMMENDED, emailSubscriptions: ['secops@example.com'] } }), []],
  ['data events', () => ({ dataEvents: [DataEvent.allS3Objects(), DataEvent.allLambdaInvocations()] }), []],
  ['Insights', () => ({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE] }), []],
  ['analytics', () => ({ analytics: { lake: {} } }), []],
  [
    'sendToCloudWatchLogs off',
    () => ({ sendToCloudWatchLogs: false }),
    ['TrailAlarmsTopicKeyE33CFB6A AWS::KMS::Key WILL_ORPHAN', 'TrailCloudWatchLogsLogGroup7BE41466 AWS::Logs::LogGroup WILL_ORPHAN'],
  ],
];

describe('toggling one option of a deployed trail', () => {
  const base = trailTemplate(() => ({}));

  test.each(TOGGLES)('%s replaces nothing stateful, and leaves behind only what it turns off', (_, props, harm) => {
    expect(statefulHarm(base, trailTemplate(props))).toEqual(harm);
  });

  test('and back again replaces nothing', () => {
    const withEverything = trailTemplate(() => ({ analytics: { lake: {} }, dataEvents: [DataEvent.allS3Objects()], s3KeyPrefix: 'org/logs' }));
    expect(statefulHarm(withEverything, base).filter((h) => !h.includes('Analytics'))).toEqual([]);
  });

  test('renaming the trail replaces the trail and its log group: the reason the name is pinned before the first deployment', () => {
    expect(statefulHarm(base, trailTemplate(() => ({ trailName: 'renamed-trail' })))).toEqual([
      'Trail022F0CF2 AWS::CloudTrail::Trail WILL_REPLACE',
      'TrailCloudWatchLogsLogGroup7BE41466 AWS::Logs::LogGroup WILL_REPLACE',
    ]);
  });

  test('a key or bucket of your own leaves the ones created before in place', () => {
    const own = trailTemplate((scope) => ({
      encryptionKey: kms.Key.fromKeyArn(scope, 'K', 'arn:aws:kms:us-east-1:111111111111:key/k'),
      bucket: s3.Bucket.fromBucketName(scope, 'B', 'central-logs'),
    }));
    expect(statefulHarm(base, own).every((h) => h.endsWith('WILL_ORPHAN'))).toBe(true);
  });
});

describe('a consumer added after the first deployment', () => {
  /** The default trail in the management account, and what `consumer` adds elsewhere in the same app. */
  function withConsumer(consumer?: (app: App, trail: OrganizationTrail) => void, props: Partial<OrganizationTrailProps> = {}) {
    return templates((app) => {
      const stack = new Stack(app, 'Management', { env: ENV });
      const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', ...props });
      consumer?.(app, trail);
    }).Management;
  }
  const analyticsInEurope = (app: App, trail: OrganizationTrail) => {
    const europe = new Stack(app, 'Europe', { env: { account: ENV.account, region: 'eu-west-1' } });
    new TrailAnalytics(europe, 'Analytics', { bucket: trail.bucket, organizationId: ORG_ID });
  };

  test('in another stack of the same environment changes nothing stateful', () => {
    const before = withConsumer();
    const after = withConsumer((app, trail) => {
      const other = new Stack(app, 'Readers', { env: ENV });
      trail.logArchive!.grantRead(new iam.Role(other, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    });
    expect(statefulHarm(before, after)).toEqual([]);
  });

  test('in another Region is refused at synth time, naming the prop and the name it would give, instead of replacing the bucket', () => {
    expect(() => withConsumer(analyticsInEurope)).toThrow(
      /Management\/Trail\/LogArchive\].*logBucket\.bucketName is not set, and a stack in another account or Region refers to the bucket, so it would now be named "management[a-z0-9]+".*set logBucket\.bucketName: 'management[a-z0-9]+'/s,
    );
  });

  test('in another Region changes nothing stateful when the bucket was named before the first deployment', () => {
    const named = { logBucket: { bucketName: 'org-trail-logs-111111111111' } };
    expect(statefulHarm(withConsumer(undefined, named), withConsumer(analyticsInEurope, named))).toEqual([]);
  });

  test('of a log archive in its own account changes nothing stateful: the trail named its buckets from the start', () => {
    const before = configuration('crossAccount');
    const after = templates((app) => {
      const group = CONFIGURATIONS.crossAccount(app, 'Config');
      const archiveStack = group.node.findChild('LogArchive') as Stack;
      const archive = archiveStack.node.findChild('LogArchive') as any;
      const security = new Stack(app, 'Security', { env: { account: '333333333333', region: 'eu-west-1' } });
      archive.grantRead(new iam.Role(security, 'Investigator', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'investigator' }));
      new TrailAnalytics(security, 'Analytics', { bucket: archive.bucket, organizationId: ORG_ID });
    });
    for (const stackName of Object.keys(before)) expect(statefulHarm(before[stackName], after[stackName])).toEqual([]);
  });
});

describe('a first deployment that fails and rolls back', () => {
  /** Properties that give a resource a fixed physical name, which a retained leftover would keep taken. */
  const NAMES = ['BucketName', 'LogGroupName', 'Name', 'DatabaseInput', 'TableInput', 'TrailName', 'AliasName', 'AlarmName', 'TopicName'];

  test.each(['defaults', 'everything', 'crossAccount'])('%s: leaves no named resource behind to block the next attempt', (name) => {
    const all = configuration(name);
    const blocking = Object.values(all).flatMap((template) =>
      Object.entries<any>(template.Resources)
        .filter(([, r]) => NAMES.some((n) => r.Properties?.[n] !== undefined))
        .filter(([, r]) => r.DeletionPolicy === 'Retain')
        .map(([id, r]) => `${id} ${r.Type}`),
    );
    expect(blocking).toEqual([]);
  });

  test('while every stateful resource is still retained on update and delete', () => {
    const stateful = Object.values<any>(configuration('everything').Config.Resources).filter((r) =>
      ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Athena::WorkGroup', 'AWS::CloudTrail::EventDataStore'].includes(r.Type));
    // 3 buckets (logs, access logs, query results), 4 keys (trail, results, Lake, topic), the log group, the Glue
    // database and table, the workgroup and the event data store.
    expect(stateful.length).toBe(12);
    expect(new Set(stateful.map((r) => `${r.DeletionPolicy}/${r.UpdateReplacePolicy}`))).toEqual(new Set(['RetainExceptOnCreate/Retain']));
  });
});
