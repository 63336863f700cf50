import { App, Duration, PhysicalName, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LogArchive, LogArchiveProps } from '../../src';
import { ORG_ID, onlyResource, partitionArn, statementWithSid, statements, testStack } from '../util';

const SIEM_ROLE = 'arn:aws:iam::333333333333:role/siem-reader';
const REPLICA_BUCKET = 'arn:aws:s3:::org-trail-replica';
const REPLICA_KEY = 'arn:aws:kms:us-west-2:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function archive(props: Partial<LogArchiveProps> = {}, stack: Stack = testStack()) {
  const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, ...props });
  return { stack, logArchive, template: () => Template.fromStack(stack) };
}

function logBucket(template: Template): { id: string; resource: any; policy: any[] } {
  const [id, resource] = Object.entries(template.findResources('AWS::S3::Bucket')).find(([, r]) => r.Properties.ObjectLockEnabled)!;
  const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === id)!;
  return { id, resource, policy: statements(policy) };
}

const keyPolicy = (template: Template) => statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
const logKeys = (bucketId: string, rest = '*AWSLogs/*') => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${rest}`]] });

describe('grantRead', () => {
  test('gives a role of the same account GetObject and ListBucket on the log keys and Decrypt of CloudTrail data keys', () => {
    // Given a reader role in the archive's account
    const { stack, logArchive, template } = archive();
    const role = new iam.Role(stack, 'Investigator', { assumedBy: new iam.AccountRootPrincipal() });
    // When it is granted read access
    logArchive.grantRead(role);
    // Then its own policy allows exactly that, and the resource policies need not name it
    const t = template();
    const { id: bucketId, policy } = logBucket(t);
    const keyId = onlyResource(t, 'AWS::KMS::Key').id;
    expect(statements(onlyResource(t, 'AWS::IAM::Policy').resource)).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: logKeys(bucketId) },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: { StringLike: { 's3:prefix': '*AWSLogs/*' } },
      },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
          Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' },
        },
      },
    ]);
    expect(JSON.stringify(policy)).not.toContain('Investigator');
    expect(JSON.stringify(keyPolicy(t))).not.toContain('Investigator');
  });

  test('names a principal of another account in the bucket and key policies, Decrypt only with the CloudTrail context', () => {
    const { logArchive, template } = archive();
    const grant = logArchive.grantRead(new iam.ArnPrincipal(SIEM_ROLE));
    const t = template();
    const { id: bucketId, policy } = logBucket(t);
    expect(policy).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Principal: { AWS: SIEM_ROLE }, Action: 's3:GetObject', Resource: logKeys(bucketId) },
        {
          Effect: 'Allow',
          Principal: { AWS: SIEM_ROLE },
          Action: 's3:ListBucket',
          Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
          Condition: { StringLike: { 's3:prefix': '*AWSLogs/*' } },
        },
      ]),
    );
    expect(keyPolicy(t)).toContainEqual({
      Effect: 'Allow',
      Principal: { AWS: SIEM_ROLE },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
        Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' },
      },
    });
    expect(grant.success).toBe(true);
  });

  test('gives a role defined in another account\'s stack literal ARNs in its own policy', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const archiveStack = new Stack(app, 'Archive', { env: { account: '222222222222', region: 'us-east-1' } });
    const siemStack = new Stack(app, 'Siem', { env: { account: '333333333333', region: 'us-east-1' } });
    // A consumer in another environment needs the bucket's name: chosen here, before the first deployment.
    const { logArchive } = archive({ logBucket: { bucketName: 'org-trail-logs-222222222222' } }, archiveStack);
    // A role named in another environment's policies needs a physical name, as always in aws-cdk-lib.
    const role = new iam.Role(siemStack, 'Reader', { assumedBy: new iam.AccountRootPrincipal(), roleName: PhysicalName.GENERATE_IF_NEEDED });
    logArchive.grantRead(role);
    const siem = Template.fromStack(siemStack);
    expect(logBucket(Template.fromStack(archiveStack)).resource.Properties.BucketName).toBe('org-trail-logs-222222222222');
    const policy = statements(onlyResource(siem, 'AWS::IAM::Policy').resource);
    expect(policy[0].Resource).toEqual(partitionArn(':s3:::org-trail-logs-222222222222/*AWSLogs/*'));
    expect(policy[2].Resource).toEqual(partitionArn(':kms:us-east-1:222222222222:key/*'));
    expect(JSON.stringify(siem.toJSON())).not.toContain('Fn::ImportValue');
    expect(JSON.stringify(keyPolicy(Template.fromStack(archiveStack)))).toContain('333333333333');
  });
});

describe('member accounts reading their own logs', () => {
  test('is off by default', () => {
    const { template } = archive();
    const t = template();
    expect(logBucket(t).policy.map((s) => s.Sid)).not.toContain('MemberAccountsReadOwnLogs');
    expect(keyPolicy(t).map((s) => s.Sid)).not.toContain('MemberAccountsDecryptOwnLogs');
  });

  test('lets each account of the organization read and list only its own prefix', () => {
    const { template } = archive({ memberAccountsReadOwnLogs: true });
    const { id, policy } = logBucket(template());
    expect(statementWithSid(policy, 'MemberAccountsReadOwnLogs')).toEqual({
      Sid: 'MemberAccountsReadOwnLogs',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
      Resource: logKeys(id, `*AWSLogs/${ORG_ID}/\${aws:PrincipalAccount}/*`),
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    });
    expect(statementWithSid(policy, 'MemberAccountsListOwnLogs')).toEqual({
      Sid: 'MemberAccountsListOwnLogs',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:ListBucket',
      Resource: { 'Fn::GetAtt': [id, 'Arn'] },
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
        StringLike: { 's3:prefix': `*AWSLogs/${ORG_ID}/\${aws:PrincipalAccount}/*` },
      },
    });
  });

  test('lets them decrypt CloudTrail data keys only through S3, which limits them to their prefix', () => {
    const { template } = archive({ memberAccountsReadOwnLogs: true });
    expect(statementWithSid(keyPolicy(template()), 'MemberAccountsDecryptOwnLogs')).toEqual({
      Sid: 'MemberAccountsDecryptOwnLogs',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG_ID, 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
        Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' },
      },
    });
  });

  test('skips checkov CKV_AWS_33 (a "*" principal in the key policy) on the key, with the reason, only then', () => {
    const skipsOf = (t: Template) => Object.values(t.findResources('AWS::KMS::Key')).map((k) => k.Metadata?.checkov);
    expect(skipsOf(archive().template())).toEqual([undefined]);
    expect(skipsOf(archive({ memberAccountsReadOwnLogs: true }).template())).toEqual([
      { skip: [{ id: 'CKV_AWS_33', comment: expect.stringMatching(/^The principal "\*" is how a key policy names every account of an organization/) }] },
    ]);
  });

  test('with an imported key, warns with the key-policy statement to add', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    archive({ memberAccountsReadOwnLogs: true, encryptionKey: key }, stack);
    Annotations.fromStack(stack).hasWarning('/Stack/LogArchive', Match.stringLikeRegexp('MemberAccountsDecryptOwnLogs.*keyPolicyNotManaged'));
  });
});

describe('Object Lock', () => {
  test('has no default retention unless asked', () => {
    const { template } = archive();
    expect(logBucket(template()).resource.Properties.ObjectLockConfiguration).toBeUndefined();
  });

  test.each([
    ['governance', s3.ObjectLockRetention.governance(Duration.days(365)), 'GOVERNANCE', 365],
    ['compliance', s3.ObjectLockRetention.compliance(Duration.days(2557)), 'COMPLIANCE', 2557],
  ])('applies a default %s retention to every log file', (_, objectLockRetention, Mode, Days) => {
    const { template } = archive({ logBucket: { objectLockRetention } });
    expect(logBucket(template()).resource.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode, Days } } },
    });
  });
});

describe('replication', () => {
  const replica = (stack: Stack) => ({
    destinationBucket: s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: REPLICA_BUCKET, region: 'us-west-2', account: '444444444444' }),
    destinationKey: kms.Key.fromKeyArn(stack, 'ReplicaKey', REPLICA_KEY),
  });

  test('copies every log file, SSE-KMS ones included, re-encrypted with the destination key and owned by its account', () => {
    const stack = testStack();
    const { logArchive, template } = archive({ logBucket: { replication: replica(stack) } }, stack);
    const t = template();
    const role = onlyResource(t, 'AWS::IAM::Role');
    expect(logBucket(t).resource.Properties.ReplicationConfiguration).toEqual({
      Role: { 'Fn::GetAtt': [role.id, 'Arn'] },
      Rules: [
        {
          Id: 'CopyLogFiles',
          Status: 'Enabled',
          Priority: 0,
          Filter: { Prefix: '' },
          DeleteMarkerReplication: { Status: 'Disabled' },
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
          Destination: {
            Bucket: REPLICA_BUCKET,
            EncryptionConfiguration: { ReplicaKmsKeyID: REPLICA_KEY },
            Account: '444444444444',
            AccessControlTranslation: { Owner: 'Destination' },
          },
        },
      ],
    });
    expect(role.resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(logArchive.replication?.role.node.path).toBe('Stack/LogArchive/Replication/Role');
  });

  test('the role has a customer managed policy limited to the two buckets and keys, KMS only through S3', () => {
    const stack = testStack();
    const { template } = archive({ logBucket: { replication: replica(stack) } }, stack);
    const t = template();
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const { id: bucketId } = logBucket(t);
    const keyId = onlyResource(t, 'AWS::KMS::Key').id;
    const sourceArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    const policy = statements(onlyResource(t, 'AWS::IAM::ManagedPolicy').resource);
    expect(policy.map((s) => s.Sid)).toEqual(['ReadReplicationConfiguration', 'ReadSourceVersions', 'WriteReplicas', 'DecryptSource', 'EncryptReplicas']);
    expect(statementWithSid(policy, 'ReadSourceVersions').Action).toEqual(
      expect.arrayContaining(['s3:GetObjectVersionForReplication', 's3:GetObjectRetention', 's3:GetObjectLegalHold']),
    );
    expect(statementWithSid(policy, 'WriteReplicas')).toMatchObject({
      Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
      Resource: `${REPLICA_BUCKET}/*`,
    });
    expect(statementWithSid(policy, 'DecryptSource')).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [sourceArn, { 'Fn::Join': ['', [sourceArn, '/*']] }] },
      },
    });
    expect(statementWithSid(policy, 'EncryptReplicas')).toMatchObject({
      Resource: REPLICA_KEY,
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [REPLICA_BUCKET, `${REPLICA_BUCKET}/*`] },
      },
    });
  });

  test('warns with the statements an imported destination of another account must add', () => {
    const stack = testStack();
    archive({ logBucket: { replication: replica(stack) } }, stack);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/LogArchive/Replication', Match.stringLikeRegexp('replica bucket is imported.*ReplicateLogFilesHere.*replicaBucketPolicyNotManaged'));
    annotations.hasWarning('/Stack/LogArchive/Replication', Match.stringLikeRegexp('replica KMS key is imported.*EncryptLogFileReplicas.*replicaKeyPolicyNotManaged'));
  });

  test('adds the statements to a destination bucket of another account defined in this app, naming the role by a literal ARN', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const archiveStack = new Stack(app, 'Archive', { env: { account: '222222222222', region: 'us-east-1' } });
    const replicaStack = new Stack(app, 'Replica', { env: { account: '444444444444', region: 'us-west-2' } });
    const destinationBucket = new s3.Bucket(replicaStack, 'Bucket', {
      bucketName: 'org-trail-replica',
      versioned: true,
      objectLockEnabled: true,
    });
    const destinationKey = kms.Key.fromKeyArn(replicaStack, 'Key', REPLICA_KEY);
    archive({ logBucket: { replication: { destinationBucket, destinationKey } } }, archiveStack);
    const replicaPolicy = statements(onlyResource(Template.fromStack(replicaStack), 'AWS::S3::BucketPolicy').resource);
    const roleName = onlyResource(Template.fromStack(archiveStack), 'AWS::IAM::Role').resource.Properties.RoleName;
    expect(typeof roleName).toBe('string');
    expect(statementWithSid(replicaPolicy, 'ReplicateLogFilesHere').Principal).toEqual({
      AWS: partitionArn(`:iam::222222222222:role/${roleName}`),
    });
    expect(JSON.stringify(Template.fromStack(replicaStack).toJSON())).not.toContain('Fn::ImportValue');
  });

  test('is acknowledged for the NIST, HIPAA and PCI replication rule only while off; the access-log bucket always', () => {
    const acknowledged = (construct: Construct) =>
      construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => JSON.stringify(m.data)).join();
    const off = archive().logArchive;
    const stack = testStack();
    const on = archive({ logBucket: { replication: replica(stack) } }, stack).logArchive;
    expect(acknowledged(off.bucket)).toContain('NIST.800.53.R5-S3BucketReplicationEnabled');
    expect(acknowledged(on.bucket)).not.toContain('S3BucketReplicationEnabled');
    expect(acknowledged(on.accessLogsBucket)).toContain('PCI.DSS.321-S3BucketReplicationEnabled');
  });
});
