import { TAMPER_CALLS, TamperCalls } from '../../core/tamper-calls';

/** What the guardrail policies protect and whom they spare. */
export interface GuardrailTarget {
  readonly partition: string;
  readonly organizationId: string;
  /** Names of the log archive's buckets: the log bucket, then its access-log bucket if known. */
  readonly bucketNames: string[];
  /** The archive's key: by ARN where this stack can name it, else by alias (`kms:ResourceAliases`). */
  readonly key: { readonly arn?: string; readonly aliasName?: string; readonly account?: string; readonly region?: string };
  /** Principals the service control policy does not restrict (`aws:PrincipalArn`, wildcards allowed). */
  readonly exemptPrincipalArns: string[];
}

type Statement = Record<string, unknown>;

/** The IAM actions of a kind of calls, each once, sorted: the policy reads the same whatever the catalogue's order. */
export function actionsOf(calls: TamperCalls): string[] {
  return [...new Set(Object.values(calls.iamActions ?? {}).flat())].sort();
}

function unlessExempt(target: GuardrailTarget): Record<string, unknown> {
  return target.exemptPrincipalArns.length === 0 ? {} : { ArnNotLike: { 'aws:PrincipalArn': target.exemptPrincipalArns } };
}

/** `Condition`, when there is one. */
function when(condition: Record<string, unknown>): Statement {
  return Object.keys(condition).length === 0 ? {} : { Condition: condition };
}

/** The key as a statement's resource, and the condition that names it by alias where its ARN is not known here. */
function keyResource(target: GuardrailTarget): { resource: string; condition: Record<string, unknown> } {
  const { arn, aliasName, account, region } = target.key;
  if (arn !== undefined) return { resource: arn, condition: {} };
  return {
    resource: `arn:${target.partition}:kms:${region ?? '*'}:${account ?? '*'}:key/*`,
    condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [aliasName] } },
  };
}

/**
 * The service control policy: no principal of a member account (but the exempt ones) may change or delete the log
 * archive's buckets, delete or unlock its log files, or weaken its key: the calls of the tamper catalogue that the
 * tamper rule detects, and the log-file deletions it cannot see.
 */
export function archiveProtectionPolicy(target: GuardrailTarget): Record<string, unknown> {
  const buckets = target.bucketNames.map((name) => `arn:${target.partition}:s3:::${name}`);
  const key = keyResource(target);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyLogBucketChanges', Effect: 'Deny', Action: actionsOf(TAMPER_CALLS.bucket), Resource: buckets, ...when(unlessExempt(target)) },
      { Sid: 'DenyLogFileDeletion', Effect: 'Deny', Action: actionsOf(TAMPER_CALLS.logFiles), Resource: buckets.map((arn) => `${arn}/*`), ...when(unlessExempt(target)) },
      { Sid: 'DenyLogKeyChanges', Effect: 'Deny', Action: actionsOf(TAMPER_CALLS.key), Resource: key.resource, ...when({ ...unlessExempt(target), ...key.condition }) },
    ],
  };
}

/** The service control policy that keeps member accounts, and so their logs, in the organization. */
export function leaveOrganizationPolicy(): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      // organizations:LeaveOrganization has no resource type: `*` is the only resource it takes.
      { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: actionsOf(TAMPER_CALLS.organizationMembership), Resource: '*' },
    ],
  };
}

/**
 * The resource control policy: the log archive's buckets and key answer only principals of the organization and AWS
 * services, whatever their own policies say. AWS services are spared by `aws:PrincipalIsAWSService`: CloudTrail
 * delivers as one, and the bucket and key policies already hold it to this trail (`aws:SourceArn`). AWS's examples
 * also refuse services acting for outsiders by `aws:SourceOrgID`; whether CloudTrail's deliveries carry that key is
 * not documented, and a missing key would refuse every delivery, so that statement is left out.
 */
export function archivePerimeterPolicy(target: GuardrailTarget): Record<string, unknown> {
  const outsiders = {
    StringNotEqualsIfExists: { 'aws:PrincipalOrgID': target.organizationId },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  };
  const buckets = target.bucketNames.flatMap((name) => [`arn:${target.partition}:s3:::${name}`, `arn:${target.partition}:s3:::${name}/*`]);
  const key = keyResource(target);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyLogBucketsOutsideOrganization', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: buckets, Condition: outsiders },
      { Sid: 'DenyLogKeyOutsideOrganization', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: key.resource, Condition: { ...outsiders, ...key.condition } },
    ],
  };
}
