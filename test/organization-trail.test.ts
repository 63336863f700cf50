import { Annotations as CoreAnnotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { aws_cloudtrail as cloudtrailRefs } from 'aws-cdk-lib/interfaces';
import { OrganizationTrail, OrganizationTrailProps } from '../src';
import { ORG_ID, onlyResource, partitionArn, statementWithSid, statements, testStack } from './util';

const NO_ALARMS = { enabled: false };
const TRAIL_ARN = partitionArn(':cloudtrail:us-east-1:111111111111:trail/org-trail');

/** A trail without its security alarms, which add a key and a topic of their own (see test/alarms). */
function synth(props: Partial<OrganizationTrailProps> = {}): { stack: Stack; trail: OrganizationTrail; template: Template } {
  const stack = testStack();
  const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', alarms: NO_ALARMS, ...props });
  return { stack, trail, template: Template.fromStack(stack) };
}

describe('trail', () => {
  test('is an all-Region organization trail with global events, validation, KMS and CloudWatch Logs', () => {
    const { template } = synth();
    const key = onlyResource(template, 'AWS::KMS::Key').id;
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup').id;
    const role = onlyResource(template, 'AWS::IAM::Role').id;
    const bucket = onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.S3BucketName.Ref;
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'org-trail',
      IsLogging: true,
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
      S3KeyPrefix: Match.absent(),
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      AdvancedEventSelectors: Match.absent(),
    });
    expect(template.findResources('AWS::S3::Bucket')[bucket]).toBeDefined();
  });

  test('depends on the bucket policy and the delivery policy, which CloudTrail checks at creation', () => {
    const { template } = synth();
    const trail = onlyResource(template, 'AWS::CloudTrail::Trail').resource;
    const bucketPolicy = Object.entries(template.findResources('AWS::S3::BucketPolicy')).find(
      ([, r]) => r.Properties.Bucket.Ref === trail.Properties.S3BucketName.Ref,
    )![0];
    const deliveryPolicy = onlyResource(template, 'AWS::IAM::ManagedPolicy').id;
    expect(trail.DependsOn).toEqual(expect.arrayContaining([bucketPolicy, deliveryPolicy]));
  });

  test('exposes the CfnTrail as the default child and its ARN computed from the name', () => {
    const { stack, trail } = synth();
    expect(trail.node.defaultChild).toBe(trail.trail);
    expect(stack.resolve(trail.trailArn)).toEqual(TRAIL_ARN);
    expect(trail.trailName).toBe('org-trail');
  });

  test('without a trailName, names the trail after its construct path, never "undefined"', () => {
    const stack = testStack('Management');
    const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    const template = Template.fromStack(stack);
    const name = onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.TrailName;
    expect(name).toMatch(/^ManagementTrail[A-Za-z0-9]*$/);
    expect(JSON.stringify(template.toJSON())).not.toContain('undefined');
    expect(JSON.stringify(stack.resolve(trail.trailArn))).toContain(`trail/${name}`);
  });

  test('without a trailName, warns acknowledgeably with the derived name, which pinned gives the same template', () => {
    const stack = testStack('Management');
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    const template = Template.fromStack(stack).toJSON();
    const name = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::CloudTrail::Trail').Properties.TrailName;
    Annotations.fromStack(stack).hasWarning(
      '/Management/Trail',
      Match.stringLikeRegexp(`trailName is not set, so the trail is named "${name}" after its construct path \\(Management/Trail\\).*replaces the trail, its log group.*Set trailName: '${name}'.*trailNameFromPath`),
    );
    const pinned = testStack('Management');
    new OrganizationTrail(pinned, 'Trail', { organizationId: ORG_ID, trailName: name });
    expect(Template.fromStack(pinned).toJSON()).toEqual(template);
    Annotations.fromStack(pinned).hasNoWarning('*', Match.stringLikeRegexp('trailNameFromPath'));
  });

  test('passes the key prefix, options and a single-Region choice through', () => {
    const { template } = synth({ s3KeyPrefix: 'org/logs', isMultiRegionTrail: false, includeGlobalServiceEvents: false });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3KeyPrefix: 'org/logs',
      IsMultiRegionTrail: false,
      IncludeGlobalServiceEvents: false,
    });
  });
});

describe('as a reference', () => {
  test('is an ITrailRef of aws-cdk-lib: the trail\'s name and ARN, and its stack\'s account and Region', () => {
    const { stack, trail } = synth();
    const ref: cloudtrailRefs.ITrailRef = trail;
    expect(stack.resolve(ref.trailRef)).toEqual({ trailName: 'org-trail', trailArn: TRAIL_ARN });
    expect(ref.env).toEqual({ account: '111111111111', region: 'us-east-1' });
  });
});

describe('KMS key', () => {
  test('rotates, has an alias and is retained', () => {
    const { template } = synth();
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, KeySpec: 'SYMMETRIC_DEFAULT' },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail/org-trail' });
  });

  test('lets CloudTrail generate data keys only in its encryption context and for this trail', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudTrailEncryptLogs')).toEqual({
      Sid: 'CloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': partitionArn(':cloudtrail:*:111111111111:trail/*') },
        StringEquals: { 'aws:SourceArn': TRAIL_ARN },
      },
    });
    expect(statementWithSid(policy, 'CloudTrailDescribeKey')).toMatchObject({
      Action: 'kms:DescribeKey',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('lets this trail decrypt, which CloudTrail needs to create or update a trail whose bucket uses an S3 Bucket Key', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudTrailDecryptWithBucketKey')).toEqual({
      Sid: 'CloudTrailDecryptWithBucketKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(statementWithSid(policy, 'DenyCreateGrantUnlessForAwsResource').Effect).toBe('Deny');
    // The management account owns the key: it needs no statement of its own.
    expect(policy.map((st: any) => st.Sid)).not.toContain('TrailOwnerDecryptLogs');
  });

  test('lets CloudWatch Logs in this Region use it for the trail log group only', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudWatchLogsEncryptLogGroup')).toMatchObject({
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': partitionArn(':logs:us-east-1:111111111111:log-group:cloudtrail/org-trail'),
        },
      },
    });
  });

  test.each([
    ['cn-north-1', ['logs.cn-north-1.amazonaws.com', 'logs.cn-north-1.amazonaws.com.cn']],
    ['cn-northwest-1', ['logs.cn-northwest-1.amazonaws.com', 'logs.cn-northwest-1.amazonaws.com.cn']],
    ['us-gov-west-1', 'logs.us-gov-west-1.amazonaws.com'],
    ['eu-west-1', 'logs.eu-west-1.amazonaws.com'],
  ])('in %s names the CloudWatch Logs principal of that partition', (region, service) => {
    const stack = testStack('Stack', { account: '111111111111', region });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', alarms: NO_ALARMS });
    const policy = statements(onlyResource(Template.fromStack(stack), 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudWatchLogsEncryptLogGroup').Principal).toEqual({ Service: service });
  });

  test('denies grants that are not for an AWS resource (CT.KMS.PR.3)', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'DenyCreateGrantUnlessForAwsResource')).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('every Allow to a service principal is conditioned', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    const serviceAllows = policy.filter((s) => s.Effect === 'Allow' && s.Principal.Service);
    expect(serviceAllows.length).toBeGreaterThanOrEqual(3);
    for (const s of serviceAllows) expect(Object.keys(s.Condition ?? {})).not.toHaveLength(0);
  });
});

describe('log bucket', () => {
  function logBucket(template: Template) {
    const bucket = onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.S3BucketName.Ref;
    return { id: bucket, resource: template.findResources('AWS::S3::Bucket')[bucket] };
  }

  test('is encrypted with the key and a bucket key, private, versioned, lock-capable and retained', () => {
    const { template } = synth();
    const key = onlyResource(template, 'AWS::KMS::Key').id;
    const { resource } = logBucket(template);
    expect(resource.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(resource.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] } },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: true,
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  test('tiers and expires log files on the documented defaults', () => {
    const { template } = synth();
    expect(logBucket(template).resource.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        Transitions: [
          { StorageClass: 'STANDARD_IA', TransitionInDays: 90 },
          { StorageClass: 'GLACIER', TransitionInDays: 365 },
        ],
        ExpirationInDays: 2557,
        NoncurrentVersionExpiration: { NoncurrentDays: 365 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
    ]);
    // Files under 128 KB, most CloudTrail files, stay in S3 Standard, where they cost less (README, "Cost").
    expect(logBucket(template).resource.Properties.LifecycleConfiguration.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
  });

  test('takes lifecycle and removal options, and warns about DESTROY', () => {
    const { template, stack } = synth({
      logBucket: {
        transitionToInfrequentAccessAfter: Duration.days(30),
        transitionToGlacierAfter: Duration.days(60),
        expiration: Duration.days(400),
        noncurrentVersionExpiration: Duration.days(30),
        removalPolicy: RemovalPolicy.DESTROY,
      },
    });
    const { resource } = logBucket(template);
    expect(resource.DeletionPolicy).toBe('Delete');
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    Annotations.fromStack(stack).hasWarning('/Stack/Trail/LogArchive', Match.stringLikeRegexp('DESTROY.*deletes the audit log.*destroyOnDelete'));
    expect(resource.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
      Transitions: [
        { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
        { StorageClass: 'GLACIER', TransitionInDays: 60 },
      ],
      ExpirationInDays: 400,
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
    });
  });

  test('logs server access to a separate SSE-S3 bucket that only S3 logging of this bucket may write', () => {
    const { template } = synth();
    const { id: logBucketId, resource } = logBucket(template);
    const target = resource.Properties.LoggingConfiguration.DestinationBucketName.Ref;
    expect(target).not.toBe(logBucketId);
    expect(resource.Properties.LoggingConfiguration.LogFilePrefix).toBe('trail-bucket/');
    const accessLogs = template.findResources('AWS::S3::Bucket')[target];
    expect(accessLogs.DeletionPolicy).toBe('RetainExceptOnCreate');
    // checkov reads templates: its acknowledgement of the same finding is template metadata, with the reason.
    expect(accessLogs.Metadata.checkov).toEqual({ skip: [{ id: 'CKV_AWS_18', comment: expect.stringMatching(/^This bucket is the access-log target of the log bucket\./) }] });
    expect(accessLogs.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 2557 })] },
    });
    expect(accessLogs.Properties.ObjectLockEnabled).toBeUndefined();
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === target)!;
    expect(statementWithSid(statements(policy), 'S3ServerAccessLogsDelivery')).toEqual({
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [target, 'Arn'] }, '/trail-bucket/*']] },
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logBucketId, 'Arn'] } },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      },
    });
  });

  test('deploys no Lambda function and no custom resource', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::Function', 0);
    const custom = Object.values(template.toJSON().Resources).filter((r: any) => /^(Custom::|AWS::CloudFormation::CustomResource)/.test(r.Type));
    expect(custom).toHaveLength(0);
  });
});

describe('bucket policy', () => {
  function policyOf(template: Template): any[] {
    const bucket = onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.S3BucketName.Ref;
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === bucket)!;
    return statements(policy);
  }
  const bucketArn = (template: Template) => ({
    'Fn::GetAtt': [onlyResource(template, 'AWS::CloudTrail::Trail').resource.Properties.S3BucketName.Ref, 'Arn'],
  });

  test('lets this trail, and only it, check the ACL', () => {
    const { template } = synth();
    expect(statementWithSid(policyOf(template), 'CloudTrailAclCheck')).toEqual({
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucketArn(template),
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test.each([
    ['without a prefix', undefined, ''],
    ['with a prefix', 'org/logs', '/org/logs'],
  ])('lets this trail write the management-account and organization paths %s', (_, s3KeyPrefix, path) => {
    const { template } = synth({ s3KeyPrefix });
    const policy = policyOf(template);
    for (const [sid, owner, organization] of [
      ['CloudTrailAccountWrite', '111111111111', {}],
      ['CloudTrailOrganizationWrite', ORG_ID, { 'aws:SourceOrgID': ORG_ID }],
    ] as const) {
      expect(statementWithSid(policy, sid)).toEqual({
        Sid: sid,
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [bucketArn(template), `${path}/AWSLogs/${owner}/*`]] },
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN, ...organization } },
      });
    }
  });

  test('denies every request without TLS', () => {
    const { template } = synth();
    expect(policyOf(template)).toContainEqual({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [bucketArn(template), { 'Fn::Join': ['', [bucketArn(template), '/*']] }],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });
});

describe('CloudWatch Logs', () => {
  test('log group is encrypted with the key, keeps a year and is retained', () => {
    const { template } = synth();
    const key = onlyResource(template, 'AWS::KMS::Key').id;
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: 'cloudtrail/org-trail', RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } },
      DeletionPolicy: 'RetainExceptOnCreate',
    });
  });

  test('takes a retention', () => {
    const { template } = synth({ cloudWatchLogsRetention: logs.RetentionDays.TWO_YEARS });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('warns, acknowledgeably, when the retention is under a year', () => {
    const { stack } = synth({ cloudWatchLogsRetention: logs.RetentionDays.THREE_MONTHS });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp('cloudWatchLogsRetention is 90 days.*CloudWatch.16.*\\[ack: cdk-organization-trail:shortLogRetention\\]'),
    );
  });

  test('warns, acknowledgeably, when the retention is INFINITE, which leaves the log group without a retention setting', () => {
    const { stack } = synth({ cloudWatchLogsRetention: logs.RetentionDays.INFINITE });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp('cloudWatchLogsRetention is INFINITE.*CloudWatchLogGroupRetentionPeriod.*\\[ack: cdk-organization-trail:logRetentionNotSet\\]'),
    );
  });

  test('warns, acknowledgeably, when CloudWatch Logs is off, naming the controls that fail', () => {
    const { stack } = synth({ sendToCloudWatchLogs: false });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp('sendToCloudWatchLogs is false.*CloudTrail.5.*CT.CLOUDTRAIL.PR.3.*\\[ack: cdk-organization-trail:cloudWatchLogsOff\\]'),
    );
  });

  test('an acknowledgement with the printed id, as the README shows, silences exactly that warning', () => {
    const { stack, trail } = synth({ sendToCloudWatchLogs: false, logBucket: { removalPolicy: RemovalPolicy.DESTROY } });
    CoreAnnotations.of(trail).acknowledgeWarning('cdk-organization-trail:cloudWatchLogsOff', 'Control Tower delivers management events to CloudWatch Logs');
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings.filter((w) => w.includes('cloudWatchLogsOff'))).toEqual([]);
    expect(warnings.filter((w) => w.includes('destroyOnDelete'))).toHaveLength(1);
  });

  test('the delivery role is assumed by CloudTrail and has only a customer managed policy on the documented streams', () => {
    const { template } = synth();
    const role = onlyResource(template, 'AWS::IAM::Role');
    expect(role.resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(role.resource.Properties.Policies).toBeUndefined();
    expect(role.resource.Properties.ManagedPolicyArns).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = onlyResource(template, 'AWS::IAM::ManagedPolicy').resource;
    expect(policy.Properties.Roles).toEqual([{ Ref: role.id }]);
    const streams = [
      partitionArn(':logs:us-east-1:111111111111:log-group:cloudtrail/org-trail:log-stream:111111111111_CloudTrail_us-east-1*'),
      partitionArn(`:logs:us-east-1:111111111111:log-group:cloudtrail/org-trail:log-stream:${ORG_ID}_*`),
    ];
    expect(statements(policy)).toEqual([
      { Sid: 'CloudTrailCreateLogStream', Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: streams },
      { Sid: 'CloudTrailPutLogEvents', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: streams },
    ]);
  });

  test('can be turned off', () => {
    const { template, trail } = synth({ sendToCloudWatchLogs: false });
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { CloudWatchLogsLogGroupArn: Match.absent() });
    expect(trail.logGroup).toBeUndefined();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(policy.map((s) => s.Sid)).not.toContain('CloudWatchLogsEncryptLogGroup');
  });
});

describe('bring your own', () => {
  test('an owned bucket and key of this app get the statements', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey');
    const bucket = new s3.Bucket(stack, 'MyBucket', { encryptionKey: key });
    const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', bucket, encryptionKey: key, alarms: NO_ALARMS });
    const template = Template.fromStack(stack);
    expect(trail.bucket).toBe(bucket);
    expect(trail.encryptionKey).toBe(key);
    expect(trail.logArchive).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const bucketPolicy = statements(onlyResource(template, 'AWS::S3::BucketPolicy').resource);
    expect(bucketPolicy.map((s) => s.Sid)).toEqual(['CloudTrailAclCheck', 'CloudTrailAccountWrite', 'CloudTrailOrganizationWrite']);
    const keyPolicy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(keyPolicy.map((s) => s.Sid)).toEqual(
      expect.arrayContaining(['CloudTrailEncryptLogs', 'CloudTrailDescribeKey', 'CloudWatchLogsEncryptLogGroup']),
    );
    expect(onlyResource(template, 'AWS::CloudTrail::Trail').resource.DependsOn).toContain(onlyResource(template, 'AWS::S3::BucketPolicy').id);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('an imported bucket and key get a warning listing the statements to add', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Central', 'central-cloudtrail-logs');
    const key = kms.Key.fromKeyArn(stack, 'CentralKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', bucket, encryptionKey: key, alarms: NO_ALARMS });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3BucketName: 'central-cloudtrail-logs',
      KMSKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Trail', Match.stringLikeRegexp('log bucket is imported.*CloudTrailAclCheck.*AWSLogs/o-a1b2c3d4e5.*CloudTrailOrganizationWrite.*bucketPolicyNotManaged'));
    annotations.hasWarning('/Stack/Trail', Match.stringLikeRegexp('KMS key is imported.*CloudTrailEncryptLogs.*keyPolicyNotManaged'));
    annotations.hasWarning('/Stack/Trail/CloudWatchLogs', Match.stringLikeRegexp('KMS key of the log group is imported.*logs.us-east-1.amazonaws.com'));
  });
});

describe('determinism', () => {
  test('two syntheses give identical templates', () => {
    expect(synth().template.toJSON()).toEqual(synth().template.toJSON());
  });
});
