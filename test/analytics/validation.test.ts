import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LakeBillingMode, LakeEventDataStore, OrganizationTrail, TrailAnalytics, TrailAnalyticsProps } from '../../src';
import { ORG_ID, testStack } from '../util';

function analytics(props: Partial<TrailAnalyticsProps>): () => void {
  return () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'log-bucket');
    new TrailAnalytics(stack, 'Analytics', { bucket, organizationId: ORG_ID, ...props });
  };
}

/** The message names the prop, the value received and the fix. */
function message(prop: string, value: string, fix: RegExp): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escape(prop)}: .*\\(received ${escape(value)}\\)\\. ${fix.source}`);
}

describe('TrailAnalytics validation', () => {
  test.each([
    ['databaseName', { databaseName: 'Trail-DB' }, '"Trail-DB"', /Use 1 to 255 lowercase letters, digits or underscores/],
    ['tableName', { tableName: 'cloudtrail logs' }, '"cloudtrail logs"', /Use 1 to 255 lowercase letters/],
    ['workGroupName', { workGroupName: 'team/investigations' }, '"team/investigations"', /Use 1 to 128 letters, digits/],
    ['accountIds', { accountIds: ['111111111111', '12345', 'o-a1b2c3d4e5'] }, '["12345", "o-a1b2c3d4e5"]', /Give each account id as its 12 digits/],
    ['accountIds', { accountIds: [] }, '[]', /Leave it out to name the account in each query/],
    ['regions', { regions: ['us-east-1', 'US-EAST-2', 'virginia'] }, '["US-EAST-2", "virginia"]', /Use Region codes such as "us-east-1"/],
    ['regions', { regions: [] }, '[]', /Leave it out to project every Region/],
    ['projectionStartDate', { projectionStartDate: '2024/01/01' }, '"2024/01/01"', /Give the first day to project, e.g. "2024-01-01"/],
    ['projectionStartDate', { projectionStartDate: '2024-02-30' }, '"2024-02-30"', /Give the first day to project/],
    ['projectionStartDate', { projectionStartDate: '2999-01-01' }, '"2999-01-01"', /Use the day the trail started logging, or an earlier day/],
    ['bytesScannedCutoffPerQuery', { bytesScannedCutoffPerQuery: 1000 }, '1000', /Use e.g. 10 \* 1024 \*\* 3 for 10 GB/],
    ['queryResultsExpiration', { queryResultsExpiration: Duration.hours(12) }, '12 hours', /Use Duration.days\(n\)/],
    ['organizationId', { organizationId: 'org-1' }, '"org-1"', /Use the id shown by `aws organizations describe-organization`/],
    ['s3KeyPrefix', { s3KeyPrefix: '/logs/' }, '"/logs/"', /Give the prefix without slashes around it/],
    ['lake.retention', { lake: { retention: Duration.days(6) } }, '6 days', /Use Duration.days\(n\) with 7 <= n <= 3653\./],
    ['lake.retention', { lake: { retention: Duration.days(3654) } }, '3654 days', /Use Duration.days\(n\) with 7 <= n <= 3653\./],
    [
      'lake.retention',
      { lake: { billingMode: LakeBillingMode.FIXED_RETENTION_PRICING, retention: Duration.days(2558) } },
      '2558 days',
      /Use Duration.days\(n\) with 7 <= n <= 2557, or choose EXTENDABLE_RETENTION_PRICING/,
    ],
    ['lake.eventDataStoreName', { lake: { eventDataStoreName: 'x' } }, '"x"', /Use 3 to 128 letters, digits/],
  ] as [string, Partial<TrailAnalyticsProps>, string, RegExp][])('fails on an invalid %s (%#)', (prop, props, value, fix) => {
    expect(analytics(props)).toThrow(message(prop, value, fix));
  });

  test('fails once, listing every problem', () => {
    expect(analytics({ databaseName: 'Bad-Name', accountIds: ['1'], regions: ['nowhere'], projectionStartDate: 'soon' })).toThrow(
      /^Invalid TrailAnalytics configuration at \S+:\n {2}- .*databaseName[^]*accountIds[^]*regions[^]*projectionStartDate/,
    );
  });

  test('lets tokens through unchecked', () => {
    const token = (value: string) => Token.asString(Lazy.string({ produce: () => value }));
    expect(
      analytics({
        databaseName: token('Not-Checked'),
        workGroupName: token('not/checked'),
        accountIds: [token('1')],
        regions: Token.asList(Lazy.list({ produce: () => ['nowhere'] })),
        projectionStartDate: token('2999-01-01'),
        lake: { retention: Duration.days(Token.asNumber(Lazy.number({ produce: () => 1 }))) },
      }),
    ).not.toThrow();
  });

  test('accepts the boundaries: today, 7 and 3653 days, 10 MB', () => {
    const today = new Date().toISOString().slice(0, 10);
    const boundaries = { projectionStartDate: today, bytesScannedCutoffPerQuery: 10 * 1024 * 1024, lake: { retention: Duration.days(7) } };
    expect(analytics(boundaries)).not.toThrow();
    expect(analytics({ lake: { retention: Duration.days(3653) } })).not.toThrow();
    expect(analytics({ regions: ['us-gov-west-1', 'cn-northwest-1', 'eusc-de-east-1', 'ap-southeast-7'] })).not.toThrow();
  });

  test('from an OrganizationTrail, reports problems of the analytics options', () => {
    const stack = testStack();
    expect(() => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, analytics: { accountIds: ['42'] } })).toThrow(
      message('accountIds', '["42"]', /Give each account id as its 12 digits/),
    );
  });
});

describe('LakeEventDataStore validation', () => {
  test('fails on a retention out of range, naming the prop, the value and the fix', () => {
    expect(() => new LakeEventDataStore(testStack(), 'Lake', { retention: Duration.days(4000) })).toThrow(
      /^Invalid LakeEventDataStore configuration at Stack\/Lake:\n {2}- retention: .*\(received 4000 days\)\. Use Duration.days\(n\) with 7 <= n <= 3653\./,
    );
  });
});
