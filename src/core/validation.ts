import { Duration, IResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { LIMITS } from './limits';

/**
 * Collects every problem with a set of props, so that the user sees all of them at once and nothing half-built is
 * emitted. Each message names the prop, the value received and the fix.
 */
export class Problems {
  private readonly messages: string[] = [];

  /**
   * @param construct what is validated, e.g. `OrganizationTrail`
   * @param path the construct path it would take, for the error's first line
   */
  constructor(private readonly construct: string, private readonly path?: string) {}

  public add(prop: string, value: unknown, problem: string, fix: string): void {
    this.messages.push(`${prop}: ${problem} (received ${describe(value)}). ${fix}`);
  }

  /** Every problem, as a message. */
  public toList(): string[] {
    return [...this.messages];
  }

  /** Throws one error listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.messages.length === 0) return;
    const list = this.messages.map((m) => `  - ${m}`).join('\n');
    const at = this.path ? ` at ${this.path}` : '';
    throw new Error(`Invalid ${this.construct} configuration${at}:\n${list}`);
  }
}

/** The path a construct will have once `id` joins `scope`: errors name it before the construct exists. */
export function pathOf(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** True when the value is known at synth time and can be validated. */
export function isResolved(value: unknown): boolean {
  return !Token.isUnresolved(value);
}

export function validateOrganizationId(problems: Problems, prop: string, value: string): void {
  if (!isResolved(value) || LIMITS.organizationIdPattern.test(value)) return;
  problems.add(
    prop,
    value,
    'not an AWS Organizations organization id',
    'Use the id shown by `aws organizations describe-organization`: "o-" followed by 10 to 32 lowercase letters or digits.',
  );
}

export function validateTrailName(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value)) return;
  const fix =
    'Use 3 to 128 letters, digits, periods, underscores or hyphens, starting and ending with a letter or digit.';
  if (value.length < LIMITS.trailNameMinLength || value.length > LIMITS.trailNameMaxLength) {
    problems.add(prop, value, `must be ${LIMITS.trailNameMinLength} to ${LIMITS.trailNameMaxLength} characters long`, fix);
  } else if (!/^[A-Za-z0-9._-]+$/.test(value)) {
    problems.add(prop, value, 'contains characters CloudTrail does not allow', fix);
  } else if (!/^[A-Za-z0-9].*[A-Za-z0-9]$/.test(value)) {
    problems.add(prop, value, 'must start and end with a letter or digit', fix);
  } else if (/[._-]{2}/.test(value)) {
    problems.add(prop, value, 'has adjacent periods, underscores or hyphens', 'Separate them with a letter or digit.');
  } else if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) {
    problems.add(prop, value, 'is formatted as an IP address, which CloudTrail rejects', fix);
  }
}

export function validateS3KeyPrefix(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value)) return;
  if (value.trim() === '') {
    problems.add(prop, value, 'is empty', 'Leave it out to write log files at the bucket root, or give a prefix.');
  } else if (value.length > LIMITS.s3KeyPrefixMaxLength) {
    problems.add(prop, value, `is longer than CloudTrail's limit of ${LIMITS.s3KeyPrefixMaxLength} characters`, 'Shorten it.');
  } else if (value.startsWith('/') || value.endsWith('/')) {
    problems.add(
      prop,
      value,
      'starts or ends with "/"',
      'Give the prefix without slashes around it: CloudTrail adds "/AWSLogs/..." itself.',
    );
  } else if (/\s/.test(value)) {
    problems.add(prop, value, 'contains whitespace', 'Use letters, digits, "/", "-", "_" and "." only.');
  }
}

/** Whole days of a duration; reports durations that are not a whole number of days. */
export function wholeDays(problems: Problems, prop: string, value: Duration | undefined): number | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  const days = value.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1) {
    problems.add(prop, value, 'S3 lifecycle rules count in whole days of at least 1', 'Use Duration.days(n).');
    return undefined;
  }
  return days;
}

export function validateAlarmRuleId(problems: Problems, prop: string, value: string): void {
  if (!isResolved(value) || LIMITS.securityAlarmRuleIdPattern.test(value)) return;
  problems.add(
    prop,
    value,
    'is not a valid security alarm rule id',
    'Use a letter or digit followed by up to 127 letters, digits, ".", "_" or "-", e.g. "RootAccountUsage".',
  );
}

export function validateFilterPattern(problems: Problems, prop: string, value: logs.IFilterPattern): void {
  const text = value.logPatternString;
  if (!isResolved(text) || text.length <= LIMITS.maxFilterPatternLength) return;
  problems.add(
    prop,
    `${text.slice(0, 60)}... (${text.length} characters)`,
    `is longer than the ${LIMITS.maxFilterPatternLength} characters CloudWatch Logs accepts in a filter pattern`,
    'Split the rule into two rules, or match fewer terms.',
  );
}

export function validateAlarmDescription(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value) || value.length <= LIMITS.maxAlarmDescriptionLength) return;
  problems.add(
    prop,
    `${value.slice(0, 60)}... (${value.length} characters)`,
    `is longer than the ${LIMITS.maxAlarmDescriptionLength} characters of a CloudWatch alarm description`,
    'Shorten it.',
  );
}

export function validateEmailAddresses(problems: Problems, prop: string, values: string[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (!isResolved(value)) return;
    if (!LIMITS.emailPattern.test(value)) {
      problems.add(`${prop}[${i}]`, value, 'is not an email address', 'Give an address such as "secops@example.com".');
    } else if (seen.has(value.toLowerCase())) {
      problems.add(`${prop}[${i}]`, value, 'is listed twice', 'List each address once.');
    }
    seen.add(value.toLowerCase());
  });
}

/**
 * Checks the knobs of one alarm: a positive threshold, whole-minute periods of at most a day, whole evaluation periods,
 * and periods times evaluation periods within what CloudWatch evaluates. `defaultPeriod` is the period used when none
 * is given.
 */
export function validateAlarmOptions(
  problems: Problems,
  prop: string,
  options: { threshold?: number; period?: Duration; evaluationPeriods?: number },
  defaultPeriod?: Duration,
): void {
  const { threshold, period, evaluationPeriods } = options;
  const at = (name: string) => (prop ? `${prop}.${name}` : name);
  if (threshold !== undefined && isResolved(threshold) && !(threshold > 0)) {
    problems.add(at('threshold'), threshold, 'must be greater than 0: the alarm fires at this count or more', 'Use 1 or more.');
  }
  let seconds: number | undefined;
  if (period !== undefined && !period.isUnresolved()) {
    seconds = period.toSeconds({ integral: false });
    if (!Number.isInteger(seconds / 60) || seconds < 60 || seconds > LIMITS.maxAlarmPeriodSeconds) {
      problems.add(
        at('period'),
        period,
        'metric-filter metrics have one-minute resolution, and alarms evaluate periods of at most a day',
        'Use whole minutes from Duration.minutes(1) to Duration.days(1).',
      );
      seconds = undefined;
    }
  } else if (period === undefined && defaultPeriod !== undefined) {
    seconds = defaultPeriod.toSeconds();
  }
  if (evaluationPeriods === undefined || !isResolved(evaluationPeriods)) return;
  if (!(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
    problems.add(at('evaluationPeriods'), evaluationPeriods, 'must be a whole number of at least 1', 'Use 1 or more.');
    return;
  }
  if (seconds === undefined) return;
  // CloudWatch evaluates at most a day of periods shorter than an hour, and at most seven days of longer ones.
  const limit = seconds < 3600 ? LIMITS.maxAlarmEvaluationSecondsShortPeriods : LIMITS.maxAlarmEvaluationSeconds;
  if (seconds * evaluationPeriods > limit) {
    problems.add(
      at('evaluationPeriods'),
      evaluationPeriods,
      `times the period (${Duration.seconds(seconds).toHumanString()}) exceeds the ${limit / 86400} day(s) CloudWatch evaluates ` +
        `with ${seconds < 3600 ? 'periods shorter than an hour' : 'periods of an hour or more'}`,
      `Use at most ${Math.floor(limit / seconds)} evaluation periods${seconds < 3600 ? ', or a period of an hour or more' : ''}.`,
    );
  }
}

/** An alarm name CloudWatch accepts: 1 to 255 characters. */
export function validateAlarmName(problems: Problems, prop: string, value: string): void {
  if (!isResolved(value) || (value.length >= 1 && value.length <= LIMITS.maxAlarmNameLength)) return;
  problems.add(prop, value, `must be 1 to ${LIMITS.maxAlarmNameLength} characters long`, 'Shorten it, or give a name.');
}

/** At least one action: an alarm nobody hears is not an alarm. */
export function validateAlarmActions(problems: Problems, prop: string, value: unknown[]): void {
  if (value.length > 0) return;
  problems.add(prop, [], 'an alarm without actions notifies nobody (and fails CloudWatch.15 and CT.CLOUDWATCH.PR.1)', 'Give at least one action, e.g. an SnsAction.');
}

/** A retention CloudWatch Logs accepts, or RetentionDays.INFINITE (no retention setting). */
export function validateLogRetention(problems: Problems, prop: string, value: logs.RetentionDays | undefined): void {
  if (value === undefined || !isResolved(value) || value === LIMITS.infiniteRetention || LIMITS.logRetentionDays.includes(value)) return;
  problems.add(prop, value, 'is not a retention CloudWatch Logs accepts', 'Use a logs.RetentionDays value, e.g. RetentionDays.ONE_YEAR.');
}

/** RemovalPolicy.SNAPSHOT: S3 buckets, KMS keys, log groups and the analytics resources cannot be snapshotted. */
export function validateRemovalPolicy(problems: Problems, prop: string, value: RemovalPolicy | undefined): void {
  if (value !== RemovalPolicy.SNAPSHOT) return;
  problems.add(
    prop,
    value,
    'CloudFormation snapshots only databases and volumes, not the buckets, keys and log groups this applies to',
    'Use RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (the default), RETAIN or DESTROY.',
  );
}

/**
 * CloudTrail, S3 and CloudWatch Logs encrypt only with symmetric encryption keys. Checked for keys defined in this
 * app (an imported key's spec is unknown at synth time).
 */
export function validateSymmetricKey(problems: Problems, prop: string, key: kms.IKey | undefined): void {
  const cfn = key?.node.defaultChild;
  if (!(cfn instanceof kms.CfnKey)) return;
  const fix = 'Use a key with KeySpec.SYMMETRIC_DEFAULT and KeyUsage.ENCRYPT_DECRYPT (the defaults of kms.Key).';
  const spec = cfn.keySpec;
  const usage = cfn.keyUsage;
  if (spec !== undefined && isResolved(spec) && spec !== kms.KeySpec.SYMMETRIC_DEFAULT) {
    problems.add(prop, `a key with KeySpec ${spec}`, 'is not a symmetric encryption key, which CloudTrail, S3 and CloudWatch Logs require', fix);
  } else if (usage !== undefined && isResolved(usage) && usage !== kms.KeyUsage.ENCRYPT_DECRYPT) {
    problems.add(prop, `a key with KeyUsage ${usage}`, 'is not an encryption key, which CloudTrail, S3 and CloudWatch Logs require', fix);
  }
}

/** The Region a resource lives in, when known at synth time. */
export function knownRegion(resource: IResource | Stack): string | undefined {
  const region = resource instanceof Stack ? resource.region : resource.env.region;
  return isResolved(region) ? region : undefined;
}

/** The account a resource lives in, when known at synth time. */
export function knownAccount(resource: IResource | Stack): string | undefined {
  const account = resource instanceof Stack ? resource.account : resource.env.account;
  return isResolved(account) ? account : undefined;
}

/** Reports a resource that must be in `region` but is known to be elsewhere. */
export function validateRegion(problems: Problems, prop: string, resource: IResource, region: string | undefined, why: string): void {
  const actual = knownRegion(resource);
  if (actual === undefined || region === undefined || actual === region) return;
  problems.add(prop, `a resource in ${actual}`, why, `Use one in ${region}.`);
}
