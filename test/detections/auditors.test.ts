import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AWS_CONFIG_RULES, Deployment, PowerpipeRequirement, ProwlerRequirement, cisPasses, powerpipePasses, prowlerPasses, securityHubPasses } from './auditors';
import { DataEvent, DetectionTest, OrganizationTrail, OrganizationTrailProps, SecurityAlarmRule } from '../../src';
import { PUBLISHED_CIS_V6, PUBLISHED_SECURITY_HUB, SECURITY_HUB_CURRENT_CLOUDWATCH_13 } from '../alarms/published-patterns';
import { ORG_ID, testStack } from '../util';

const CORPUS_DIR = path.join(__dirname, 'corpus');
const CORPUS: object[] = fs.readdirSync(CORPUS_DIR).flatMap((file) =>
  JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8')).records.map((r: { record: object }) => r.record));

const IAM_NAMES = [
  'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy',
  'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy',
  'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
];
const TRAIL_NAMES = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];
const S3_NAMES = [
  'PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy',
  'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication',
];
const CONFIG_NAMES = ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'];
const SG_NAMES = ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'];
const NACL_NAMES = ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'];
const GATEWAY_NAMES = ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'];
const ROUTE_NAMES = ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'];
const VPC_NAMES = [
  'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection',
  'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
];
const ORGANIZATIONS_CIS_NAMES = [
  'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization',
  'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization',
  'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
];

/** One monitoring control, and what each tool looks for to judge it. */
interface MonitoringControl {
  readonly cis: string;
  readonly securityHub?: string[];
  readonly prowler: ProwlerRequirement;
  readonly powerpipe: PowerpipeRequirement;
}

/**
 * Per control: the CIS v6.0.0 number, Security Hub's texts, Prowler's required clauses (from its checks'
 * `build_metric_filter_pattern` calls and the ordered regexes of root usage and unauthorized calls) and the ordered
 * clauses of the mod's queries.
 */
const CONTROLS: MonitoringControl[] = [
  {
    cis: '5.1',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.2']],
    prowler: { ordered: ['errorCode = *UnauthorizedOperation', 'errorCode = AccessDenied*'] },
    powerpipe: { clauses: ['errorCode = "*UnauthorizedOperation"', 'errorCode = "AccessDenied*"', 'sourceIPAddress != "delivery.logs.amazonaws.com"', 'eventName != "HeadBucket"'] },
  },
  {
    cis: '5.2',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.3']],
    prowler: { eventNames: ['ConsoleLogin'], clauses: ['additionalEventData.MFAUsed != Yes'] },
    powerpipe: { clauses: ['eventName = "ConsoleLogin"', 'additionalEventData.MFAUsed != "Yes"'] },
  },
  {
    cis: '5.3',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.1']],
    prowler: { ordered: ['userIdentity.type = Root', 'userIdentity.invokedBy NOT EXISTS', 'eventType != AwsServiceEvent'] },
    powerpipe: { clauses: ['userIdentity.type = "Root"', 'userIdentity.invokedBy NOT EXISTS', 'eventType != "AwsServiceEvent"'] },
  },
  { cis: '5.4', securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.4']], prowler: { eventNames: IAM_NAMES }, powerpipe: { eventNames: IAM_NAMES } },
  { cis: '5.5', securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.5']], prowler: { eventNames: TRAIL_NAMES }, powerpipe: { eventNames: TRAIL_NAMES } },
  {
    cis: '5.6',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.6']],
    prowler: { eventNames: ['ConsoleLogin'], clauses: ['errorMessage = Failed authentication'] },
    powerpipe: { clauses: ['eventName = ConsoleLogin', 'errorMessage = "Failed authentication"'] },
  },
  {
    cis: '5.7',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.7']],
    prowler: { eventSource: 'kms.amazonaws.com', eventNames: ['DisableKey', 'ScheduleKeyDeletion'] },
    powerpipe: { eventSource: 'kms.amazonaws.com', eventNames: ['DisableKey', 'ScheduleKeyDeletion'] },
  },
  {
    cis: '5.8',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.8']],
    prowler: { eventSource: 's3.amazonaws.com', eventNames: S3_NAMES },
    powerpipe: { eventSource: 's3.amazonaws.com', eventNames: S3_NAMES },
  },
  {
    cis: '5.9',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.9']],
    prowler: { eventSource: 'config.amazonaws.com', eventNames: CONFIG_NAMES },
    powerpipe: { eventSource: 'config.amazonaws.com', eventNames: CONFIG_NAMES },
  },
  {
    cis: '5.10',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.10']],
    prowler: { eventNames: SG_NAMES },
    powerpipe: { eventNames: [...SG_NAMES, 'ModifySecurityGroupRules'] },
  },
  { cis: '5.11', securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.11']], prowler: { eventNames: NACL_NAMES }, powerpipe: { eventNames: NACL_NAMES } },
  { cis: '5.12', securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.12']], prowler: { eventNames: GATEWAY_NAMES }, powerpipe: { eventNames: GATEWAY_NAMES } },
  {
    cis: '5.13',
    securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.13'], SECURITY_HUB_CURRENT_CLOUDWATCH_13],
    prowler: { eventSource: 'ec2.amazonaws.com', eventNames: ROUTE_NAMES },
    powerpipe: { eventNames: ROUTE_NAMES },
  },
  { cis: '5.14', securityHub: [PUBLISHED_SECURITY_HUB['CloudWatch.14']], prowler: { eventNames: VPC_NAMES }, powerpipe: { eventNames: VPC_NAMES } },
  {
    cis: '5.15',
    prowler: { eventSource: 'organizations.amazonaws.com', eventNames: [...ORGANIZATIONS_CIS_NAMES, 'CancelHandshake', 'CreateOrganization', 'EnableAllFeatures'] },
    powerpipe: { eventSource: 'organizations.amazonaws.com', eventNames: ORGANIZATIONS_CIS_NAMES },
  },
];

function deploymentOf(props: Partial<OrganizationTrailProps> = {}): Deployment {
  const stack = testStack();
  new OrganizationTrail(stack, 'Trail', {
    organizationId: ORG_ID,
    trailName: 'org-trail',
    ...props,
    alarms: { emailSubscriptions: ['security@example.com'], ...props.alarms },
  });
  return new Deployment(Template.fromStack(stack).toJSON() as any);
}

/**
 * The benchmark's texts as an auditor would enter them: CIS v6.0.0 prints 5.15 with a stray quote after
 * AcceptHandshake, which CloudWatch Logs cannot parse (a test below shows it), so the quote is restored.
 */
const CIS_V6: Record<string, string> = {
  ...PUBLISHED_CIS_V6,
  5.15: PUBLISHED_CIS_V6['5.15'].replace('= AcceptHandshake")', '= "AcceptHandshake")'),
};

/** Each tool's verdict on each control. */
function verdicts(deployment: Deployment) {
  return CONTROLS.map((control) => ({
    cis: control.cis,
    securityHub: control.securityHub ? securityHubPasses(deployment, control.securityHub) : undefined,
    cisAudit: cisPasses(deployment, CIS_V6[control.cis], CORPUS),
    prowler: prowlerPasses(deployment, control.prowler),
    powerpipe: powerpipePasses(deployment, control.powerpipe),
  }));
}

const failing = (results: ReturnType<typeof verdicts>, tool: 'securityHub' | 'cisAudit' | 'prowler' | 'powerpipe') =>
  results.filter((r) => r[tool] === false).map((r) => r.cis);

describe('the default deployment, as auditors\' tools judge it', () => {
  const results = verdicts(deploymentOf());

  test.each(['securityHub', 'cisAudit', 'prowler', 'powerpipe'] as const)('%s: every monitoring control passes', (tool) => {
    expect(failing(results, tool)).toEqual([]);
    // Security Hub has no control for 5.15; every other tool judges all fifteen.
    expect(results.filter((r) => r[tool] === true)).toHaveLength(tool === 'securityHub' ? 14 : 15);
  });

  test('AWS Config: every managed rule for trails passes', () => {
    const [[, trail]] = deploymentOf().trails;
    expect(Object.entries(AWS_CONFIG_RULES).filter(([, passes]) => !passes(trail)).map(([name]) => name)).toEqual([]);
  });

  test('one event notifies once: each control is one alarm, whatever number of texts it counts', () => {
    const deployment = deploymentOf();
    const [[, trail]] = deployment.trails;
    const metrics = new Set(deployment.filtersOf(trail).map((f) => f.metricName));
    expect(metrics.size).toBe(15);
    for (const metric of metrics) expect(deployment.alarms.filter((a) => a.metricName === metric)).toHaveLength(1);
  });

  test('the README\'s compliance matrix shows these verdicts', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const mark = (passes: boolean | undefined) => (passes === undefined ? 'no control' : passes ? 'pass' : 'FAIL');
    CONTROLS.forEach((control, i) => {
      const r = results[i];
      const securityHubId = Object.keys(PUBLISHED_SECURITY_HUB).find((id) => PUBLISHED_SECURITY_HUB[id] === control.securityHub?.[0]) ?? '-';
      const row = `| ${r.cis} | ${securityHubId} | ${mark(r.securityHub)} | ${mark(r.cisAudit)} | ${mark(r.prowler)} | ${mark(r.powerpipe)} |`;
      expect(readme).toContain(row);
    });
    const [[, trail]] = deploymentOf().trails;
    for (const [rule, passes] of Object.entries(AWS_CONFIG_RULES)) expect(readme).toContain(`| \`${rule}\` | ${mark(passes(trail))} |`);
  });
});

test('CIS v6.0.0 prints 5.15 as a pattern CloudWatch Logs cannot parse', () => {
  expect(() => DetectionTest.filterPatternMatches(logs.FilterPattern.literal(PUBLISHED_CIS_V6['5.15']), {})).toThrow(/quoted value is not closed/);
  expect(DetectionTest.filterPatternMatches(logs.FilterPattern.literal(CIS_V6['5.15']), { eventSource: 'organizations.amazonaws.com', eventName: 'AcceptHandshake' })).toBe(true);
});

describe('the decisions can fail: each tool rejects what it should', () => {
  test('Security Hub\'s exact texts alone: Prowler misses the route-table event source and Organizations, CIS and Powerpipe more', () => {
    const results = verdicts(deploymentOf({ alarms: { rules: SecurityAlarmRule.SECURITY_HUB } }));
    expect(failing(results, 'securityHub')).toEqual([]);
    expect(failing(results, 'prowler')).toEqual(['5.13', '5.15']);
    expect(failing(results, 'powerpipe')).toEqual(['5.1', '5.10', '5.15']);
    expect(failing(results, 'cisAudit')).toEqual(['5.1', '5.10', '5.15']);
  });

  test('the CIS profile alone fails Security Hub where CIS\'s texts differ from its own, and nowhere else', () => {
    const results = verdicts(deploymentOf({ alarms: { rules: SecurityAlarmRule.CIS } }));
    expect(failing(results, 'securityHub')).toEqual(['5.1', '5.10']);
    expect(failing(results, 'cisAudit')).toEqual([]);
    expect(failing(results, 'prowler')).toEqual(['5.13']);
    expect(failing(results, 'powerpipe')).toEqual([]);
  });

  test('advanced event selectors hide the trail from Powerpipe and from Security Hub\'s documented steps', () => {
    const results = verdicts(deploymentOf({ dataEvents: [DataEvent.allLambdaInvocations()] }));
    expect(failing(results, 'powerpipe')).toHaveLength(15);
    expect(failing(results, 'securityHub')).toHaveLength(14);
    expect(failing(results, 'prowler')).toEqual([]);
  });

  test('an alarm topic without a subscription fails Security Hub and Powerpipe, not Prowler', () => {
    const stack = testStack();
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail' });
    const results = verdicts(new Deployment(Template.fromStack(stack).toJSON() as any));
    expect(failing(results, 'securityHub')).toHaveLength(14);
    expect(failing(results, 'powerpipe')).toHaveLength(15);
    expect(failing(results, 'prowler')).toEqual([]);
  });

  test('AWS Config: excluded management event sources fail the rules that ask for all management events', () => {
    const [[, trail]] = deploymentOf({ excludeManagementEventSources: [cloudtrail.ManagementEventSources.KMS] }).trails;
    expect(Object.entries(AWS_CONFIG_RULES).filter(([, passes]) => !passes(trail)).map(([name]) => name))
      .toEqual(['multi-region-cloudtrail-enabled', 'cloudtrail-security-trail-enabled']);
  });
});
