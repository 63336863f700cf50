/**
 * What AWS allows on the deployed templates, decided by a real IAM evaluator (iam-simulate) on the policies of every
 * tested configuration: each request an AWS service makes for the trail to work is allowed, and its neighbours (another
 * trail, account or organization, no TLS, another member's logs, an outsider) are denied. The README's access matrix
 * summarises these cases. Where the evaluator cannot model AWS, test/behaviour/iam.ts says so.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Deployment } from './deployment';
import { ADMINISTRATOR, AccessRequest, Decision, decide } from './iam';
import { OrganizationTrail } from '../../src';
import { CONFIGURATIONS } from '../configurations';
import { ORG_ID } from '../util';

const MANAGEMENT = '111111111111';
const ARCHIVE = '222222222222';
const MEMBER = '444444444444';
const OTHER_MEMBER = '555555555555';
const OUTSIDER = '999999999999';
const admin = (account: string) => `arn:aws:iam::${account}:role/administrator`;

interface Case {
  readonly name: string;
  readonly request: AccessRequest;
  readonly expected: Decision | 'Denied';
}

async function expectDecisions(deployment: Deployment, cases: Case[]): Promise<void> {
  const results = await Promise.all(
    cases.map(async (c) => {
      const decision = await decide(deployment, c.request);
      const ok = c.expected === 'Denied' ? decision !== 'Allowed' : decision === c.expected;
      return ok ? undefined : `${c.name}: expected ${c.expected}, got ${decision}`;
    }),
  );
  expect(results.filter((r) => r !== undefined)).toEqual([]);
}

/** What CloudTrail presents when it works for `trailArn`: the context the CloudTrail and KMS guides document. */
function cloudTrailContext(trailArn: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'aws:SourceArn': trailArn, 'aws:SourceAccount': MANAGEMENT, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn, ...extra };
}

/** The requests that make an organization trail deliver, and their denied neighbours, for one bucket and key. */
function deliveryCases(d: Deployment, bucketId: string, keyId: string, prefix = ''): Case[] {
  const trail = d.one('AWS::CloudTrail::Trail');
  const bucket = d.one('AWS::S3::Bucket', bucketId).arn;
  const key = d.one('AWS::KMS::Key', keyId).arn;
  const otherTrail = trail.arn.replace(/trail\/.*/, 'trail/another-trail');
  const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
  const ct = 'cloudtrail.amazonaws.com';
  const managementLog = `${bucket}/${prefix}AWSLogs/${MANAGEMENT}/CloudTrail/us-east-1/2026/12/02/${MANAGEMENT}_CloudTrail_us-east-1_20261202T0000Z_a.json.gz`;
  const memberLog = `${bucket}/${prefix}AWSLogs/${ORG_ID}/${MEMBER}/CloudTrail/eu-west-1/2026/12/02/${MEMBER}_CloudTrail_eu-west-1_20261202T0000Z_b.json.gz`;
  const orgWrite = cloudTrailContext(trail.arn, { ...acl, 'aws:SourceOrgID': ORG_ID });
  return [
    { name: 'CloudTrail checks the bucket ACL', request: { principal: ct, action: 's3:GetBucketAcl', resource: bucket, context: cloudTrailContext(trail.arn) }, expected: 'Allowed' },
    { name: 'another trail checks the bucket ACL', request: { principal: ct, action: 's3:GetBucketAcl', resource: bucket, context: cloudTrailContext(otherTrail) }, expected: 'Denied' },
    { name: 'CloudTrail writes the management account path', request: { principal: ct, action: 's3:PutObject', resource: managementLog, context: cloudTrailContext(trail.arn, acl) }, expected: 'Allowed' },
    { name: 'CloudTrail writes a member account path', request: { principal: ct, action: 's3:PutObject', resource: memberLog, context: orgWrite }, expected: 'Allowed' },
    { name: 'CloudTrail writes for another organization', request: { principal: ct, action: 's3:PutObject', resource: memberLog, context: { ...orgWrite, 'aws:SourceOrgID': 'o-zz99zz99zz' } }, expected: 'Denied' },
    { name: 'CloudTrail writes without bucket-owner-full-control', request: { principal: ct, action: 's3:PutObject', resource: memberLog, context: { ...orgWrite, 's3:x-amz-acl': 'private' } }, expected: 'Denied' },
    { name: 'another trail writes', request: { principal: ct, action: 's3:PutObject', resource: memberLog, context: { ...orgWrite, 'aws:SourceArn': otherTrail } }, expected: 'Denied' },
    { name: 'CloudTrail writes without TLS', request: { principal: ct, action: 's3:PutObject', resource: memberLog, context: { ...orgWrite, 'aws:SecureTransport': 'false' } }, expected: 'ExplicitlyDenied' },
    { name: 'CloudTrail writes outside AWSLogs', request: { principal: ct, action: 's3:PutObject', resource: `${bucket}/elsewhere/x.json.gz`, context: orgWrite }, expected: 'Denied' },
    { name: 'CloudTrail generates a data key', request: { principal: ct, action: 'kms:GenerateDataKey', resource: key, context: cloudTrailContext(trail.arn) }, expected: 'Allowed' },
    { name: 'CloudTrail decrypts (S3 Bucket Key)', request: { principal: ct, action: 'kms:Decrypt', resource: key, context: cloudTrailContext(trail.arn) }, expected: 'Allowed' },
    { name: 'CloudTrail describes the key', request: { principal: ct, action: 'kms:DescribeKey', resource: key, context: { 'aws:SourceArn': trail.arn } }, expected: 'Allowed' },
    { name: 'another trail generates a data key', request: { principal: ct, action: 'kms:GenerateDataKey', resource: key, context: cloudTrailContext(otherTrail) }, expected: 'Denied' },
    { name: 'another trail decrypts', request: { principal: ct, action: 'kms:Decrypt', resource: key, context: cloudTrailContext(otherTrail) }, expected: 'Denied' },
    {
      name: 'a data key in the context of another account\'s trail',
      request: { principal: ct, action: 'kms:GenerateDataKey', resource: key, context: { ...cloudTrailContext(trail.arn), 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:us-east-1:${OUTSIDER}:trail/x` } },
      expected: 'Denied',
    },
    { name: 'an outsider reads a log file', request: { principal: admin(OUTSIDER), action: 's3:GetObject', resource: memberLog, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    { name: 'an outsider decrypts', request: { principal: admin(OUTSIDER), action: 'kms:Decrypt', resource: key, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': trail.arn }, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    { name: 'an outsider deletes the bucket', request: { principal: admin(OUTSIDER), action: 's3:DeleteBucket', resource: bucket, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    { name: 'a member changes the bucket policy', request: { principal: admin(MEMBER), action: 's3:PutBucketPolicy', resource: bucket, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    { name: 'a member schedules the key\'s deletion', request: { principal: admin(MEMBER), action: 'kms:ScheduleKeyDeletion', resource: key, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
  ];
}

/** The owner's administrators manage the bucket and key; grants only for AWS resources. */
function ownerCases(d: Deployment, owner: string, bucketId: string, keyId: string): Case[] {
  const bucket = d.one('AWS::S3::Bucket', bucketId).arn;
  const key = d.one('AWS::KMS::Key', keyId).arn;
  const asOwner = { principal: admin(owner), identityPolicies: [ADMINISTRATOR] };
  return [
    { name: 'the owner changes the bucket policy', request: { ...asOwner, action: 's3:PutBucketPolicy', resource: bucket }, expected: 'Allowed' },
    { name: 'the owner changes the key policy', request: { ...asOwner, action: 'kms:PutKeyPolicy', resource: key }, expected: 'Allowed' },
    { name: 'the owner grants the key to an AWS resource', request: { ...asOwner, action: 'kms:CreateGrant', resource: key, context: { 'kms:GrantIsForAWSResource': 'true' } }, expected: 'Allowed' },
    { name: 'the owner grants the key to a person', request: { ...asOwner, action: 'kms:CreateGrant', resource: key, context: { 'kms:GrantIsForAWSResource': 'false' } }, expected: 'ExplicitlyDenied' },
  ];
}

/** CloudWatch Logs, the delivery role, S3 server access logging, the alarms and the tamper rule. */
function managementCases(d: Deployment, logGroupKeyId: string, logBucketId: string): Case[] {
  const trail = d.one('AWS::CloudTrail::Trail');
  const logGroup = d.one('AWS::Logs::LogGroup');
  const logGroupArn = logGroup.arn.replace(/:\*$/, '');
  const logGroupKey = d.one('AWS::KMS::Key', logGroupKeyId).arn;
  const role = d.one('AWS::IAM::Role', 'DeliveryRole').arn;
  const logBucket = d.one('AWS::S3::Bucket', logBucketId);
  const accessLogs = d.all('AWS::S3::Bucket', 'AccessLogsBucket').find((b) => b.stackName === logBucket.stackName)!;
  const topic = d.one('AWS::SNS::Topic').arn;
  const topicKey = d.one('AWS::KMS::Key', 'TopicKey').arn;
  const alarm = d.all('AWS::CloudWatch::Alarm')[0].arn;
  const rule = d.one('AWS::Events::Rule', 'TamperDetection').arn;
  const logs = 'logs.us-east-1.amazonaws.com';
  const stream = (name: string) => `${logGroupArn}:log-stream:${name}`;
  const alarmContext = (arn: string, account = MANAGEMENT) => ({ 'aws:SourceArn': arn, 'aws:SourceAccount': account });
  return [
    ...['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'].map((action): Case => ({
      name: `CloudWatch Logs ${action} for the log group`,
      request: { principal: logs, action, resource: logGroupKey, context: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      expected: 'Allowed',
    })),
    {
      name: 'CloudWatch Logs uses the key for another log group',
      request: { principal: logs, action: 'kms:Decrypt', resource: logGroupKey, context: { 'kms:EncryptionContext:aws:logs:arn': `${logGroupArn}-other` } },
      expected: 'Denied',
    },
    { name: 'CloudTrail assumes the delivery role', request: { principal: 'cloudtrail.amazonaws.com', action: 'sts:AssumeRole', resource: role, context: { 'aws:SourceArn': trail.arn } }, expected: 'Allowed' },
    { name: 'the role creates the management stream', request: { principal: role, action: 'logs:CreateLogStream', resource: stream(`${MANAGEMENT}_CloudTrail_us-east-1`) }, expected: 'Allowed' },
    { name: 'the role writes the management stream', request: { principal: role, action: 'logs:PutLogEvents', resource: stream(`${MANAGEMENT}_CloudTrail_us-east-1`) }, expected: 'Allowed' },
    { name: 'the role writes a member stream', request: { principal: role, action: 'logs:PutLogEvents', resource: stream(`${ORG_ID}_${MEMBER}_CloudTrail_eu-west-1`) }, expected: 'Allowed' },
    { name: 'the role writes another log group', request: { principal: role, action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:other:log-stream:x` }, expected: 'Denied' },
    { name: 'the role deletes the log group', request: { principal: role, action: 'logs:DeleteLogGroup', resource: logGroup.arn }, expected: 'Denied' },
    {
      name: 'S3 delivers the log bucket\'s access logs',
      request: { principal: 'logging.s3.amazonaws.com', action: 's3:PutObject', resource: `${accessLogs.arn}/trail-bucket/2026-12-02-00-00-00-ABC`, context: alarmContext(logBucket.arn, logBucket.account) },
      expected: 'Allowed',
    },
    {
      name: 'S3 delivers another bucket\'s access logs',
      request: { principal: 'logging.s3.amazonaws.com', action: 's3:PutObject', resource: `${accessLogs.arn}/trail-bucket/x`, context: alarmContext('arn:aws:s3:::someone-elses-bucket', logBucket.account) },
      expected: 'Denied',
    },
    { name: 'an alarm publishes to the topic', request: { principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: topic, context: alarmContext(alarm) }, expected: 'Allowed' },
    { name: 'an alarm encrypts with the topic key', request: { principal: 'cloudwatch.amazonaws.com', action: 'kms:GenerateDataKey', resource: topicKey, context: alarmContext(alarm) }, expected: 'Allowed' },
    {
      name: 'another account\'s alarm publishes',
      request: { principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: topic, context: alarmContext(alarm.replace(MANAGEMENT, OUTSIDER), OUTSIDER) },
      expected: 'Denied',
    },
    { name: 'the tamper rule publishes to the topic', request: { principal: 'events.amazonaws.com', action: 'sns:Publish', resource: topic, context: { 'aws:SourceArn': rule } }, expected: 'Allowed' },
    { name: 'EventBridge encrypts with the topic key', request: { principal: 'events.amazonaws.com', action: 'kms:GenerateDataKey', resource: topicKey }, expected: 'Allowed' },
    { name: 'another rule publishes to the topic', request: { principal: 'events.amazonaws.com', action: 'sns:Publish', resource: topic, context: { 'aws:SourceArn': `${rule}-other` } }, expected: 'Denied' },
    { name: 'an outsider publishes to the topic', request: { principal: admin(OUTSIDER), action: 'sns:Publish', resource: topic, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
  ];
}

describe('the default trail', () => {
  const d = Deployment.ofConfiguration(CONFIGURATIONS.defaults);
  test('CloudTrail delivers, and nothing else reaches the logs', async () => {
    await expectDecisions(d, deliveryCases(d, 'LogArchiveBucket', 'TrailKey'));
  });
  test('the owner manages the bucket and key', async () => {
    await expectDecisions(d, ownerCases(d, MANAGEMENT, 'LogArchiveBucket', 'TrailKey'));
  });
  test('CloudWatch Logs, the delivery role, access logging, alarms and tamper alerts work', async () => {
    await expectDecisions(d, managementCases(d, 'TrailKey', 'LogArchiveBucket'));
  });
});

describe('a bucket and key of your own in the app', () => {
  const d = Deployment.ofConfiguration(CONFIGURATIONS.bringYourOwn);
  test('CloudTrail delivers, and nothing else reaches the logs', async () => {
    await expectDecisions(d, deliveryCases(d, '^Bucket', '^Key'));
  });
});

describe('everything turned on', () => {
  const d = Deployment.ofConfiguration(CONFIGURATIONS.everything);
  test('CloudTrail delivers under the key prefix', async () => {
    await expectDecisions(d, deliveryCases(d, 'LogArchiveBucket', 'TrailKey', 'org/logs/'));
  });
  test('CloudWatch Logs, the delivery role, alarms and tamper alerts work', async () => {
    await expectDecisions(d, managementCases(d, 'TrailKey', 'LogArchiveBucket'));
  });
  test('replication reads the source through S3 and nothing else', async () => {
    const role = d.one('AWS::IAM::Role', 'ReplicationRole').arn;
    const source = d.one('AWS::S3::Bucket', 'LogArchiveBucket').arn;
    const key = d.one('AWS::KMS::Key', 'TrailKey').arn;
    const viaS3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': source };
    await expectDecisions(d, [
      { name: 'S3 assumes the role', request: { principal: 's3.amazonaws.com', action: 'sts:AssumeRole', resource: role }, expected: 'Allowed' },
      { name: 'the role reads object versions', request: { principal: role, action: 's3:GetObjectVersionForReplication', resource: `${source}/AWSLogs/x` }, expected: 'Allowed' },
      { name: 'the role decrypts through S3', request: { principal: role, action: 'kms:Decrypt', resource: key, context: viaS3 }, expected: 'Allowed' },
      { name: 'the role decrypts directly', request: { principal: role, action: 'kms:Decrypt', resource: key, context: { 'kms:EncryptionContext:aws:s3:arn': source } }, expected: 'Denied' },
      { name: 'the role deletes a log file', request: { principal: role, action: 's3:DeleteObject', resource: `${source}/AWSLogs/x` }, expected: 'Denied' },
    ]);
  });
  test('CloudTrail Lake encrypts its event data store', async () => {
    const key = d.one('AWS::KMS::Key', 'LakeKey').arn;
    await expectDecisions(d, [
      { name: 'CloudTrail generates a Lake data key', request: { principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: key }, expected: 'Allowed' },
      { name: 'CloudTrail decrypts Lake data', request: { principal: 'cloudtrail.amazonaws.com', action: 'kms:Decrypt', resource: key }, expected: 'Allowed' },
      { name: 'an outsider decrypts Lake data', request: { principal: admin(OUTSIDER), action: 'kms:Decrypt', resource: key, identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    ]);
  });
});

/** The two-account layout, with trusted access and forwarding: synthesized once for the tests that read it. */
const crossAccount = Deployment.ofConfiguration(CONFIGURATIONS.crossAccount);

describe('the log archive in its own account', () => {
  const d = crossAccount;
  const bucket = d.one('AWS::S3::Bucket', 'LogArchiveBucket').arn;
  const key = d.one('AWS::KMS::Key', 'LogArchiveKey').arn;
  const trail = d.one('AWS::CloudTrail::Trail').arn;
  const context = { 'kms:EncryptionContext:aws:cloudtrail:arn': trail };
  const viaS3 = { ...context, 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
  const ownLog = (account: string) => `${bucket}/AWSLogs/${ORG_ID}/${account}/CloudTrail/us-east-1/2026/12/02/x.json.gz`;
  const siem = 'arn:aws:iam::333333333333:role/siem-reader';

  test('CloudTrail of the management account delivers, and nothing else reaches the logs', async () => {
    await expectDecisions(d, deliveryCases(d, 'LogArchiveBucket', 'LogArchiveKey'));
  });
  test('the archive account manages the bucket and key', async () => {
    await expectDecisions(d, ownerCases(d, ARCHIVE, 'LogArchiveBucket', 'LogArchiveKey'));
  });
  test('the management account may use the archive key for CloudTrail log files only', async () => {
    const asManagement = { principal: admin(MANAGEMENT), identityPolicies: [ADMINISTRATOR] };
    await expectDecisions(d, [
      { name: 'the management account decrypts a CloudTrail data key', request: { ...asManagement, action: 'kms:Decrypt', resource: key, context }, expected: 'Allowed' },
      { name: 'the management account decrypts anything else', request: { ...asManagement, action: 'kms:Decrypt', resource: key }, expected: 'Denied' },
      { name: 'the management account changes the key policy', request: { ...asManagement, action: 'kms:PutKeyPolicy', resource: key }, expected: 'Denied' },
      { name: 'the management account reads log files', request: { ...asManagement, action: 's3:GetObject', resource: ownLog(MEMBER) }, expected: 'Denied' },
    ]);
  });
  test('members read their own logs, the SIEM reads all, nobody else reads any', async () => {
    const member = { principal: admin(MEMBER), identityPolicies: [ADMINISTRATOR] };
    const reader = { principal: siem, identityPolicies: [ADMINISTRATOR] };
    await expectDecisions(d, [
      { name: 'a member reads its own log file', request: { ...member, action: 's3:GetObject', resource: ownLog(MEMBER) }, expected: 'Allowed' },
      { name: 'a member decrypts through S3', request: { ...member, action: 'kms:Decrypt', resource: key, context: viaS3 }, expected: 'Allowed' },
      { name: 'a member decrypts outside S3', request: { ...member, action: 'kms:Decrypt', resource: key, context }, expected: 'Denied' },
      { name: 'a member reads another member\'s log file', request: { ...member, action: 's3:GetObject', resource: ownLog(OTHER_MEMBER) }, expected: 'Denied' },
      { name: 'a member deletes its own log file', request: { ...member, action: 's3:DeleteObject', resource: ownLog(MEMBER) }, expected: 'Denied' },
      { name: 'the SIEM reads any member\'s log file', request: { ...reader, action: 's3:GetObject', resource: ownLog(OTHER_MEMBER) }, expected: 'Allowed' },
      { name: 'the SIEM lists the logs', request: { ...reader, action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': 'AWSLogs/' } }, expected: 'Allowed' },
      { name: 'the SIEM decrypts through S3', request: { ...reader, action: 'kms:Decrypt', resource: key, context: viaS3 }, expected: 'Allowed' },
      { name: 'the SIEM writes a log file', request: { ...reader, action: 's3:PutObject', resource: ownLog(MEMBER) }, expected: 'Denied' },
      { name: 'an outsider reads with a member\'s prefix', request: { principal: admin(OUTSIDER), action: 's3:GetObject', resource: ownLog(OUTSIDER), identityPolicies: [ADMINISTRATOR] }, expected: 'Denied' },
    ]);
  });
  test('the management account keeps its log group, alarms and tamper alerts', async () => {
    await expectDecisions(d, managementCases(d, 'TrailKey', 'LogArchiveBucket'));
  });
});

describe('a bucket and key outside the app, carrying exactly the statements the warnings print', () => {
  const OWN_BUCKET = 'central-logs';
  const OWN_KEY = 'arn:aws:kms:us-east-1:111111111111:key/key-ownkey';
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new OrganizationTrail(stack, 'Trail', {
    organizationId: ORG_ID,
    trailName: 'org-trail',
    bucket: s3.Bucket.fromBucketName(stack, 'Bucket', OWN_BUCKET),
    encryptionKey: kms.Key.fromKeyArn(stack, 'Key', OWN_KEY),
  });
  const assembly = app.synth();
  const printed = (id: string): any[] => {
    const warning = assembly.getStackByName('Management').messages.find((m) => String(m.entry.data).includes(`:${id}]`));
    if (!warning) throw new Error(`no ${id} warning`);
    return statementsIn(String(warning.entry.data));
  };
  // The owner's resources as they would be deployed: the key keeps the account's default admin statement.
  const own = {
    stackName: 'Own',
    environment: { account: MANAGEMENT, region: 'us-east-1' },
    template: {
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: OWN_BUCKET } },
        BucketPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: { Bucket: OWN_BUCKET, PolicyDocument: { Version: '2012-10-17', Statement: printed('bucketPolicyNotManaged') } },
        },
        OwnKey: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'kms:*', Resource: '*' },
                ...printed('keyPolicyNotManaged'),
              ],
            },
          },
        },
      },
    },
  };
  const d = new Deployment(assembly.stacks).with([own]);

  test('the printed statements let CloudTrail deliver, and only this trail', async () => {
    // The owner's TLS-only deny is the owner's own; the printed statements are only CloudTrail's.
    const cases = deliveryCases(d, '^Bucket$', '^OwnKey$').filter((c) => c.name !== 'CloudTrail writes without TLS');
    expect(d.one('AWS::CloudTrail::Trail').property('KMSKeyId')).toBe(OWN_KEY);
    expect(printed('bucketPolicyNotManaged').map((st) => st.Sid)).toEqual(['CloudTrailAclCheck', 'CloudTrailAccountWrite', 'CloudTrailOrganizationWrite']);
    expect(printed('keyPolicyNotManaged').map((st) => st.Sid)).toEqual(['CloudTrailEncryptLogs', 'CloudTrailDecryptWithBucketKey', 'CloudTrailDescribeKey']);
    await expectDecisions(d, cases);
  });
});

describe('query-ready logs', () => {
  const d = Deployment.of((app) => {
    const stack = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
    const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', analytics: {} });
    trail.analytics!.grantQuery(new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() }));
  });

  test('an analyst given grantQuery runs the saved queries over the log files, and reads nothing else', async () => {
    const analyst = d.one('AWS::IAM::Role', '^Analyst').arn;
    const trail = d.one('AWS::CloudTrail::Trail').arn;
    const logs = d.one('AWS::S3::Bucket', 'LogArchiveBucket').arn;
    const results = d.one('AWS::S3::Bucket', 'ResultsBucket').arn;
    const logKey = d.one('AWS::KMS::Key', '^TrailKey').arn;
    const resultsKey = d.one('AWS::KMS::Key', 'ResultsKey').arn;
    const workGroup = d.one('AWS::Athena::WorkGroup').ref;
    const database = d.one('AWS::Glue::Database').ref;
    const table = d.one('AWS::Glue::Table').ref;
    const glue = (resource: string) => `arn:aws:glue:us-east-1:${MANAGEMENT}:${resource}`;
    const viaS3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
    await expectDecisions(d, [
      { name: 'starts a query in the workgroup', request: { principal: analyst, action: 'athena:StartQueryExecution', resource: `arn:aws:athena:us-east-1:${MANAGEMENT}:workgroup/${workGroup}` }, expected: 'Allowed' },
      { name: 'starts a query in another workgroup', request: { principal: analyst, action: 'athena:StartQueryExecution', resource: `arn:aws:athena:us-east-1:${MANAGEMENT}:workgroup/primary` }, expected: 'Denied' },
      { name: 'reads the table', request: { principal: analyst, action: 'glue:GetTable', resource: glue(`table/${database}/${table}`) }, expected: 'Allowed' },
      { name: 'reads another table', request: { principal: analyst, action: 'glue:GetTable', resource: glue(`table/${database}/other`) }, expected: 'Denied' },
      { name: 'reads a log file', request: { principal: analyst, action: 's3:GetObject', resource: `${logs}/AWSLogs/${ORG_ID}/${MEMBER}/CloudTrail/us-east-1/2026/12/02/x.json.gz` }, expected: 'Allowed' },
      { name: 'decrypts a log file of this trail', request: { principal: analyst, action: 'kms:Decrypt', resource: logKey, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': trail } }, expected: 'Allowed' },
      { name: 'decrypts data of another trail', request: { principal: analyst, action: 'kms:Decrypt', resource: logKey, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': `${trail}-other` } }, expected: 'Denied' },
      { name: 'writes a result', request: { principal: analyst, action: 's3:PutObject', resource: `${results}/athena-results/q1.csv` }, expected: 'Allowed' },
      { name: 'encrypts a result through S3', request: { principal: analyst, action: 'kms:GenerateDataKey', resource: resultsKey, context: viaS3 }, expected: 'Allowed' },
      { name: 'writes a log file', request: { principal: analyst, action: 's3:PutObject', resource: `${logs}/AWSLogs/x` }, expected: 'Denied' },
      { name: 'deletes a log file', request: { principal: analyst, action: 's3:DeleteObject', resource: `${logs}/AWSLogs/x` }, expected: 'Denied' },
    ]);
  });
});

describe('organization-wide forwarding, with the StackSet\'s own member template', () => {
  const management = crossAccount;
  const stackSet = management.one('AWS::CloudFormation::StackSet');
  const memberTemplate = JSON.parse(stackSet.property('TemplateBody'));
  const busArn = stackSet.property('Parameters')[0].ParameterValue;
  const instance = (account: string) => ({
    stackName: `Member${account}`,
    environment: { account, region: 'eu-west-1' },
    template: memberTemplate,
    parameters: { CentralEventBusArn: busArn },
  });
  const d = management.with([instance(MEMBER), instance(OUTSIDER)]);
  const roleOf = (account: string) => d.all('AWS::IAM::Role', 'ForwardingRole').find((r) => r.account === account)!.arn;

  test('members forward to the central bus, and nobody outside the organization can', async () => {
    await expectDecisions(d, [
      { name: 'EventBridge assumes a member\'s forwarding role', request: { principal: 'events.amazonaws.com', action: 'sts:AssumeRole', resource: roleOf(MEMBER) }, expected: 'Allowed' },
      { name: 'a member forwards to the central bus', request: { principal: roleOf(MEMBER), action: 'events:PutEvents', resource: busArn }, expected: 'Allowed' },
      { name: 'the management account forwards locally', request: { principal: d.one('AWS::IAM::Role', 'LocalForwardingRole').arn, action: 'events:PutEvents', resource: busArn }, expected: 'Allowed' },
      { name: 'a member forwards to another bus', request: { principal: roleOf(MEMBER), action: 'events:PutEvents', resource: busArn.replace(/event-bus\/.*/, 'event-bus/default') }, expected: 'Denied' },
      { name: 'an account outside the organization forwards', request: { principal: roleOf(OUTSIDER), action: 'events:PutEvents', resource: busArn }, expected: 'Denied' },
    ]);
  });
});

/** The JSON statements at the end of a `*PolicyNotManaged` warning, in order. */
function statementsIn(message: string): any[] {
  const found: any[] = [];
  let depth = 0;
  let start = -1;
  for (let i = message.indexOf(': {') + 2; i < message.length; i++) {
    if (message[i] === '{' && depth++ === 0) start = i;
    if (message[i] === '}' && --depth === 0) found.push(JSON.parse(message.slice(start, i + 1)));
  }
  return found;
}
