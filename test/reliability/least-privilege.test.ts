import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CONFIGURATIONS } from '../configurations';
import { stacksOf } from '../stateful';

/** Condition keys that tie a service principal's access to our own resources (confused-deputy protection). */
const CONFUSED_DEPUTY_KEYS = [/^aws:SourceArn$/, /^aws:SourceAccount$/, /^aws:SourceOrgID$/, /^kms:EncryptionContext:/];

/**
 * Allows to a service principal without such a condition, each with the reason the README gives:
 * - AssumeRole trust policies of service roles (delivery, replication, forwarding and custom-resource roles): only
 *   principals of the role's own account that hold iam:PassRole can hand a role to a service;
 * - the CloudTrail Lake event data store key, whose policy AWS documents without aws:SourceArn and aws:SourceAccount,
 *   which event data stores do not support;
 * - EventBridge's use of the alarm topic's key, for which AWS documents that the confused-deputy condition keys are not
 *   supported (the topic policy admits only the tamper rule, by its ARN).
 */
const UNCONDITIONED_BY_DESIGN = [
  { action: 'sts:AssumeRole', services: ['cloudtrail.amazonaws.com', 's3.amazonaws.com', 'events.amazonaws.com', 'lambda.amazonaws.com'] },
  { sid: 'CloudTrailLakeEncrypt', services: ['cloudtrail.amazonaws.com'] },
  { sid: 'CloudTrailLakeDecrypt', services: ['cloudtrail.amazonaws.com'] },
  { sid: 'EventBridgeEncryptNotifications', services: ['events.amazonaws.com'] },
];

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: any;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Every policy statement anywhere in the resources' properties: bucket, key, topic, IAM and trust policies. */
function statementsOf(value: unknown, found: Array<{ resource: string; statement: Statement }>, resource: string): void {
  if (Array.isArray(value)) {
    value.forEach((v) => statementsOf(v, found, resource));
  } else if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node.Statement)) {
      for (const statement of node.Statement as Statement[]) found.push({ resource, statement });
    } else {
      Object.values(node).forEach((v) => statementsOf(v, found, resource));
    }
  }
}

const policies: Array<{ resource: string; statement: Statement }> = [];
for (const [name, build] of Object.entries(CONFIGURATIONS)) {
  for (const stack of stacksOf(build(new App({ builtinCloudFormationValidation: false }), name))) {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
    for (const [id, resource] of Object.entries(resources)) statementsOf(resource.Properties, policies, `${stack.node.path}/${id}`);
  }
}
const allows = policies.filter(({ statement }) => statement.Effect === 'Allow');

test('walks the policies of every configuration', () => {
  expect(allows.length).toBeGreaterThan(20);
});

test('no policy allows the "*" principal, except to the organization\'s own accounts', () => {
  const open = allows.filter(({ statement: s }) => s.Principal === '*' || [s.Principal?.AWS].flat().includes('*'));
  // The one exception is opt-in (LogArchive memberAccountsReadOwnLogs): every member account reads its own prefix,
  // which cannot be written without "*" and aws:PrincipalOrgID, since the member accounts are not known at synth time.
  const outsideOrganization = open.filter(({ statement: s }) => s.Condition?.StringEquals?.['aws:PrincipalOrgID'] === undefined);
  expect(outsideOrganization).toEqual([]);
  expect(open.map(({ statement: s }) => s.Sid).sort()).toEqual(['MemberAccountsDecryptOwnLogs', 'MemberAccountsListOwnLogs', 'MemberAccountsReadOwnLogs']);
});

test('every Allow to a service principal carries a confused-deputy or encryption-context condition', () => {
  const unconditioned = allows.filter(({ statement: s }) => {
    const services = [s.Principal?.Service].flat().filter(Boolean);
    if (services.length === 0) return false;
    const keys = Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c));
    if (keys.some((k) => CONFUSED_DEPUTY_KEYS.some((re) => re.test(k)))) return false;
    return !UNCONDITIONED_BY_DESIGN.some(
      (d) =>
        ('sid' in d ? s.Sid === d.sid : [s.Action].flat().every((a) => a === d.action)) &&
        services.every((svc) => d.services.includes(svc)),
    );
  });
  expect(unconditioned).toEqual([]);
});
