import { athenaColumns, insightsFields } from './query-columns';
import { CLOUDTRAIL_RECORD, PARTITION_COLUMNS, fieldPaths } from '../../src/analytics/private/cloudtrail-schema';
import { INVESTIGATIONS, athenaDescription, athenaQuery, insightsQuery } from '../../src/analytics/private/investigations';

const PATHS = fieldPaths(CLOUDTRAIL_RECORD);
/** What Athena can read: lowercase column paths (structs to their leaves, JSON strings whole) and the partitions. */
const ATHENA_COLUMNS = new Set([...PATHS.map((p) => p.path.toLowerCase()), ...Object.values(PARTITION_COLUMNS)]);
const TARGET = { databaseName: 'trail_db', tableName: 'cloudtrail_logs', accountInjected: true };

/** A Logs Insights field is a camelCase path of the record, or any path inside a JSON field. */
function isInsightsField(field: string): boolean {
  return PATHS.some((p) => field === p.path || (p.json && field.startsWith(`${p.path}.`)));
}

describe('the schema', () => {
  test('lists each column once, with the fields the CloudTrail SerDe reads', () => {
    const names = CLOUDTRAIL_RECORD.map((f) => f.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['useridentity', 'eventtime', 'eventsource', 'eventname', 'errorcode', 'additionaleventdata']),
    );
    expect(PATHS.map((p) => p.path)).toEqual(
      expect.arrayContaining(['userIdentity.sessionContext.attributes.mfaAuthenticated', 'userIdentity.accessKeyId']),
    );
  });
});

describe('the column checkers', () => {
  test('catch a column that is not in the schema', () => {
    expect(athenaColumns("SELECT eventtime, useridentity.nosuch FROM \"d\".\"t\" WHERE x = 'y' AND day = ?")).toEqual([
      'eventtime',
      'useridentity.nosuch',
      'x',
      'day',
    ]);
    expect(insightsFields('fields @timestamp, userIdentity.nosuch | filter eventName = "x" | stats count(*) as n by awsRegion')).toEqual([
      'userIdentity.nosuch',
      'eventName',
      'awsRegion',
    ]);
  });
});

describe.each(INVESTIGATIONS.map((i) => [i.id, i] as const))('%s', (_id, investigation) => {
  const sql = athenaQuery(investigation, TARGET);

  test('the Athena query reads only columns of the CloudTrail table', () => {
    const columns = athenaColumns(sql);
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.filter((c) => !ATHENA_COLUMNS.has(c))).toEqual([]);
  });

  test('the Athena query reads the table, names the account and the days, and takes every value as a parameter', () => {
    expect(sql).toContain('FROM "trail_db"."cloudtrail_logs"');
    expect(sql).toMatch(/WHERE account = \?\n {2}AND day BETWEEN \? AND \?/);
    expect(sql).toMatch(/LIMIT \d+$/);
    const placeholders = (sql.match(/\?/g) ?? []).length;
    expect(placeholders).toBe(3 + investigation.parameters.length);
    const description = athenaDescription(investigation, true);
    expect(description.length).toBeLessThanOrEqual(1024);
    for (const parameter of investigation.parameters) expect(description).toContain(parameter);
  });

  test('without injected accounts, the Athena query does not ask for one', () => {
    const enumerated = athenaQuery(investigation, { ...TARGET, accountInjected: false });
    expect(enumerated).not.toContain('account = ?');
    expect((enumerated.match(/\?/g) ?? []).length).toBe(2 + investigation.parameters.length);
    expect(athenaDescription(investigation, false)).not.toContain('account id');
  });

  test('the Logs Insights query reads only fields of the CloudTrail record', () => {
    const query = insightsQuery(investigation).toString();
    const fields = insightsFields(query);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => !isInsightsField(f))).toEqual([]);
  });

  test('names fit Athena and CloudWatch Logs', () => {
    expect(investigation.id).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(investigation.title.length).toBeLessThanOrEqual(128);
  });
});

describe('the investigations', () => {
  const byId = Object.fromEntries(INVESTIGATIONS.map((i) => [i.id, i]));
  const sql = (id: string) => athenaQuery(byId[id], TARGET);
  const insights = (id: string) => insightsQuery(byId[id]).toString();

  test('cover root activity, sign-ins without MFA, denials, changes, one key or session, and tampering', () => {
    expect(Object.keys(byId)).toEqual([
      'RootActivity',
      'ConsoleSignInWithoutMfa',
      'AccessDeniedByPrincipal',
      'SecurityGroupChanges',
      'BucketPolicyChanges',
      'KeyChanges',
      'AccessKeyActivity',
      'RoleSessionActivity',
      'TrailTampering',
    ]);
  });

  test('root activity excludes what AWS services do on the root user\'s behalf', () => {
    expect(sql('RootActivity')).toContain("useridentity.type = 'Root'");
    expect(sql('RootActivity')).toContain('useridentity.invokedby IS NULL');
    expect(sql('RootActivity')).toContain("eventtype <> 'AwsServiceEvent'");
    expect(insights('RootActivity')).toContain('filter not ispresent(userIdentity.invokedBy)');
  });

  test('sign-ins without MFA read MFAUsed from the additional event data', () => {
    expect(sql('ConsoleSignInWithoutMfa')).toContain("coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), 'No') <> 'Yes'");
    expect(insights('ConsoleSignInWithoutMfa')).toContain('additionalEventData.MFAUsed != "Yes"');
  });

  test('denials are grouped by principal', () => {
    expect(sql('AccessDeniedByPrincipal')).toContain('GROUP BY useridentity.arn');
    expect(insights('AccessDeniedByPrincipal')).toMatch(/stats count\(\*\) as denials.* by userIdentity\.arn/);
  });

  test.each([
    ['SecurityGroupChanges', 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'],
    ['BucketPolicyChanges', 's3.amazonaws.com', 'PutBucketPolicy'],
    ['KeyChanges', 'kms.amazonaws.com', 'PutKeyPolicy'],
    ['TrailTampering', 'cloudtrail.amazonaws.com', 'StopLogging'],
  ])('%s looks at %s, e.g. %s', (id, source, event) => {
    expect(sql(id)).toContain(`eventsource = '${source}'`);
    expect(sql(id)).toMatch(new RegExp(`eventname IN \\([^)]*'${event}'`));
    expect(insights(id)).toContain(`eventSource = "${source}"`);
    expect(insights(id)).toMatch(new RegExp(`eventName in \\[[^\\]]*"${event}"`));
  });

  test('one key and one session are given as parameters in Athena and as placeholders in Logs Insights', () => {
    expect(sql('AccessKeyActivity')).toContain('useridentity.accesskeyid = ?');
    expect(sql('RoleSessionActivity')).toContain('useridentity.arn = ?');
    expect(insights('AccessKeyActivity')).toContain('userIdentity.accessKeyId = "REPLACE_WITH_ACCESS_KEY_ID"');
    expect(insights('RoleSessionActivity')).toContain('userIdentity.arn = "REPLACE_WITH_ROLE_SESSION_ARN"');
  });
});
