import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LogArchive, OrganizationTrail, OrganizationTrailProps } from '../src';
import { ORG_ID, testStack } from './util';

function build(props: Partial<OrganizationTrailProps>, stack: Stack = testStack()): Stack {
  new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, ...props } as OrganizationTrailProps);
  return stack;
}

/** Each case: the props, then what the message must say (prop, value received and fix). */
const INVALID: Array<[string, Partial<OrganizationTrailProps>, RegExp]> = [
  ['organizationId without the o- prefix', { organizationId: 'a1b2c3d4e5' }, /organizationId: not an AWS Organizations organization id \(received "a1b2c3d4e5"\)\. Use the id/],
  ['organizationId too short', { organizationId: 'o-a1b2c3d4e' }, /organizationId: .*received "o-a1b2c3d4e"/],
  ['organizationId too long', { organizationId: `o-${'a'.repeat(33)}` }, /organizationId: .*received "o-a{33}"/],
  ['organizationId in upper case', { organizationId: 'o-A1B2C3D4E5' }, /organizationId: .*received "o-A1B2C3D4E5".*lowercase/],
  ['organizationId empty', { organizationId: '' }, /organizationId: .*received ""/],
  ['organizationId with whitespace', { organizationId: ' o-a1b2c3d4e5' }, /organizationId: .*received " o-a1b2c3d4e5"/],
  ['trailName of 2 characters', { trailName: 'ab' }, /trailName: must be 3 to 128 characters long \(received "ab"\)\. Use 3 to 128/],
  ['trailName of 129 characters', { trailName: 'a'.repeat(129) }, /trailName: must be 3 to 128 characters long/],
  ['trailName with a space', { trailName: 'org trail' }, /trailName: contains characters CloudTrail does not allow \(received "org trail"\)/],
  ['trailName starting with a hyphen', { trailName: '-org-trail' }, /trailName: must start and end with a letter or digit/],
  ['trailName ending with a period', { trailName: 'org-trail.' }, /trailName: must start and end with a letter or digit/],
  ['trailName with adjacent separators', { trailName: 'org._trail' }, /trailName: has adjacent periods, underscores or hyphens \(received "org._trail"\)\. Separate/],
  ['trailName formatted as an IP address', { trailName: '192.168.10.1' }, /trailName: is formatted as an IP address/],
  ['s3KeyPrefix over 200 characters', { s3KeyPrefix: 'p'.repeat(201) }, /s3KeyPrefix: is longer than CloudTrail's limit of 200 characters.*Shorten it/],
  ['s3KeyPrefix empty', { s3KeyPrefix: '' }, /s3KeyPrefix: is empty \(received ""\)\. Leave it out/],
  ['s3KeyPrefix whitespace', { s3KeyPrefix: '   ' }, /s3KeyPrefix: is empty \(received " {3}"\)/],
  ['s3KeyPrefix with a trailing slash', { s3KeyPrefix: 'logs/' }, /s3KeyPrefix: starts or ends with "\/" \(received "logs\/"\)\. Give the prefix without slashes/],
  ['s3KeyPrefix with a leading slash', { s3KeyPrefix: '/logs' }, /s3KeyPrefix: starts or ends with "\/"/],
  ['s3KeyPrefix with a space', { s3KeyPrefix: 'org logs' }, /s3KeyPrefix: contains whitespace/],
  ['a multi-Region trail without global-service events', { includeGlobalServiceEvents: false }, /includeGlobalServiceEvents: a multi-Region trail must record global-service events \(received false\)\. Leave includeGlobalServiceEvents out/],
  ['bucket together with logBucket', { bucket: 'BUCKET' as any, logBucket: { expiration: Duration.days(3000) } }, /logBucket: cannot be combined with `bucket`.*Remove logBucket/],
  ['a retention CloudWatch Logs does not accept', { cloudWatchLogsRetention: 42 as logs.RetentionDays }, /cloudWatchLogsRetention: is not a retention CloudWatch Logs accepts \(received 42\)\. Use a logs.RetentionDays value/],
  ['a retention without CloudWatch Logs', { sendToCloudWatchLogs: false, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR }, /cloudWatchLogsRetention: is set while sendToCloudWatchLogs is false.*turn sendToCloudWatchLogs on/],
  ['Standard-IA before 30 days', { logBucket: { transitionToInfrequentAccessAfter: Duration.days(29) } }, /logBucket.transitionToInfrequentAccessAfter: S3 moves objects to Standard-IA only once they are 30 days old \(received 29 days\)\. Use Duration.days\(30\)/],
  ['Glacier less than 30 days after Standard-IA', { logBucket: { transitionToInfrequentAccessAfter: Duration.days(90), transitionToGlacierAfter: Duration.days(119) } }, /logBucket.transitionToGlacierAfter: must come at least 30 days after the Standard-IA transition \(90 days\) \(received 119 days\)\. Use Duration.days\(120\)/],
  ['Glacier before Standard-IA', { logBucket: { transitionToInfrequentAccessAfter: Duration.days(200), transitionToGlacierAfter: Duration.days(100) } }, /logBucket.transitionToGlacierAfter: must come at least 30 days after/],
  ['expiry at the Glacier transition', { logBucket: { expiration: Duration.days(365) } }, /logBucket.expiration: must come after the Glacier transition \(365 days\).*\(received 365 days\)\. Use Duration.days\(455\)/],
  ['expiry before the default tiers', { logBucket: { expiration: Duration.days(30) } }, /logBucket.expiration: must come after the Glacier transition/],
  ['a lifecycle age in hours', { logBucket: { expiration: Duration.hours(36) } }, /logBucket.expiration: S3 lifecycle rules count in whole days of at least 1 \(received 1 day 12 hours\)\. Use Duration.days/],
  ['a zero noncurrent-version expiry', { logBucket: { noncurrentVersionExpiration: Duration.days(0) } }, /logBucket.noncurrentVersionExpiration: S3 lifecycle rules count in whole days of at least 1/],
];

describe('invalid input', () => {
  test.each(INVALID)('fails for %s, naming the prop, the value and the fix, and emits nothing', (_, props, message) => {
    const stack = testStack();
    expect(() => build(props, stack)).toThrow(message);
    expect(stack.node.findAll().filter((c) => c.node.id === 'Trail')).toHaveLength(0);
  });

  test('fails with every problem at once', () => {
    expect(() => build({ organizationId: 'org', trailName: 'x', s3KeyPrefix: '/p' })).toThrow(
      /Invalid OrganizationTrail configuration at Stack\/Trail:\n {2}- organizationId: .*\n {2}- trailName: .*\n {2}- s3KeyPrefix: /,
    );
  });

  test('LogArchive validates on its own', () => {
    expect(() => new LogArchive(testStack(), 'Archive', { organizationId: 'o-x', logBucket: { expiration: Duration.days(10) } })).toThrow(
      /Invalid LogArchive configuration at Stack\/Archive:\n {2}- organizationId: .*\n {2}- logBucket.expiration: /,
    );
  });
});

describe('boundaries that are valid', () => {
  test.each<[string, Partial<OrganizationTrailProps>]>([
    ['organizationId of 10 characters', { organizationId: 'o-a1b2c3d4e5' }],
    ['organizationId of 32 characters', { organizationId: `o-${'a1'.repeat(16)}` }],
    ['trailName of 3 characters', { trailName: 'abc' }],
    ['trailName of 128 characters', { trailName: `a${'b'.repeat(126)}c` }],
    ['trailName with single separators', { trailName: 'org.trail_a-1' }],
    ['s3KeyPrefix of 200 characters', { s3KeyPrefix: 'p'.repeat(200) }],
    ['s3KeyPrefix with inner slashes', { s3KeyPrefix: 'org/cloudtrail' }],
    ['Standard-IA at 30 days and Glacier 30 days later', { logBucket: { transitionToInfrequentAccessAfter: Duration.days(30), transitionToGlacierAfter: Duration.days(60), expiration: Duration.days(61) } }],
    ['a single-Region trail without global-service events', { isMultiRegionTrail: false, includeGlobalServiceEvents: false }],
    ['infinite retention', { cloudWatchLogsRetention: logs.RetentionDays.INFINITE }],
  ])('accepts %s', (_, props) => {
    expect(() => Template.fromStack(build(props))).not.toThrow();
  });
});

describe('tokens', () => {
  test('are passed through unvalidated', () => {
    const stack = testStack();
    const token = (value: string) => Lazy.string({ produce: () => value });
    build(
      {
        organizationId: token('not-an-org-id'),
        trailName: token('x'),
        s3KeyPrefix: token('/'),
        logBucket: { expiration: Duration.days(Token.asNumber(Lazy.number({ produce: () => 1 }))) },
      },
      stack,
    );
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'x', S3KeyPrefix: '/' });
  });

  test('an imported bucket name still works', () => {
    const stack = testStack();
    build({ bucket: s3.Bucket.fromBucketName(stack, 'B', Lazy.string({ produce: () => 'central' })) }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { S3BucketName: 'central' });
  });
});

describe('props of aws-cdk-lib\'s Trail', () => {
  test.each([
    ['orgId', () => 'o-a1b2c3d4e5', '"o-a1b2c3d4e5"', 'Use organizationId.'],
    ['isOrganizationTrail', () => true, 'true', 'Remove it: an OrganizationTrail is always an organization trail.'],
    ['enableFileValidation', () => false, 'false', 'Remove it: log file validation is always on.'],
    ['snsTopic', (stack: Stack) => new sns.Topic(stack, 'Topic'), '"Stack/Topic"', 'Remove it: CloudTrail\'s per-log-file notifications are not offered; alarms.topic takes a topic for the security alarms.'],
    ['cloudWatchLogGroup', (stack: Stack) => new logs.LogGroup(stack, 'Group'), '"Stack/Group"', 'Remove it: the trail creates its encrypted log group'],
    ['kmsKey', (stack: Stack) => new kms.Key(stack, 'Key'), '"Stack/Key"', 'Use encryptionKey.'],
  ])('%s, which JavaScript would pass unchecked, fails naming the value received and its replacement', (prop, value, received, fix) => {
    const stack = testStack();
    const props = { organizationId: ORG_ID, trailName: 'org-trail', [prop]: value(stack) } as unknown as OrganizationTrailProps;
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => new OrganizationTrail(stack, 'Trail', props)).toThrow(
      new RegExp(`at Stack/Trail:\\n  - ${prop}: is a prop of aws-cdk-lib's Trail, which OrganizationTrail does not take \\(received ${escaped(received)}\\)\\. ${escaped(fix)}`),
    );
    expect(stack.node.tryFindChild('Trail')).toBeUndefined();
  });

  test('the props both take are accepted', () => {
    expect(() => new OrganizationTrail(testStack(), 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', sendToCloudWatchLogs: true, isMultiRegionTrail: true })).not.toThrow();
  });
});
