import * as logs from 'aws-cdk-lib/aws-logs';
import * as patterns from './private/patterns';
import { Problems, validateAlarmDescription, validateAlarmRuleId, validateFilterPattern } from '../core/validation';

/**
 * A recommendation of the CIS AWS Foundations Benchmark, in one version of the benchmark: the numbering moved from
 * 3.x (v1.2.0) to 4.x (v1.3.0 to v5.0.0) to 5.x (v6.0.0).
 */
export interface CisBenchmarkControl {
  /** Version of the benchmark, e.g. `v6.0.0`. */
  readonly benchmarkVersion: string;

  /** Id of the recommendation in that version, e.g. `5.3`. */
  readonly controlId: string;
}

/**
 * Properties of a custom {@link SecurityAlarmRule}.
 */
export interface CustomSecurityAlarmRuleProps {
  /**
   * A stable id, unique among the rules of one {@link SecurityAlarms}: it names the construct, the metric and the
   * alarm. A letter or digit, then up to 127 letters, digits, `.`, `_` or `-`; PascalCase reads best.
   */
  readonly id: string;

  /**
   * The CloudWatch Logs filter pattern that selects the events to count (at most 1024 characters). Build it with
   * `logs.FilterPattern`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  readonly filterPattern: logs.IFilterPattern;

  /**
   * What the rule detects, shown in the alarm description (at most 1024 characters).
   *
   * @default - "Custom security alarm <id>."
   */
  readonly description?: string;
}

/** Versions of the CIS AWS Foundations Benchmark, oldest first. */
const CIS_VERSIONS = ['v1.2.0', 'v1.3.0', 'v1.4.0', 'v1.5.0', 'v2.0.0', 'v3.0.0', 'v4.0.0', 'v5.0.0', 'v6.0.0'];

/** The id of monitoring recommendation `n` in each version from `first` to `last`: 3.n, then 4.n, then 5.n. */
function cisControlsOf(n: number, first = CIS_VERSIONS[0], last = CIS_VERSIONS[CIS_VERSIONS.length - 1]): CisBenchmarkControl[] {
  const versions = CIS_VERSIONS.slice(CIS_VERSIONS.indexOf(first), CIS_VERSIONS.indexOf(last) + 1);
  return versions.map((benchmarkVersion) => {
    const section = benchmarkVersion === 'v1.2.0' ? 3 : benchmarkVersion === 'v6.0.0' ? 5 : 4;
    return { benchmarkVersion, controlId: `${section}.${n}` };
  });
}

/** A profile is read-only: adding to it would change every user's alarms. */
function profile(...rules: SecurityAlarmRule[]): SecurityAlarmRule[] {
  return Object.freeze(rules) as SecurityAlarmRule[];
}

/**
 * The catalogue of security alarms on CloudTrail events in CloudWatch Logs: one static member per rule, profiles
 * grouping them, and {@link SecurityAlarmRule.custom} for your own.
 *
 * The Security Hub rules (CloudWatch.1 to CloudWatch.14) carry the filter patterns Security Hub publishes, byte for
 * byte: Security Hub fails the control if a single character differs. The other rules are built with
 * `logs.FilterPattern`.
 *
 * Profiles:
 * - {@link SecurityAlarmRule.SECURITY_HUB_AND_CIS} (the default): CloudWatch.1 to CloudWatch.14 and CIS v6.0.0 5.1 to
 *   5.15, with the texts auditors' scanners look for.
 * - {@link SecurityAlarmRule.SECURITY_HUB}: exactly CloudWatch.1 to CloudWatch.14.
 * - {@link SecurityAlarmRule.CIS}: the monitoring section of CIS AWS Foundations Benchmark v6.0.0 (5.1 to 5.15).
 * - {@link SecurityAlarmRule.RECOMMENDED}: CIS with its unauthorized-API pattern fixed, plus rules on trail selectors,
 *   KMS key policies, S3 Block Public Access and security services.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export class SecurityAlarmRule {
  /**
   * Usage of the root user (API calls not made by an AWS service on its behalf).
   * Security Hub CloudWatch.1; CIS v1.2.0 3.3, v1.3.0-v5.0.0 4.3, v6.0.0 5.3.
   */
  public static readonly ROOT_ACCOUNT_USAGE = SecurityAlarmRule.securityHub(
    'RootAccountUsage',
    'CloudWatch.1',
    3,
    'The root user was used.',
  );

  /**
   * API calls that failed as unauthorized or access denied. The pattern of CIS v1.2.0, with no exclusion: noisy in a
   * large organization. Security Hub CloudWatch.2; CIS v1.2.0 3.1, v1.3.0-v5.0.0 4.1, v6.0.0 5.1.
   */
  public static readonly UNAUTHORIZED_API_CALLS = SecurityAlarmRule.securityHub(
    'UnauthorizedApiCalls',
    'CloudWatch.2',
    1,
    'API calls were refused as unauthorized or access denied.',
  );

  /**
   * Successful console sign-ins of IAM users without MFA (CIS's alternative pattern that ignores federated sign-ins).
   * Security Hub CloudWatch.3; CIS v1.2.0 3.2, v1.3.0-v5.0.0 4.2, v6.0.0 5.2.
   */
  public static readonly CONSOLE_SIGN_IN_WITHOUT_MFA = SecurityAlarmRule.securityHub(
    'ConsoleSignInWithoutMfa',
    'CloudWatch.3',
    2,
    'An IAM user signed in to the console without MFA.',
  );

  /**
   * IAM policy changes. Security Hub CloudWatch.4; CIS v1.2.0 3.4, v1.3.0-v5.0.0 4.4, v6.0.0 5.4.
   */
  public static readonly IAM_POLICY_CHANGES = SecurityAlarmRule.securityHub(
    'IamPolicyChanges',
    'CloudWatch.4',
    4,
    'An IAM policy was created, changed, attached, detached or deleted.',
  );

  /**
   * CloudTrail trail created, updated, deleted, started or stopped. Security Hub CloudWatch.5; CIS v1.2.0 3.5,
   * v1.3.0-v5.0.0 4.5, v6.0.0 5.5.
   */
  public static readonly CLOUDTRAIL_CONFIGURATION_CHANGES = SecurityAlarmRule.securityHub(
    'CloudTrailConfigurationChanges',
    'CloudWatch.5',
    5,
    'A CloudTrail trail was created, updated, deleted, started or stopped.',
  );

  /**
   * Failed console authentications. Security Hub CloudWatch.6; CIS v1.2.0 3.6, v1.3.0-v5.0.0 4.6, v6.0.0 5.6.
   */
  public static readonly CONSOLE_AUTHENTICATION_FAILURES = SecurityAlarmRule.securityHub(
    'ConsoleAuthenticationFailures',
    'CloudWatch.6',
    6,
    'A console sign-in failed authentication.',
  );

  /**
   * Customer managed KMS keys disabled or scheduled for deletion. Security Hub CloudWatch.7; CIS v1.2.0 3.7,
   * v1.3.0-v5.0.0 4.7, v6.0.0 5.7.
   */
  public static readonly KMS_KEY_DISABLED_OR_SCHEDULED_FOR_DELETION = SecurityAlarmRule.securityHub(
    'KmsKeyDisabledOrScheduledForDeletion',
    'CloudWatch.7',
    7,
    'A KMS key was disabled or scheduled for deletion.',
  );

  /**
   * S3 bucket ACL, policy, CORS, lifecycle or replication changes. Security Hub CloudWatch.8; CIS v1.2.0 3.8,
   * v1.3.0-v5.0.0 4.8, v6.0.0 5.8.
   */
  public static readonly S3_BUCKET_POLICY_CHANGES = SecurityAlarmRule.securityHub(
    'S3BucketPolicyChanges',
    'CloudWatch.8',
    8,
    'An S3 bucket ACL, policy, CORS, lifecycle or replication configuration changed.',
  );

  /**
   * AWS Config recorder or delivery channel changes. Security Hub CloudWatch.9; CIS v1.2.0 3.9, v1.3.0-v5.0.0 4.9,
   * v6.0.0 5.9.
   */
  public static readonly CONFIG_CHANGES = SecurityAlarmRule.securityHub(
    'ConfigChanges',
    'CloudWatch.9',
    9,
    'An AWS Config recorder or delivery channel was stopped, changed or deleted.',
  );

  /**
   * Security group changes, without `ModifySecurityGroupRules` (which CIS added in v5.0.0: see
   * {@link SECURITY_GROUP_AND_RULE_CHANGES}). Security Hub CloudWatch.10; CIS v1.2.0 3.10, v1.3.0-v4.0.0 4.10.
   */
  public static readonly SECURITY_GROUP_CHANGES = SecurityAlarmRule.securityHub(
    'SecurityGroupChanges',
    'CloudWatch.10',
    10,
    'A security group or one of its rules was created, changed or deleted.',
    'v4.0.0',
  );

  /**
   * Network ACL changes. Security Hub CloudWatch.11; CIS v1.2.0 3.11, v1.3.0-v5.0.0 4.11, v6.0.0 5.11.
   */
  public static readonly NACL_CHANGES = SecurityAlarmRule.securityHub(
    'NaclChanges',
    'CloudWatch.11',
    11,
    'A network ACL or one of its entries or associations changed.',
  );

  /**
   * Customer and internet gateway changes. Security Hub CloudWatch.12; CIS v1.2.0 3.12, v1.3.0-v5.0.0 4.12,
   * v6.0.0 5.12.
   */
  public static readonly NETWORK_GATEWAY_CHANGES = SecurityAlarmRule.securityHub(
    'NetworkGatewayChanges',
    'CloudWatch.12',
    12,
    'A customer or internet gateway was created, attached, detached or deleted.',
  );

  /**
   * Route table changes. Security Hub CloudWatch.13; CIS v1.2.0 3.13, v1.3.0-v5.0.0 4.13, v6.0.0 5.13.
   */
  public static readonly ROUTE_TABLE_CHANGES = SecurityAlarmRule.securityHub(
    'RouteTableChanges',
    'CloudWatch.13',
    13,
    'A route table, route or route table association changed.',
  );

  /**
   * VPC and VPC peering changes. Security Hub CloudWatch.14; CIS v1.2.0 3.14, v1.3.0-v5.0.0 4.14, v6.0.0 5.14.
   */
  public static readonly VPC_CHANGES = SecurityAlarmRule.securityHub(
    'VpcChanges',
    'CloudWatch.14',
    14,
    'A VPC, VPC attribute or VPC peering connection changed.',
  );

  /**
   * Security group changes including `ModifySecurityGroupRules`, as CIS v5.0.0 4.10 and v6.0.0 5.10 require, on
   * Amazon EC2 only. No Security Hub control; CIS v1.2.0 3.10, v1.3.0-v5.0.0 4.10, v6.0.0 5.10 (a superset of the earlier patterns).
   */
  public static readonly SECURITY_GROUP_AND_RULE_CHANGES = new SecurityAlarmRule(
    'SecurityGroupAndRuleChanges',
    patterns.SECURITY_GROUP_AND_RULE_CHANGES,
    'A security group or one of its rules was created, changed or deleted.',
    undefined,
    cisControlsOf(10),
  );

  /**
   * AWS Organizations changes: CIS's list, and the handshake cancellations, new organizations and all-features
   * enablement Prowler's check also requires. No Security Hub control; CIS v1.3.0-v5.0.0 4.15, v6.0.0 5.15.
   */
  public static readonly ORGANIZATIONS_CHANGES = new SecurityAlarmRule(
    'OrganizationsChanges',
    patterns.ORGANIZATIONS_CHANGES,
    'The organization, its accounts, organizational units, policies or handshakes changed.',
    undefined,
    cisControlsOf(15, 'v1.3.0'),
  );

  /**
   * Unauthorized API calls as the CIS v6.0.0 text writes them: `||` and `&&` without parentheses, so the exclusions
   * of S3 log delivery and `HeadBucket` depend on operator precedence. Kept for audits that compare the text; prefer
   * {@link UNAUTHORIZED_API_CALLS_GROUPED}. No Security Hub control; CIS v2.0.0-v5.0.0 4.1, v6.0.0 5.1.
   */
  public static readonly UNAUTHORIZED_API_CALLS_CIS = new SecurityAlarmRule(
    'UnauthorizedApiCallsCis',
    logs.FilterPattern.literal(patterns.CIS_UNAUTHORIZED_API_CALLS),
    'API calls were refused as unauthorized or access denied.',
    undefined,
    cisControlsOf(1, 'v2.0.0'),
  );

  /**
   * Unauthorized API calls with the CIS exclusions grouped explicitly: `(unauthorized || access denied) && not S3
   * log delivery && not HeadBucket`. No Security Hub control; implements CIS v1.2.0 3.1, v1.3.0-v5.0.0 4.1,
   * v6.0.0 5.1.
   */
  public static readonly UNAUTHORIZED_API_CALLS_GROUPED = new SecurityAlarmRule(
    'UnauthorizedApiCallsGrouped',
    patterns.UNAUTHORIZED_API_CALLS_GROUPED,
    'API calls were refused as unauthorized or access denied (S3 log delivery and HeadBucket excluded).',
    undefined,
    cisControlsOf(1),
  );

  /**
   * CloudTrail event or Insights selectors changed: a trail can be blinded without stopping it, which CloudWatch.5
   * does not see. Beyond CIS.
   */
  public static readonly CLOUDTRAIL_SELECTOR_CHANGES = new SecurityAlarmRule(
    'CloudTrailSelectorChanges',
    patterns.CLOUDTRAIL_SELECTOR_CHANGES,
    'The events or Insights a CloudTrail trail records were changed.',
  );

  /**
   * A KMS key policy replaced or key rotation disabled: who can decrypt the logs, or how long a key lives, changed.
   * Beyond CIS.
   */
  public static readonly KMS_KEY_POLICY_CHANGES = new SecurityAlarmRule(
    'KmsKeyPolicyChanges',
    patterns.KMS_KEY_POLICY_CHANGES,
    'A KMS key policy was replaced or key rotation was disabled.',
  );

  /**
   * S3 Block Public Access removed from a bucket or an account, or put back with any of its four settings off.
   * Beyond CIS.
   */
  public static readonly S3_PUBLIC_ACCESS_BLOCK_REMOVED = new SecurityAlarmRule(
    'S3PublicAccessBlockRemoved',
    patterns.S3_PUBLIC_ACCESS_BLOCK_REMOVED,
    'S3 Block Public Access was removed from, or weakened on, a bucket or an account.',
  );

  /**
   * GuardDuty, Security Hub or IAM Access Analyzer turned off, or an account cut loose from its administrator.
   * Beyond CIS.
   */
  public static readonly SECURITY_SERVICES_DISABLED = new SecurityAlarmRule(
    'SecurityServicesDisabled',
    patterns.SECURITY_SERVICES_DISABLED,
    'GuardDuty, Security Hub or IAM Access Analyzer was disabled or disassociated from its administrator.',
  );

  /**
   * Exactly Security Hub CloudWatch.1 to CloudWatch.14, with the published patterns.
   */
  public static readonly SECURITY_HUB: SecurityAlarmRule[] = profile(
    SecurityAlarmRule.ROOT_ACCOUNT_USAGE,
    SecurityAlarmRule.UNAUTHORIZED_API_CALLS,
    SecurityAlarmRule.CONSOLE_SIGN_IN_WITHOUT_MFA,
    SecurityAlarmRule.IAM_POLICY_CHANGES,
    SecurityAlarmRule.CLOUDTRAIL_CONFIGURATION_CHANGES,
    SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES,
    SecurityAlarmRule.KMS_KEY_DISABLED_OR_SCHEDULED_FOR_DELETION,
    SecurityAlarmRule.S3_BUCKET_POLICY_CHANGES,
    SecurityAlarmRule.CONFIG_CHANGES,
    SecurityAlarmRule.SECURITY_GROUP_CHANGES,
    SecurityAlarmRule.NACL_CHANGES,
    SecurityAlarmRule.NETWORK_GATEWAY_CHANGES,
    SecurityAlarmRule.ROUTE_TABLE_CHANGES,
    SecurityAlarmRule.VPC_CHANGES,
  );

  /**
   * The default: one alarm per control of Security Hub CloudWatch.1 to CloudWatch.14 and of the monitoring section of
   * CIS AWS Foundations Benchmark v6.0.0 (5.1 to 5.15), each judged compliant by Security Hub, by the CIS audit
   * procedure and by the scanners auditors run (Prowler, Powerpipe's AWS compliance mod). Every alarm carries the
   * Security Hub text byte for byte; where a tool looks for another text, the alarm counts that text too, into the same
   * metric, so one event still notifies once:
   * - unauthorized API calls: also CIS 5.1's text, with its exclusions;
   * - security groups: also `ModifySecurityGroupRules` (CIS 5.10), on Amazon EC2;
   * - route tables: also the Amazon EC2 text Security Hub now recommends and Prowler requires;
   * - AWS Organizations changes (CIS 5.15): the organization trail lives in the management account, where they happen.
   */
  public static readonly SECURITY_HUB_AND_CIS: SecurityAlarmRule[] = profile(
    ...SecurityAlarmRule.SECURITY_HUB.map((rule) => {
      const alsoCounted = patterns.ALSO_COUNTED[rule.securityHubControlId!];
      return alsoCounted ? rule.withAdditionalFilterPatterns(...alsoCounted) : rule;
    }),
    SecurityAlarmRule.ORGANIZATIONS_CHANGES,
  );

  /**
   * The monitoring section of CIS AWS Foundations Benchmark v6.0.0, 5.1 to 5.15: 5.1 as CIS writes it, 5.2 with
   * CIS's alternative pattern for organizations that sign in through SSO (the Security Hub one), 5.10 with
   * `ModifySecurityGroupRules`, and the Security Hub patterns wherever CIS's text means the same.
   */
  public static readonly CIS: SecurityAlarmRule[] = profile(
    SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS,
    ...SecurityAlarmRule.cisCommon(),
  );

  /**
   * CIS with the unauthorized-API pattern grouped as intended, plus the rules beyond CIS: trail selectors, KMS key
   * policies, S3 Block Public Access and security services.
   */
  public static readonly RECOMMENDED: SecurityAlarmRule[] = profile(
    SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED,
    ...SecurityAlarmRule.cisCommon(),
    SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES,
    SecurityAlarmRule.KMS_KEY_POLICY_CHANGES,
    SecurityAlarmRule.S3_PUBLIC_ACCESS_BLOCK_REMOVED,
    SecurityAlarmRule.SECURITY_SERVICES_DISABLED,
  );

  /**
   * A rule of your own.
   */
  public static custom(props: CustomSecurityAlarmRuleProps): SecurityAlarmRule {
    const problems = new Problems('SecurityAlarmRule');
    validateAlarmRuleId(problems, 'id', props.id);
    validateFilterPattern(problems, 'filterPattern', props.filterPattern);
    validateAlarmDescription(problems, 'description', props.description);
    problems.throwIfAny();
    return new SecurityAlarmRule(props.id, props.filterPattern, props.description ?? `Custom security alarm ${props.id}.`);
  }

  /** A rule that claims a Security Hub control: its pattern is the published text. */
  private static securityHub(
    id: string,
    control: keyof typeof patterns.SECURITY_HUB_PATTERNS,
    cisNumber: number,
    description: string,
    lastCisVersion?: string,
  ): SecurityAlarmRule {
    const pattern = logs.FilterPattern.literal(patterns.SECURITY_HUB_PATTERNS[control]);
    return new SecurityAlarmRule(id, pattern, description, control, cisControlsOf(cisNumber, undefined, lastCisVersion));
  }

  /** CIS 2 to 15 (v6.0.0 numbering), shared by the CIS and recommended profiles. */
  private static cisCommon(): SecurityAlarmRule[] {
    return [
      SecurityAlarmRule.CONSOLE_SIGN_IN_WITHOUT_MFA,
      SecurityAlarmRule.ROOT_ACCOUNT_USAGE,
      SecurityAlarmRule.IAM_POLICY_CHANGES,
      SecurityAlarmRule.CLOUDTRAIL_CONFIGURATION_CHANGES,
      SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES,
      SecurityAlarmRule.KMS_KEY_DISABLED_OR_SCHEDULED_FOR_DELETION,
      SecurityAlarmRule.S3_BUCKET_POLICY_CHANGES,
      SecurityAlarmRule.CONFIG_CHANGES,
      SecurityAlarmRule.SECURITY_GROUP_AND_RULE_CHANGES,
      SecurityAlarmRule.NACL_CHANGES,
      SecurityAlarmRule.NETWORK_GATEWAY_CHANGES,
      SecurityAlarmRule.ROUTE_TABLE_CHANGES,
      SecurityAlarmRule.VPC_CHANGES,
      SecurityAlarmRule.ORGANIZATIONS_CHANGES,
    ];
  }

  /**
   * Every pattern of the rule, `filterPattern` first: each becomes a metric filter on the log group, and all count
   * into the rule's one metric, so its one alarm notifies once whichever pattern matched. Auditors' tools each look
   * for a filter text of their own; a rule that carries each text satisfies all of them without a second alarm.
   */
  public readonly filterPatterns: logs.IFilterPattern[];

  /**
   * @param id stable id: construct id, metric and alarm name suffix
   * @param filterPattern the events the metric counts
   * @param description what an alarm means, for the alarm description
   * @param securityHubControlId the Security Hub control the rule satisfies, if any
   * @param cisControls the CIS recommendations the rule implements, per benchmark version
   * @param additionalFilterPatterns further patterns counted into the same metric
   */
  protected constructor(
    public readonly id: string,
    public readonly filterPattern: logs.IFilterPattern,
    public readonly description: string,
    public readonly securityHubControlId?: string,
    public readonly cisControls: CisBenchmarkControl[] = [],
    additionalFilterPatterns: logs.IFilterPattern[] = [],
  ) {
    this.filterPatterns = Object.freeze([filterPattern, ...additionalFilterPatterns]) as logs.IFilterPattern[];
  }

  /**
   * This rule, with further patterns counted into its metric: its id, description and controls stay the same.
   */
  public withAdditionalFilterPatterns(...filterPatterns: logs.IFilterPattern[]): SecurityAlarmRule {
    const problems = new Problems('SecurityAlarmRule');
    filterPatterns.forEach((pattern, i) => validateFilterPattern(problems, `filterPatterns[${i}]`, pattern));
    problems.throwIfAny();
    const additional = [...this.filterPatterns.slice(1), ...filterPatterns];
    return new SecurityAlarmRule(this.id, this.filterPattern, this.description, this.securityHubControlId, this.cisControls, additional);
  }
}
