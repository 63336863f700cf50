import { Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { OrganizationTrail, OrganizationTrailProps, TrailAnalytics, TrailAnalyticsProps } from '../../src';
import { glueColumns } from '../../src/analytics/private/cloudtrail-schema';
import { INVESTIGATIONS } from '../../src/analytics/private/investigations';
import { ENV, ORG_ID, onlyResource, partitionArn, statementWithSid, statements, testStack } from '../util';
import { cdkNagApp, synthAndReport } from '../validators';

const TRAIL_ARN = partitionArn(':cloudtrail:us-east-1:111111111111:trail/org-trail');

function withTrail(props: Partial<OrganizationTrailProps> = {}) {
  const stack = testStack();
  const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', analytics: {}, ...props });
  return {
    stack,
    trail,
    analytics: trail.analytics!,
    get template() {
      return Template.fromStack(stack);
    },
  };
}

/** TrailAnalytics on its own, over a bucket the app does not own (e.g. a Control Tower log archive). */
function standalone(props: Partial<TrailAnalyticsProps> = {}, stack: Stack = testStack()) {
  const bucket = s3.Bucket.fromBucketName(stack, 'Imported', 'aws-controltower-logs');
  const analytics = new TrailAnalytics(stack, 'Analytics', { bucket, organizationId: ORG_ID, ...props });
  return {
    stack,
    analytics,
    get template() {
      return Template.fromStack(stack);
    },
  };
}

/** Renders a CloudFormation string value, with references replaced by the given names. */
function render(value: any, refs: Record<string, string>): string {
  if (typeof value === 'string') return value;
  if (value.Ref) return refs[value.Ref] ?? `<${value.Ref}>`;
  if (value['Fn::Join']) return (value['Fn::Join'][1] as any[]).map((v) => render(v, refs)).join(value['Fn::Join'][0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

function table(template: Template) {
  return onlyResource(template, 'AWS::Glue::Table');
}

function parameters(template: Template): Record<string, any> {
  return table(template).resource.Properties.TableInput.Parameters;
}

describe('Glue table', () => {
  test('reads the log files with the CloudTrail SerDe, the CloudTrail columns and three partition keys', () => {
    const { template } = withTrail();
    const database = onlyResource(template, 'AWS::Glue::Database');
    const { resource } = table(template);
    expect(resource.Properties.DatabaseName).toBe(database.resource.Properties.DatabaseInput.Name);
    expect(resource.Properties.CatalogId).toBe('111111111111');
    expect(resource.DependsOn).toContain(database.id);
    expect(resource.Properties.TableInput).toMatchObject({
      Name: 'cloudtrail_logs',
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [
        { Name: 'account', Type: 'string' },
        { Name: 'region', Type: 'string' },
        { Name: 'day', Type: 'string' },
      ],
      StorageDescriptor: {
        Columns: glueColumns().map((c) => ({ Name: c.name, Type: c.type })),
        InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'com.amazon.emr.hive.serde.CloudTrailSerde' },
      },
    });
    expect(glueColumns().find((c) => c.name === 'useridentity')!.type).toMatch(
      /^struct<type:string,.*sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>/,
    );
    expect(template.findResources('AWS::Glue::Crawler')).toEqual({});
  });

  test('projects injected accounts, every Region of the partition and each day from 2020-01-01 to today', () => {
    const { template } = withTrail();
    const p = parameters(template);
    expect(p).toMatchObject({
      'read_restored_glacier_objects': 'true',
      'projection.enabled': 'true',
      'projection.account.type': 'injected',
      'projection.region.type': 'enum',
      'projection.day.type': 'date',
      'projection.day.format': 'yyyy/MM/dd',
      'projection.day.range': '2020/01/01,NOW',
      'projection.day.interval': '1',
      'projection.day.interval.unit': 'DAYS',
    });
    expect(p['projection.account.values']).toBeUndefined();
    const regions = p['projection.region.values'].split(',');
    expect(regions).toEqual(expect.arrayContaining(['us-east-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1']));
    expect(regions.every((r: string) => /^[a-z]{2}-[a-z]+-\d$/.test(r))).toBe(true);
  });

  test.each([
    ['without a key prefix', undefined, ''],
    ['with a key prefix', 'org/logs', 'org/logs/'],
  ])('%s, the location and storage.location.template match the keys CloudTrail writes', (_, s3KeyPrefix, keyPrefix) => {
    const { template } = withTrail({ s3KeyPrefix });
    const bucket = onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.S3BucketName.Ref;
    const refs = { [bucket]: 'log-bucket' };
    const { resource } = table(template);
    const location = render(resource.Properties.TableInput.StorageDescriptor.Location, refs);
    const locationTemplate = render(parameters(template)['storage.location.template'], refs);
    expect(location).toBe(`s3://log-bucket/${keyPrefix}AWSLogs/${ORG_ID}/`);
    expect(locationTemplate).toBe(`${location}\${account}/CloudTrail/\${region}/\${day}`);

    // A log file of a member account, as an organization trail names it.
    const key = `${keyPrefix}AWSLogs/${ORG_ID}/222222222222/CloudTrail/eu-west-1/2024/05/01/222222222222_CloudTrail_eu-west-1_20240501T1210Z_a1b2c3.json.gz`;
    const partition = locationTemplate
      .replace('${account}', '222222222222')
      .replace('${region}', 'eu-west-1')
      .replace('${day}', '2024/05/01');
    expect(`s3://log-bucket/${key}`.startsWith(`${partition}/`)).toBe(true);
    // The digest and Insights folders beside CloudTrail/ are not read.
    expect(`s3://log-bucket/${keyPrefix}AWSLogs/${ORG_ID}/222222222222/CloudTrail-Digest/eu-west-1/2024/05/01/x.json.gz`.startsWith(`${partition}/`)).toBe(false);
  });

  test('enumerates the account ids and Regions given, from the start date given', () => {
    const { template } = withTrail({
      analytics: { accountIds: ['111111111111', '222222222222'], regions: ['us-east-1', 'eu-west-1'], projectionStartDate: '2024-03-15' },
    });
    expect(parameters(template)).toMatchObject({
      'projection.account.type': 'enum',
      'projection.account.values': '111111111111,222222222222',
      'projection.region.values': 'us-east-1,eu-west-1',
      'projection.day.range': '2024/03/15,NOW',
    });
  });

  test.each([
    ['us-gov-west-1', 'us-gov-east-1,us-gov-west-1'],
    ['cn-north-1', 'cn-north-1,cn-northwest-1'],
  ])('in %s, projects the Regions of that partition', (region, values) => {
    const stack = testStack('Stack', { account: ENV.account, region });
    const { template } = standalone({}, stack);
    expect(parameters(template)['projection.region.values']).toBe(values);
  });

  test('names the database, table and workgroup as given; by default the database name is one Athena accepts', () => {
    const named = withTrail({ analytics: { databaseName: 'org_trail', tableName: 'events', workGroupName: 'investigations' } });
    expect(named.analytics.databaseName).toBe('org_trail');
    named.template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'org_trail' } });
    named.template.hasResourceProperties('AWS::Glue::Table', { DatabaseName: 'org_trail', TableInput: { Name: 'events' } });
    named.template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'investigations' });

    const { template } = withTrail();
    const name = onlyResource(template, 'AWS::Glue::Database').resource.Properties.DatabaseInput.Name;
    expect(name).toMatch(/^[a-z0-9_]+$/);
  });

  test('passes tokens through, turning a YYYY-MM-DD start date token into yyyy/MM/dd at deployment', () => {
    const start = Token.asString(Lazy.string({ produce: () => '2024-01-01' }));
    const { stack, template } = standalone({
      databaseName: Token.asString(Lazy.string({ produce: () => 'db_from_token' })),
      accountIds: Token.asList(Lazy.list({ produce: () => ['111111111111'] })),
      regions: Token.asList(Lazy.list({ produce: () => ['us-east-1'] })),
      projectionStartDate: start,
    });
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'db_from_token' } });
    expect(stack.resolve(parameters(template)['projection.day.range'])).toEqual({
      'Fn::Join': ['', [{ 'Fn::Join': ['/', { 'Fn::Split': ['-', '2024-01-01'] }] }, ',NOW']],
    });
    expect(parameters(template)['projection.account.values']).toEqual({ 'Fn::Join': [',', ['111111111111']] });
    expect(parameters(template)['projection.region.values']).toEqual({ 'Fn::Join': [',', ['us-east-1']] });
  });
});

describe('Athena workgroup', () => {
  test('enforces its configuration: results SSE-KMS encrypted with their own key, in the results bucket', () => {
    const { template } = withTrail();
    const resultsKey = Object.entries(template.findResources('AWS::KMS::Key')).find(([, r]) =>
      /Athena query results/.test(r.Properties.Description),
    )![0];
    const resultsBucket = Object.entries(template.findResources('AWS::S3::Bucket')).find(
      ([, r]) => r.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID?.['Fn::GetAtt']?.[0] === resultsKey,
    )![0];
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      State: 'ENABLED',
      RecursiveDeleteOption: false,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        RequesterPaysEnabled: false,
        BytesScannedCutoffPerQuery: Match.absent(),
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsBucket }, '/athena-results/']] },
          ExpectedBucketOwner: '111111111111',
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [resultsKey, 'Arn'] } },
        },
      },
    });
  });

  test('caps the bytes one query may scan when asked', () => {
    const { template } = withTrail({ analytics: { bytesScannedCutoffPerQuery: 10 * 1024 ** 3 } });
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 10 * 1024 ** 3 },
    });
  });
});

describe('query results bucket', () => {
  function resultsBucket(template: Template) {
    const [id, resource] = Object.entries(template.findResources('AWS::S3::Bucket')).find(([, r]) =>
      (r.Properties.LifecycleConfiguration?.Rules ?? []).some((rule: any) => rule.Id === 'ExpireResults'),
    )!;
    return { id, resource };
  }

  test('is hardened like the log bucket and expires results after 30 days', () => {
    const { template, analytics, stack } = withTrail();
    const { id, resource } = resultsBucket(template);
    expect(stack.resolve(analytics.queryResultsBucket.bucketName)).toEqual({ Ref: id });
    expect(resource.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(analytics.queryResultsKey.keyArn) } },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'ExpireResults',
            Status: 'Enabled',
            ExpirationInDays: 30,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === id)!;
    expect(statements(policy)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  test('expires results when asked', () => {
    const { template } = withTrail({ analytics: { queryResultsExpiration: Duration.days(7) } });
    expect(resultsBucket(template).resource.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(7);
  });

  test('sends its access logs to the log archive\'s access-log bucket, which lets S3 deliver them', () => {
    const { template, trail, stack } = withTrail();
    const accessLogs = stack.resolve(trail.logArchive!.accessLogsBucket.bucketName).Ref;
    const results = resultsBucket(template);
    expect(results.resource.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogs },
      LogFilePrefix: 'query-results-bucket/',
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === accessLogs)!;
    expect(statementWithSid(statements(policy), 'S3ServerAccessLogsDeliveryQueryResults')).toEqual({
      Sid: 'S3ServerAccessLogsDeliveryQueryResults',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [accessLogs, 'Arn'] }, '/query-results-bucket/*']] },
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [results.id, 'Arn'] } },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      },
    });
    expect(statementWithSid(statements(policy), 'S3ServerAccessLogsDelivery')).toBeDefined();
    expect(trail.analytics!.accessLogsBucket).toBeUndefined();
  });

  test('on its own, sends its access logs to a new SSE-S3 access-log bucket', () => {
    const { template, analytics, stack } = standalone();
    const accessLogs = stack.resolve(analytics.accessLogsBucket!.bucketName).Ref;
    expect(resultsBucket(template).resource.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: accessLogs });
    expect(template.findResources('AWS::S3::Bucket')[accessLogs].Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 365 })] },
    });
  });

  test('warns when the access-log bucket given is imported, with the statement to add', () => {
    const stack = testStack();
    const serverAccessLogsBucket = s3.Bucket.fromBucketName(stack, 'AccessLogs', 'my-access-logs');
    standalone({ serverAccessLogsBucket }, stack);
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Analytics/ResultsBucket',
      Match.stringLikeRegexp('server access log bucket is imported.*S3 will not deliver.*S3ServerAccessLogsDeliveryQueryResults'),
    );
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 1);
  });
});

describe('saved queries', () => {
  test('one Athena named query per investigation, in the workgroup, on the table', () => {
    const { template, analytics } = withTrail({ analytics: { databaseName: 'org_trail' } });
    const workGroup = onlyResource(template, 'AWS::Athena::WorkGroup').id;
    const tableId = table(template).id;
    const queries = Object.values(template.findResources('AWS::Athena::NamedQuery'));
    expect(queries.map((q) => q.Properties.Name)).toEqual(INVESTIGATIONS.map((i) => i.title));
    for (const query of queries) {
      expect(query.Properties).toMatchObject({ Database: 'org_trail', WorkGroup: { Ref: workGroup } });
      expect(query.Properties.QueryString).toContain('FROM "org_trail"."cloudtrail_logs"');
      expect(query.Properties.QueryString).toContain('account = ?');
      expect(query.Properties.Description).toMatch(/Parameters, in order, each in single quotes \(e\.g\. '2026\/01\/31'\): account id \(12 digits\), first day/);
      expect(query.DependsOn).toContain(tableId);
    }
    expect(analytics.namedQueries).toHaveLength(INVESTIGATIONS.length);
  });

  test('one Logs Insights query definition per investigation, on the trail\'s log group', () => {
    const { template, analytics } = withTrail({ analytics: { workGroupName: 'investigations' } });
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup').id;
    const definitions = Object.values(template.findResources('AWS::Logs::QueryDefinition'));
    expect(definitions.map((d) => d.Properties.Name)).toEqual(INVESTIGATIONS.map((i) => `CloudTrail/investigations/${i.title}`));
    for (const definition of definitions) {
      expect(definition.Properties.LogGroupNames).toEqual([{ Ref: logGroup }]);
      expect(definition.Properties.QueryString).toMatch(/\| limit 1000$/);
    }
    expect(analytics.queryDefinitions).toHaveLength(INVESTIGATIONS.length);
  });

  test('no Logs Insights queries without a log group', () => {
    expect(withTrail({ sendToCloudWatchLogs: false }).template.findResources('AWS::Logs::QueryDefinition')).toEqual({});
    const { template, analytics } = standalone();
    expect(template.findResources('AWS::Logs::QueryDefinition')).toEqual({});
    expect(analytics.queryDefinitions).toEqual([]);
  });

  test('on its own, saves the Logs Insights queries on the log group given', () => {
    const stack = testStack();
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTowerLogs', 'aws-controltower/CloudTrailLogs');
    const { template } = standalone({ logGroup }, stack);
    template.resourceCountIs('AWS::Logs::QueryDefinition', INVESTIGATIONS.length);
    template.hasResourceProperties('AWS::Logs::QueryDefinition', { LogGroupNames: ['aws-controltower/CloudTrailLogs'] });
  });
});

describe('grantQuery', () => {
  function grantedStatements(stack: Stack, grant: (role: iam.Role) => void): any[] {
    const role = new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    grant(role);
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find((p) =>
      p.Properties.Roles.some((r: any) => r.Ref === stack.getLogicalId(role.node.defaultChild as any)),
    )!;
    return statements(policy);
  }
  const withAction = (list: any[], action: string) => list.filter((s) => [s.Action].flat().includes(action));

  test('grants Athena on the workgroup, Glue on the table, the results and the log files', () => {
    const { stack, analytics, trail } = withTrail({ analytics: { databaseName: 'org_trail', workGroupName: 'investigations' } });
    const list = grantedStatements(stack, (role) => analytics.grantQuery(role));
    const resultsBucket = stack.resolve(analytics.queryResultsBucket.bucketArn);
    const logBucket = stack.resolve(trail.bucket.bucketArn);

    expect(withAction(list, 'athena:StartQueryExecution')).toEqual([
      expect.objectContaining({ Resource: partitionArn(':athena:us-east-1:111111111111:workgroup/investigations') }),
    ]);
    expect(withAction(list, 'glue:GetTable')[0].Resource).toEqual([
      partitionArn(':glue:us-east-1:111111111111:catalog'),
      partitionArn(':glue:us-east-1:111111111111:database/org_trail'),
      partitionArn(':glue:us-east-1:111111111111:table/org_trail/cloudtrail_logs'),
    ]);
    expect(withAction(list, 's3:PutObject')).toEqual([
      expect.objectContaining({ Resource: { 'Fn::Join': ['', [resultsBucket, '/athena-results/*']] } }),
    ]);
    expect(withAction(list, 'kms:GenerateDataKey')).toEqual([
      expect.objectContaining({
        Resource: stack.resolve(analytics.queryResultsKey.keyArn),
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      }),
    ]);
    expect(withAction(list, 's3:ListBucket')).toContainEqual(
      expect.objectContaining({ Resource: logBucket, Condition: { StringLike: { 's3:prefix': `AWSLogs/${ORG_ID}/*` } } }),
    );
    expect(withAction(list, 's3:GetObject')).toContainEqual(
      expect.objectContaining({ Resource: { 'Fn::Join': ['', [logBucket, `/AWSLogs/${ORG_ID}/*`]] } }),
    );
    // Nothing that writes to or deletes from the log bucket.
    expect(list.flatMap((s) => [s.Action].flat()).filter((a: string) => /Delete|s3:\*|kms:\*/.test(a))).toEqual([]);
  });

  test('grants kms:Decrypt on the log key only for the trail\'s log files', () => {
    const { stack, analytics, trail } = withTrail();
    const list = grantedStatements(stack, (role) => analytics.grantQuery(role));
    const decrypt = withAction(list, 'kms:Decrypt').filter((s) => !s.Condition?.StringEquals?.['kms:ViaService']);
    expect(decrypt).toEqual([
      expect.objectContaining({
        Resource: stack.resolve(trail.encryptionKey.keyArn),
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN } },
      }),
    ]);
  });

  test('on its own, without the trail\'s ARN, grants kms:Decrypt for CloudTrail log files; without a key, none', () => {
    const stack = testStack();
    const encryptionKey = kms.Key.fromKeyArn(stack, 'LogKey', 'arn:aws:kms:us-east-1:111111111111:key/abcd');
    const { analytics } = standalone({ encryptionKey }, stack);
    const list = grantedStatements(stack, (role) => analytics.grantQuery(role));
    expect(withAction(list, 'kms:Decrypt').find((s) => s.Resource === 'arn:aws:kms:us-east-1:111111111111:key/abcd').Condition).toEqual({
      Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' },
    });

    const other = standalone();
    const noKey = grantedStatements(other.stack, (role) => other.analytics.grantQuery(role));
    expect(withAction(noKey, 'kms:Decrypt').every((s) => s.Condition?.StringEquals?.['kms:ViaService'])).toBe(true);
  });

  test('with an event data store, also grants CloudTrail Lake queries and its key', () => {
    const { stack, analytics } = withTrail({ analytics: { lake: {} } });
    const list = grantedStatements(stack, (role) => analytics.grantQuery(role));
    expect(withAction(list, 'cloudtrail:StartQuery')).toEqual([
      expect.objectContaining({ Resource: stack.resolve(analytics.lake!.eventDataStoreArn) }),
    ]);
    expect(withAction(list, 'kms:GenerateDataKey').map((s) => s.Resource)).toContainEqual(
      stack.resolve(analytics.lake!.encryptionKey.keyArn),
    );
  });
});

describe('queryPolicy', () => {
  const resource = (stack: Stack, construct: iam.ManagedPolicy | iam.Role) =>
    Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(construct.node.defaultChild as any)];
  const queryPolicies = (stack: Stack) =>
    Object.keys(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')).filter((id) => id.includes('QueryPolicy'));

  test('holds exactly the statements grantQuery gives, with the event data store\'s, in one customer managed policy', () => {
    const { stack, analytics } = withTrail({ analytics: { lake: {} } });
    const role = new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    analytics.grantQuery(role);
    const policy = analytics.queryPolicy();
    policy.attachToRole(role);

    const granted = statements(resource(stack, role.node.findChild('DefaultPolicy') as any));
    const managed = resource(stack, policy);
    expect(statements(managed)).toEqual(granted);
    expect(granted.length).toBe(11); // 8 for Athena, Glue and S3, the log key, 2 for the event data store
    expect(managed.Properties.Roles).toEqual([{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }]);
  });

  test('is created once: later calls return the same policy', () => {
    const { stack, analytics } = withTrail();
    expect(analytics.queryPolicy()).toBe(analytics.queryPolicy());
    expect(queryPolicies(stack)).toHaveLength(1);
  });

  test('attached to a role, passes cdk-nag\'s four packs with only its two wildcard resources acknowledged', () => {
    const app = cdkNagApp();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', analytics: {} });
    trail.analytics!.queryPolicy().attachToRole(iam.Role.fromRoleName(stack, 'Analyst', 'security-analyst'));
    const report = synthAndReport(app);
    expect(report.findings).toEqual([]);
    const onPolicy = report.acknowledged.filter((f) => f.paths.some((p) => p.endsWith('QueryPolicy/Resource')));
    expect(onPolicy.map((f) => f.rule).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::<TrailAnalyticsResultsBucket45207B32.Arn>/athena-results/*]',
      'AwsSolutions-IAM5[Resource::<TrailLogArchiveBucket00D019D6.Arn>/AWSLogs/o-a1b2c3d4e5/*]',
    ]);
  });

  test('grantQuery on a role of the app gives the inline policy cdk-nag reports: the reason queryPolicy exists', () => {
    const app = cdkNagApp();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', analytics: {} });
    trail.analytics!.grantQuery(iam.Role.fromRoleName(stack, 'Analyst', 'security-analyst'));
    expect(synthAndReport(app).findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']),
    );
  });
});

describe('stateful resources', () => {
  const STATEFUL = ['AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Athena::WorkGroup', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::CloudTrail::EventDataStore'];

  function policies(template: Template): Record<string, string> {
    return Object.fromEntries(
      Object.entries(template.toJSON().Resources as Record<string, any>)
        .filter(([, r]) => STATEFUL.includes(r.Type))
        .map(([id, r]) => [id, r.DeletionPolicy]),
    );
  }

  test('are retained on delete by default', () => {
    const { template } = standalone({ lake: {} });
    const all = policies(template);
    expect(Object.keys(all)).toHaveLength(8); // database, table, workgroup, 2 buckets, 2 keys, event data store
    expect(new Set(Object.values(all))).toEqual(new Set(['RetainExceptOnCreate']));
  });

  test('follow the removal policy given', () => {
    const { template } = standalone({ removalPolicy: RemovalPolicy.DESTROY, lake: { removalPolicy: RemovalPolicy.DESTROY } });
    expect(new Set(Object.values(policies(template)))).toEqual(new Set(['Delete']));
  });

  test('keep their logical ids when other options change, and leave the trail\'s ids alone', () => {
    const ids = (template: Template) => Object.keys(policies(template));
    const plain = withTrail({ analytics: undefined }).template;
    const on = withTrail().template;
    const options = withTrail({
      analytics: { accountIds: ['111111111111'], regions: ['us-east-1'], queryResultsExpiration: Duration.days(3), lake: {} },
    }).template;
    expect(ids(on)).toEqual(expect.arrayContaining(ids(plain)));
    expect(ids(options)).toEqual(expect.arrayContaining(ids(on)));
    expect(Object.keys(on.toJSON().Resources)).toEqual(expect.arrayContaining(Object.keys(plain.toJSON().Resources)));
  });
});

describe('OrganizationTrail analytics', () => {
  test('are off unless asked for', () => {
    const { template, trail } = withTrail({ analytics: undefined });
    expect(trail.analytics).toBeUndefined();
    for (const type of ['AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Athena::WorkGroup', 'AWS::Athena::NamedQuery', 'AWS::Logs::QueryDefinition', 'AWS::CloudTrail::EventDataStore']) {
      template.resourceCountIs(type, 0);
    }
  });

  test('with {}, read the trail\'s bucket under its prefix and organization; no event data store', () => {
    const { template, trail, analytics, stack } = withTrail({ s3KeyPrefix: 'org/logs' });
    expect(analytics).toBeInstanceOf(TrailAnalytics);
    expect(analytics.node.path).toBe('Stack/Trail/Analytics');
    const location = table(template).resource.Properties.TableInput.StorageDescriptor.Location;
    expect(location).toEqual({ 'Fn::Join': ['', ['s3://', stack.resolve(trail.bucket.bucketName), `/org/logs/AWSLogs/${ORG_ID}/`]] });
    template.resourceCountIs('AWS::CloudTrail::EventDataStore', 0);
    expect(analytics.lake).toBeUndefined();
  });
});
