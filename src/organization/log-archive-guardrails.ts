import { Arn, ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { GuardrailTarget, archivePerimeterPolicy, archiveProtectionPolicy, leaveOrganizationPolicy } from './private/guardrail-policies';
import { ILogArchive, LogArchive } from '../archive/index';
import { LIMITS } from '../core/limits';
import { Problems, isResolved, pathOf } from '../core/validation';

/**
 * Properties of {@link LogArchiveGuardrails}.
 */
export interface LogArchiveGuardrailsProps {
  /** The log archive to protect: a `LogArchive` of this app, or one imported with `LogArchive.fromLogArchiveAttributes`. */
  readonly logArchive: ILogArchive;

  /**
   * Where the policies attach: the organization's root (`r-...`), organizational units (`ou-...`) or accounts. They
   * must reach the log-archive account. Service control and resource control policies never restrict the
   * management account, so it is refused here.
   */
  readonly targetIds: string[];

  /**
   * Principals the service control policy does not restrict, by ARN (`aws:PrincipalArn`, wildcards allowed): a
   * break-glass role that may repair or retire the archive.
   *
   * @default - none besides the CDK deployments of the archive's own account (`exemptCdkDeployments`)
   */
  readonly exemptPrincipalArns?: string[];

  /**
   * Whether the CloudFormation execution roles of the CDK bootstrap in the log-archive account
   * (`cdk-*-cfn-exec-role-<account>-*`) are exempt, so that the archive's own stack can still be updated. Without it,
   * a change to the archive's bucket or key policy fails to deploy until a break-glass role deploys it.
   *
   * @default true
   */
  readonly exemptCdkDeployments?: boolean;

  /**
   * Whether a service control policy denies member accounts `organizations:LeaveOrganization`: an account that leaves
   * takes itself out of the organization trail.
   *
   * @default true
   */
  readonly denyLeaveOrganization?: boolean;

  /**
   * Whether a resource control policy keeps the archive's buckets and key answering only principals of the
   * organization and AWS services, whatever their own policies say. Needs the policy type enabled on the root.
   *
   * @default false
   */
  readonly resourceControlPolicy?: boolean;

  /**
   * Prefix of the policies' names, which AWS Organizations requires to be unique per policy type.
   *
   * @default - a name derived from the construct path
   */
  readonly policyNamePrefix?: string;
}

/**
 * Guardrails that prevent tampering with a log archive before it happens: AWS Organizations policies, deployed by
 * CloudFormation (`AWS::Organizations::Policy`, no custom resource) from the management account.
 *
 * - A service control policy denies every principal of the member accounts it reaches (but the exempt ones) the
 *   calls of the library's tamper catalogue on the archive: deleting or re-configuring its buckets (policy, ACL,
 *   lifecycle, versioning, Object Lock, encryption, ownership, public access, replication, logging), deleting or
 *   unlocking log files, and disabling, scheduling the deletion of, re-policying, granting on or stopping the rotation
 *   of its key. What the tamper rule detects is what this prevents: both read one catalogue.
 * - A service control policy denies member accounts leaving the organization (`denyLeaveOrganization`).
 * - A resource control policy, opt-in, refuses principals outside the organization on the archive's buckets and key.
 *
 * AWS Organizations' limits, which the organization must meet before it deploys: all features enabled, and the
 * policy types enabled on the root (`aws organizations enable-policy-type`; CloudFormation has no resource for it);
 * at most 10 service control policies and 5 resource control policies attached to each target, theirs included; the
 * policies never restrict the management account, its principals or its resources, nor service-linked roles.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
export class LogArchiveGuardrails extends Construct {
  /** The service control policy that protects the archive. */
  public readonly protectionPolicy: organizations.CfnPolicy;

  /** The service control policy that keeps member accounts in the organization. */
  public readonly leaveOrganizationPolicy?: organizations.CfnPolicy;

  /** The resource control policy around the archive. */
  public readonly perimeterPolicy?: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: LogArchiveGuardrailsProps) {
    const stack = Stack.of(scope);
    const target = guardrailTarget(stack, props);
    // Built once: validated for size before anything joins the tree, then deployed as they are.
    const protection = archiveProtectionPolicy(target);
    const perimeter = props.resourceControlPolicy ? archivePerimeterPolicy(target) : undefined;
    validate(pathOf(scope, id), stack, props, { protection, perimeter });
    super(scope, id);

    const prefix = props.policyNamePrefix ?? Names.uniqueResourceName(this, { maxLength: 64 });
    const policy = (policyId: string, name: string, type: string, description: string, content: Record<string, unknown>) =>
      new organizations.CfnPolicy(this, policyId, { name: `${prefix}-${name}`, type, description, content, targetIds: props.targetIds });

    this.protectionPolicy = policy(
      'ProtectionPolicy',
      'protect-log-archive',
      'SERVICE_CONTROL_POLICY',
      'Denies changing or deleting the CloudTrail log archive: its buckets, log files and key',
      protection,
    );
    if (props.denyLeaveOrganization ?? true) {
      this.leaveOrganizationPolicy = policy(
        'LeaveOrganizationPolicy',
        'deny-leave-organization',
        'SERVICE_CONTROL_POLICY',
        'Denies member accounts leaving the organization, and so its trail',
        leaveOrganizationPolicy(),
      );
    }
    if (perimeter) {
      this.perimeterPolicy = policy(
        'PerimeterPolicy',
        'log-archive-perimeter',
        'RESOURCE_CONTROL_POLICY',
        'Refuses principals outside the organization on the CloudTrail log archive',
        perimeter,
      );
    }
  }
}

/** What the policies name: the archive's buckets and key as this stack can name them, and the exempt principals. */
function guardrailTarget(stack: Stack, props: LogArchiveGuardrailsProps): GuardrailTarget {
  const archive = props.logArchive;
  const key = keyReference(stack, archive);
  const exempt = [...(props.exemptPrincipalArns ?? [])];
  if ((props.exemptCdkDeployments ?? true) && key.account !== undefined) {
    exempt.push(`arn:${key.partition}:iam::${key.account}:role/cdk-*-cfn-exec-role-${key.account}-*`);
  }
  return {
    partition: key.partition,
    organizationId: archive.organizationId,
    bucketNames: [archive.logBucket.bucketName, ...(archive.serverAccessLogsBucket ? [archive.serverAccessLogsBucket.bucketName] : [])],
    key: { arn: key.arn, aliasName: key.aliasName, account: key.account, region: key.region },
    exemptPrincipalArns: exempt,
  };
}

interface KeyReference {
  readonly partition: string;
  /** The key's ARN, where this stack can name it. */
  readonly arn?: string;
  /** The key's alias, where only the alias is known here (an archive of another environment of this app). */
  readonly aliasName?: string;
  readonly account?: string;
  readonly region?: string;
}

/**
 * How this stack names the archive's key. A key of another environment of this app has no ARN this stack may name
 * (CloudFormation exports do not cross environments), but its alias is known at synth time: the policy then names
 * the key by `kms:ResourceAliases`.
 */
function keyReference(stack: Stack, archive: ILogArchive): KeyReference {
  const keyArn = archive.encryptionKey.keyArn;
  // Literal where the Region tells the partition: the policies read plainly, and their size is known.
  const partition = (isResolved(stack.region) ? RegionInfo.get(stack.region).partition : undefined) ?? stack.partition;
  if (archive instanceof LogArchive && Stack.of(archive) !== stack && Token.isUnresolved(keyArn) && archive.encryptionKeyAlias) {
    const archiveStack = Stack.of(archive);
    return {
      partition,
      aliasName: archive.encryptionKeyAlias.aliasName,
      account: isResolved(archiveStack.account) ? archiveStack.account : undefined,
      region: isResolved(archiveStack.region) ? archiveStack.region : undefined,
    };
  }
  if (!isResolved(keyArn)) return { partition, arn: keyArn, account: isResolved(stack.account) ? stack.account : undefined };
  const parts = Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME);
  // An archive imported by the ARN of its key's alias
  if (parts.resource === 'alias') return { partition: parts.partition!, aliasName: `alias/${parts.resourceName}`, account: parts.account, region: parts.region };
  return { partition: parts.partition!, arn: keyArn, account: parts.account, region: parts.region };
}

function validate(path: string, stack: Stack, props: LogArchiveGuardrailsProps, policies: Record<string, Record<string, unknown> | undefined>): void {
  const problems = new Problems('LogArchiveGuardrails', path);
  if (props.targetIds.length === 0) {
    problems.add('targetIds', props.targetIds, 'is empty, so the policies protect nothing', 'Name the root, the organizational unit or the account of the log archive.');
  }
  props.targetIds.forEach((targetId, i) => {
    if (!isResolved(targetId)) return;
    if (!LIMITS.organizationsTargetIdPattern.test(targetId)) {
      problems.add(`targetIds[${i}]`, targetId, 'is not a root (r-...), organizational unit (ou-...-...) or account id', 'Use the id AWS Organizations shows for it.');
    } else if (isResolved(stack.account) && targetId === stack.account) {
      problems.add(
        `targetIds[${i}]`,
        targetId,
        'is the account this stack deploys to, the management account, which service control and resource control policies never restrict',
        'Attach the policies to the log-archive account, its organizational unit or the root.',
      );
    }
  });
  (props.exemptPrincipalArns ?? []).forEach((arn, i) => {
    if (isResolved(arn) && !/^arn:[a-z-*]+:(iam|sts)::[0-9*]{1,12}:/.test(arn)) {
      problems.add(`exemptPrincipalArns[${i}]`, arn, 'is not the ARN of an IAM role, user or session', 'Give the ARN, e.g. arn:aws:iam::222222222222:role/BreakGlass.');
    }
  });
  const prefix = props.policyNamePrefix;
  const longestSuffix = '-deny-leave-organization'.length;
  if (prefix !== undefined && isResolved(prefix) && prefix.length + longestSuffix > LIMITS.maxOrganizationPolicyNameLength) {
    problems.add(
      'policyNamePrefix',
      prefix,
      `makes policy names longer than the ${LIMITS.maxOrganizationPolicyNameLength} characters AWS Organizations allows`,
      `Use at most ${LIMITS.maxOrganizationPolicyNameLength - longestSuffix} characters.`,
    );
  }
  for (const [name, content] of Object.entries(policies)) {
    if (!content) continue;
    const length = worstCaseLength(stack, content);
    if (length > LIMITS.maxOrganizationPolicyLength) {
      problems.add(
        'exemptPrincipalArns',
        `a ${name} policy of up to ${length} characters`,
        `exceeds the ${LIMITS.maxOrganizationPolicyLength} characters AWS Organizations allows in a policy`,
        'Exempt fewer principals, or name them with a wildcard.',
      );
    }
  }
  problems.throwIfAny();
}

/**
 * The policy's length as AWS Organizations counts it (every character, minified), with each value known only at
 * deploy time counted at 256 characters, more than a bucket name or a key ARN can take.
 */
function worstCaseLength(stack: Stack, content: Record<string, unknown>): number {
  const rendered = JSON.stringify(stack.resolve(content));
  return rendered.replace(/\{"(Ref|Fn::[A-Za-z]+)":(?:[^{}]|\{[^{}]*\})*\}/g, 'x'.repeat(256)).length;
}
