import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ArchiveTamperAlerts, LogArchive, LogArchiveGuardrails, LogArchiveGuardrailsProps, OrganizationTrail } from '../../src';
import { TAMPER_CALLS } from '../../src/core/tamper-calls';
import { ORG_ID, testApp } from '../util';

const MANAGEMENT = '111111111111';
const ARCHIVE = '222222222222';
const KEY_ARN = `arn:aws:kms:us-east-1:${ARCHIVE}:key/11111111-2222-3333-4444-555555555555`;
const BREAK_GLASS = `arn:aws:iam::${ARCHIVE}:role/BreakGlass`;
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The guardrails of an archive imported by bucket names and key ARN, deployed from the management account. */
function importedArchiveGuardrails(props: Partial<LogArchiveGuardrailsProps> = {}) {
  const stack = new Stack(testApp(), 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: 'org-trail-logs',
    accessLogsBucketName: 'org-trail-access-logs',
    encryptionKeyArn: KEY_ARN,
    organizationId: ORG_ID,
  });
  const guardrails = new LogArchiveGuardrails(stack, 'Guardrails', {
    logArchive,
    targetIds: ['ou-ab12-34cd56ef'],
    exemptPrincipalArns: [BREAK_GLASS],
    resourceControlPolicy: true,
    policyNamePrefix: 'org-trail',
    ...props,
  });
  return { stack, guardrails, template: Template.fromStack(stack) };
}

/** The content of the policy of this name suffix. */
function policyContent(template: Template, suffix: string): any {
  const found = Object.values(template.findResources('AWS::Organizations::Policy')).filter((p: any) => p.Properties.Name.endsWith(suffix));
  expect(found).toHaveLength(1);
  return (found[0] as any).Properties.Content;
}

const catalogueActions = (kind: keyof typeof TAMPER_CALLS) => [...new Set(Object.values(TAMPER_CALLS[kind].iamActions ?? {}).flat())].sort();

describe('the service control policies', () => {
  const { template } = importedArchiveGuardrails();

  test('protect the buckets, log files and key with the catalogue\'s calls, sparing the exempt principals', () => {
    const exempt = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS, `arn:aws:iam::${ARCHIVE}:role/cdk-*-cfn-exec-role-${ARCHIVE}-*`] } };
    expect(policyContent(template, '-protect-log-archive')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyLogBucketChanges',
          Effect: 'Deny',
          Action: [
            's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketLogging', 's3:PutBucketObjectLockConfiguration',
            's3:PutBucketOwnershipControls', 's3:PutBucketPolicy', 's3:PutBucketPublicAccessBlock', 's3:PutBucketVersioning',
            's3:PutEncryptionConfiguration', 's3:PutLifecycleConfiguration', 's3:PutReplicationConfiguration',
          ],
          Resource: ['arn:aws:s3:::org-trail-logs', 'arn:aws:s3:::org-trail-access-logs'],
          Condition: exempt,
        },
        {
          Sid: 'DenyLogFileDeletion',
          Effect: 'Deny',
          Action: ['s3:BypassGovernanceRetention', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention'],
          Resource: ['arn:aws:s3:::org-trail-logs/*', 'arn:aws:s3:::org-trail-access-logs/*'],
          Condition: exempt,
        },
        {
          Sid: 'DenyLogKeyChanges',
          Effect: 'Deny',
          Action: ['kms:CreateGrant', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
          Resource: KEY_ARN,
          Condition: exempt,
        },
      ],
    });
  });

  test('are derived from the tamper catalogue: every call the tamper rule watches on a bucket or key is denied', () => {
    const statements = policyContent(template, '-protect-log-archive').Statement;
    expect(statements[0].Action).toEqual(catalogueActions('bucket'));
    expect(statements[1].Action).toEqual(catalogueActions('logFiles'));
    expect(statements[2].Action).toEqual(catalogueActions('key'));
    for (const kind of ['bucket', 'key'] as const) expect(Object.keys(TAMPER_CALLS[kind].iamActions ?? {})).toEqual(TAMPER_CALLS[kind].eventNames);
  });

  test('deny member accounts leaving the organization', () => {
    expect(policyContent(template, '-deny-leave-organization')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: '*' }],
    });
  });

  test('attach to the targets named, as CloudFormation resources of the types AWS Organizations takes', () => {
    const policies = Object.values(template.findResources('AWS::Organizations::Policy')).map((p: any) => [p.Properties.Name, p.Properties.Type, p.Properties.TargetIds]);
    expect(policies).toEqual([
      ['org-trail-protect-log-archive', 'SERVICE_CONTROL_POLICY', ['ou-ab12-34cd56ef']],
      ['org-trail-deny-leave-organization', 'SERVICE_CONTROL_POLICY', ['ou-ab12-34cd56ef']],
      ['org-trail-log-archive-perimeter', 'RESOURCE_CONTROL_POLICY', ['ou-ab12-34cd56ef']],
    ]);
  });

  test('the defaults: no resource control policy, leaving denied, the CDK deployments of the archive account exempt', () => {
    const { template: defaults } = importedArchiveGuardrails({
      exemptPrincipalArns: undefined,
      resourceControlPolicy: undefined,
      policyNamePrefix: undefined,
    });
    const types = Object.values(defaults.findResources('AWS::Organizations::Policy')).map((p: any) => p.Properties.Type);
    expect(types).toEqual(['SERVICE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
    expect(policyContent(defaults, '-protect-log-archive').Statement[0].Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ARCHIVE}:role/cdk-*-cfn-exec-role-${ARCHIVE}-*`] },
    });
    const { template: none } = importedArchiveGuardrails({ exemptPrincipalArns: [], exemptCdkDeployments: false, denyLeaveOrganization: false });
    expect(policyContent(none, '-protect-log-archive').Statement[0].Condition).toBeUndefined();
    expect(Object.keys(none.findResources('AWS::Organizations::Policy'))).toHaveLength(2);
  });
});

describe('an archive of this app in its own account', () => {
  test('is named by bucket names and the key\'s alias, known at synth time, without exports across accounts', () => {
    const app = testApp();
    const archiveStack = new Stack(app, 'LogArchive', { env: { account: ARCHIVE, region: 'us-east-1' } });
    const management = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
    const archive = new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID });
    new OrganizationTrail(management, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', logArchive: archive });
    new LogArchiveGuardrails(management, 'Guardrails', { logArchive: archive, targetIds: ['ou-ab12-34cd56ef'] });
    const content = management.resolve(Template.fromStack(management).toJSON().Resources);
    const policy: any = Object.values(content).find((r: any) => r.Type === 'AWS::Organizations::Policy' && r.Properties.Name.endsWith('-protect-log-archive'));
    const [buckets, , key] = policy.Properties.Content.Statement;
    // Literals, not references to another stack
    for (const resource of buckets.Resource) expect(resource).toMatch(/^arn:aws:s3:::[a-z0-9.-]+$/);
    expect(key.Resource).toBe(`arn:aws:kms:us-east-1:${ARCHIVE}:key/*`);
    expect(key.Condition['ForAnyValue:StringEquals']).toEqual({ 'kms:ResourceAliases': [archiveStack.resolve(archive.encryptionKeyAlias!.aliasName)] });
  });
});

test('what the guardrails deny and what the archive\'s rule detects are the same calls, from one catalogue', () => {
  const app = testApp();
  const archiveStack = new Stack(app, 'LogArchive', { env: { account: ARCHIVE, region: 'us-east-1' } });
  const management = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  const archive = new LogArchive(archiveStack, 'LogArchive', {
    organizationId: ORG_ID,
    tamperAlerts: ArchiveTamperAlerts.toEventBus(`arn:aws:events:us-east-1:${MANAGEMENT}:event-bus/organization-security-events`),
  });
  new OrganizationTrail(management, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', logArchive: archive });
  new LogArchiveGuardrails(management, 'Guardrails', { logArchive: archive, targetIds: ['ou-ab12-34cd56ef'] });

  const rule = Object.values(Template.fromStack(archiveStack).findResources('AWS::Events::Rule'))[0] as any;
  const detected = (source: string) => [...new Set(rule.Properties.EventPattern.detail.$or
    .filter((c: any) => c.eventSource[0] === source).flatMap((c: any) => c.eventName as string[]))] as string[];
  const scp = policyContent(Template.fromStack(management), '-protect-log-archive');
  const denied = (sid: string) => scp.Statement.find((st: any) => st.Sid === sid).Action as string[];
  for (const [source, kind, sid] of [['s3.amazonaws.com', 'bucket', 'DenyLogBucketChanges'], ['kms.amazonaws.com', 'key', 'DenyLogKeyChanges']] as const) {
    const calls = TAMPER_CALLS[kind];
    // Every call detected is prevented, by the action that authorizes it; every action denied guards a detected call.
    expect(detected(source).sort()).toEqual([...calls.eventNames].sort());
    expect([...new Set(detected(source).flatMap((name) => calls.iamActions![name]))].sort()).toEqual([...denied(sid)].sort());
  }
});

describe('what AWS allows with the guardrails on, evaluated by iam-simulate', () => {
  const { template } = importedArchiveGuardrails();
  const scp = { orgIdentifier: 'ou-ab12-34cd56ef', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, { name: 'protect', policy: policyContent(template, '-protect-log-archive') }, { name: 'leave', policy: policyContent(template, '-deny-leave-organization') }] };
  const rcp = { orgIdentifier: 'ou-ab12-34cd56ef', policies: [{ name: 'perimeter', policy: policyContent(template, '-log-archive-perimeter') }] };

  /**
   * The decision for a principal of the archive account (or another), with an identity policy allowing everything
   * and a resource policy allowing the request, so that only the organization's policies can refuse it. SCPs restrict
   * only the IAM users and roles of member accounts: iam-simulate applies them to service principals too, so they are
   * left out of a service principal's request, as AWS leaves them out.
   */
  async function decide(principal: string, action: string, resource: string, context: Record<string, string | string[]> = {}): Promise<string> {
    const isService = !principal.startsWith('arn:');
    const account = isService ? ARCHIVE : principal.split(':')[4];
    const inOrganization = account !== '999999999999';
    const contextVariables: Record<string, string | string[]> = {
      'aws:PrincipalIsAWSService': String(isService),
      ...(isService ? { 'aws:PrincipalServiceName': principal } : { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': account }),
      ...(!isService && inOrganization ? { 'aws:PrincipalOrgID': ORG_ID } : {}),
      ...context,
    };
    const resourcePolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: isService ? { Service: principal } : { AWS: principal }, Action: action, Resource: resource }],
    };
    const result = await runSimulation({
      request: { principal, action, resource: { resource, accountId: ARCHIVE }, contextVariables },
      identityPolicies: isService ? [] : [{ name: 'administrator', policy: ALLOW_ALL }],
      serviceControlPolicies: isService || !inOrganization ? [] : [scp],
      resourceControlPolicies: [rcp],
      resourcePolicy,
    }, { simulationMode: 'Strict' });
    if (result.resultType === 'error') throw new Error(`invalid simulation: ${JSON.stringify(result.errors)}`);
    return (result as { overallResult: string }).overallResult;
  }

  const ADMIN = `arn:aws:iam::${ARCHIVE}:role/Administrator`;
  const BUCKET = 'arn:aws:s3:::org-trail-logs';
  const bucketCalls = catalogueActions('bucket');
  const keyCalls = catalogueActions('key');

  test.each(bucketCalls)('%s on the log bucket: denied to an administrator of the archive account, allowed to the break-glass role and CDK deployments', async (action) => {
    expect(await decide(ADMIN, action, BUCKET)).toBe('ExplicitlyDenied');
    expect(await decide(BREAK_GLASS, action, BUCKET)).toBe('Allowed');
    expect(await decide(`arn:aws:iam::${ARCHIVE}:role/cdk-hnb659fds-cfn-exec-role-${ARCHIVE}-us-east-1`, action, BUCKET)).toBe('Allowed');
    expect(await decide(ADMIN, action, 'arn:aws:s3:::another-bucket')).toBe('Allowed');
  });

  test.each(keyCalls)('%s on the key: denied to an administrator, allowed to the break-glass role, not on another key', async (action) => {
    expect(await decide(ADMIN, action, KEY_ARN)).toBe('ExplicitlyDenied');
    expect(await decide(BREAK_GLASS, action, KEY_ARN)).toBe('Allowed');
    expect(await decide(ADMIN, action, `arn:aws:kms:us-east-1:${ARCHIVE}:key/99999999-8888-7777-6666-555555555555`)).toBe('Allowed');
  });

  test('log files cannot be deleted, nor their retention shortened, by an administrator', async () => {
    for (const action of catalogueActions('logFiles')) {
      expect(await decide(ADMIN, action, `${BUCKET}/AWSLogs/o-a1b2c3d4e5/111111111111/CloudTrail/us-east-1/2026/12/01/file.json.gz`)).toBe('ExplicitlyDenied');
    }
    expect(await decide(ADMIN, 's3:GetObject', `${BUCKET}/AWSLogs/file.json.gz`)).toBe('Allowed');
  });

  test('CloudTrail still delivers, and the organization\'s principals still read, under the resource control policy', async () => {
    expect(await decide('cloudtrail.amazonaws.com', 's3:PutObject', `${BUCKET}/AWSLogs/file.json.gz`, { 'aws:SourceAccount': MANAGEMENT })).toBe('Allowed');
    expect(await decide('cloudtrail.amazonaws.com', 'kms:GenerateDataKey', KEY_ARN)).toBe('Allowed');
    expect(await decide('arn:aws:iam::333333333333:role/siem-reader', 's3:GetObject', `${BUCKET}/AWSLogs/file.json.gz`)).toBe('Allowed');
  });

  test('a principal outside the organization is refused by the resource control policy, whatever the bucket and key policies allow', async () => {
    const outsider = 'arn:aws:iam::999999999999:role/Reader';
    expect(await decide(outsider, 's3:GetObject', `${BUCKET}/AWSLogs/file.json.gz`)).toBe('ExplicitlyDenied');
    expect(await decide(outsider, 'kms:Decrypt', KEY_ARN)).toBe('ExplicitlyDenied');
  });

  test('a member account cannot leave the organization', async () => {
    expect(await decide(ADMIN, 'organizations:LeaveOrganization', '*')).toBe('ExplicitlyDenied');
  });
});

describe('bad input', () => {
  test.each([
    [{ targetIds: [] }, /targetIds: is empty, so the policies protect nothing \(received \[\]\)/],
    [{ targetIds: ['ou-nope'] }, /targetIds\[0\]: is not a root \(r-...\), organizational unit \(ou-...-...\) or account id \(received "ou-nope"\)/],
    [{ targetIds: [MANAGEMENT] }, /targetIds\[0\]: is the account this stack deploys to, the management account, which service control and resource control policies never restrict/],
    [{ exemptPrincipalArns: ['BreakGlass'] }, /exemptPrincipalArns\[0\]: is not the ARN of an IAM role, user or session \(received "BreakGlass"\)/],
    [{ policyNamePrefix: 'p'.repeat(105) }, /policyNamePrefix: makes policy names longer than the 128 characters/],
    [{ exemptPrincipalArns: Array.from({ length: 40 }, (_, i) => `arn:aws:iam::${ARCHIVE}:role/break-glass-role-number-${i}`) }, /exemptPrincipalArns: exceeds the 5120 characters AWS Organizations allows in a policy \(received "a protection policy of up to \d+ characters"\)/],
  ])('%j is refused at synth time, naming the construct', (props, error) => {
    expect(() => importedArchiveGuardrails(props)).toThrow(/Invalid LogArchiveGuardrails configuration at Management\/Guardrails/);
    expect(() => importedArchiveGuardrails(props)).toThrow(error);
  });

  test('the longest valid prefix and the largest exemption list that fit are accepted', () => {
    expect(() => importedArchiveGuardrails({ policyNamePrefix: 'p'.repeat(104) })).not.toThrow();
    expect(() => importedArchiveGuardrails({ exemptPrincipalArns: Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${ARCHIVE}:role/break-glass-role-number-${i}`) })).not.toThrow();
  });
});
