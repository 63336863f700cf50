import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { CloudTrailTrustedAccess, SecurityEventForwarding } from '../../src';
import { ForwardingMemberStack } from '../../src/organization/private/member-stack';
import { ORG_ID, onlyResource, statements, testStack } from '../util';

function forwarding() {
  const stack = testStack('Security');
  const construct = new SecurityEventForwarding(stack, 'Forwarding', {
    organizationId: ORG_ID,
    organizationalUnitIds: ['r-ab12', 'ou-ab12-cdefgh34'],
    regions: ['us-east-1', 'eu-west-1'],
  });
  return { stack, construct, template: Template.fromStack(stack) };
}

describe('SecurityEventForwarding', () => {
  test('creates a central event bus that only the organization\'s accounts may put events on', () => {
    const { template } = forwarding();
    const bus = onlyResource(template, 'AWS::Events::EventBus');
    expect(bus.resource.Properties.Name).toBe('organization-security-events');
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: { Ref: bus.id },
      // aws-cdk-lib prefixes the statement id.
      StatementId: 'cdk-OrganizationAccountsPutEvents',
      Statement: {
        Sid: 'cdk-OrganizationAccountsPutEvents',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'events:PutEvents',
        Resource: { 'Fn::GetAtt': [bus.id, 'Arn'] },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
      },
    });
  });

  test('deploys to the organizational units with service-managed permissions and automatic deployment', () => {
    const { template, construct } = forwarding();
    const bus = onlyResource(template, 'AWS::Events::EventBus').id;
    const stackSet = onlyResource(template, 'AWS::CloudFormation::StackSet');
    expect(stackSet.resource.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_IAM'],
      ManagedExecution: { Active: true },
      Parameters: [{ ParameterKey: 'CentralEventBusArn', ParameterValue: { 'Fn::GetAtt': [bus, 'Arn'] } }],
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: ['r-ab12', 'ou-ab12-cdefgh34'] }, Regions: ['us-east-1', 'eu-west-1'] },
      ],
      TemplateBody: construct.memberTemplate,
    });
    expect(stackSet.resource.DependsOn).toEqual(expect.arrayContaining([bus]));
  });

  test('the StackSet template is the synthesized member stack: rules forwarding to the bus given as a parameter', () => {
    const { construct } = forwarding();
    const member = JSON.parse(construct.memberTemplate);
    expect(Object.keys(member.Parameters)).toEqual(['CentralEventBusArn']);
    // Deployable without a CDK bootstrap and without CDK metadata.
    expect(member.Rules).toBeUndefined();
    expect(JSON.stringify(member)).not.toMatch(/BootstrapVersion|CDKMetadata|aws:cdk:path/);
    const rules = Object.values<any>(member.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual([
      { 'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS API Call via CloudTrail'], 'detail': { userIdentity: { type: ['Root'] } } },
      expect.objectContaining({
        source: ['aws.cloudtrail'],
        detail: expect.objectContaining({ eventName: expect.arrayContaining(['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']) }),
      }),
      expect.objectContaining({ source: ['aws.organizations'], detail: expect.objectContaining({ eventName: ['LeaveOrganization'] }) }),
    ]);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([{ Id: 'CentralEventBus', Arn: { Ref: 'CentralEventBusArn' }, RoleArn: expect.anything() }]);
    }
  });

  test('the member role may put events on the central bus only, through a customer managed policy', () => {
    const member = Template.fromStack(new ForwardingMemberStack(new App({ builtinCloudFormationValidation: false }), 'Member'));
    member.resourceCountIs('AWS::IAM::Policy', 0);
    expect(onlyResource(member, 'AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(statements(onlyResource(member, 'AWS::IAM::ManagedPolicy').resource)).toEqual([
      { Sid: 'PutOnCentralBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: { Ref: 'CentralEventBusArn' } },
    ]);
  });

  test('forwards this account\'s own events too, which service-managed StackSets never deploy to', () => {
    const { template, construct } = forwarding();
    const bus = onlyResource(template, 'AWS::Events::EventBus').id;
    expect(construct.localRules).toHaveLength(3);
    expect(construct.localPolicy.node.path).toBe('Security/Forwarding/LocalForwarding/Policy');
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [bus, 'Arn'] });
  });

  test('runs from a delegated administrator account when told', () => {
    const stack = testStack();
    new SecurityEventForwarding(stack, 'Forwarding', {
      organizationId: ORG_ID,
      organizationalUnitIds: ['r-ab12'],
      regions: ['us-east-1'],
      delegatedAdministrator: true,
      eventBusName: 'security',
      stackSetName: 'security-forwarding',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudFormation::StackSet', { CallAs: 'DELEGATED_ADMIN', StackSetName: 'security-forwarding' });
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'security' });
  });

  test('synthesizes the member stack outside the app and leaves nothing on disk', () => {
    // Other test files synthesize StackSets in parallel: follow the directories this synthesis creates.
    const mkdtemp = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'mkdtempSync');
    try {
      const { stack } = forwarding();
      const created = mkdtemp.mock.results.map((r) => r.value as string).filter((d) => d.startsWith(path.join(os.tmpdir(), 'cdk-organization-trail-stackset-')));
      expect(created).not.toHaveLength(0);
      for (const dir of created) expect(fs.existsSync(dir)).toBe(false);
      expect(App.of(stack)!.node.children.filter((c) => c instanceof Stack)).toHaveLength(1);
    } finally {
      mkdtemp.mockRestore();
    }
  });
});

describe('CloudTrailTrustedAccess', () => {
  function trustedAccess() {
    const stack = testStack('Management');
    const construct = new CloudTrailTrustedAccess(stack, 'TrustedAccess');
    return { stack, construct, template: Template.fromStack(stack) };
  }

  test('calls organizations:EnableAWSServiceAccess for CloudTrail on create and update, and nothing on delete', () => {
    const { template } = trustedAccess();
    const resource = onlyResource(template, 'Custom::CloudTrailTrustedAccess').resource;
    for (const event of ['Create', 'Update']) {
      expect(JSON.parse(resource.Properties[event])).toMatchObject({
        service: 'Organizations',
        action: 'enableAWSServiceAccess',
        parameters: { ServicePrincipal: 'cloudtrail.amazonaws.com' },
      });
    }
    expect(resource.Properties.Delete).toBeUndefined();
    expect(resource.Properties.InstallLatestAwsSdk).toBe(false);
  });

  test('its role may make only that call, through a customer managed policy', () => {
    const { template, construct } = trustedAccess();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(statements(onlyResource(template, 'AWS::IAM::ManagedPolicy').resource)).toEqual([
      {
        Sid: 'EnableCloudTrailTrustedAccess',
        Effect: 'Allow',
        Action: 'organizations:EnableAWSServiceAccess',
        Resource: '*',
        Condition: { StringEquals: { 'organizations:ServicePrincipal': 'cloudtrail.amazonaws.com' } },
      },
    ]);
    const fn = onlyResource(template, 'AWS::Lambda::Function').resource;
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [onlyResource(template, 'AWS::IAM::Role').id, 'Arn'] });
    expect(construct.customResource.node.dependencies).toContain(construct.policy);
  });

  test('acknowledges the Lambda findings on the shared provider function with reasons', () => {
    const { stack } = trustedAccess();
    const provider = stack.node.findChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    const acks = provider.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
    const ids = JSON.stringify(acks);
    for (const rule of ['LambdaInsideVPC', 'LambdaConcurrency', 'LambdaDLQ', 'lambda_inside_vpc_check']) expect(ids).toContain(rule);
  });
});
