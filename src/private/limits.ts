import { Duration } from 'aws-cdk-lib';

/** Service limits and value sets that inputs are checked against at synth time. */
export const LIMITS = {
  /** CloudTrail `InvalidTrailNameException` rules. */
  trailNameMinLength: 3,
  trailNameMaxLength: 128,
  /** CloudTrail `S3KeyPrefix` maximum length. */
  s3KeyPrefixMaxLength: 200,
  /** AWS Organizations organization ids. */
  organizationIdPattern: /^o-[a-z0-9]{10,32}$/,
  /** Objects must be at least 30 days old before S3 moves them to Standard-IA. */
  minDaysToInfrequentAccess: 30,
  /** Standard-IA bills 30 days at least: a Glacier transition in the same rule comes 30 days later or more. */
  minDaysInInfrequentAccess: 30,
  /** Glacier Flexible Retrieval bills 90 days at least. */
  minDaysInGlacier: 90,
  /** Retention values CloudWatch Logs accepts. */
  logRetentionDays: [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ] as readonly number[],
  /** CloudWatch.16 and CT.CLOUDWATCH.PR.2 require a year or more. */
  minCompliantLogRetentionDays: 365,
  /** aws-cdk-lib's `RetentionDays.INFINITE`: the retention property is left out and logs never expire. */
  infiniteRetention: 9999,
  /** CloudWatch Logs metric filters per log group: a hard quota that cannot be raised. */
  maxMetricFiltersPerLogGroup: 100,
  /** `PutMetricFilter` filter pattern length. */
  maxFilterPatternLength: 1024,
  /** CloudWatch alarm descriptions. */
  maxAlarmDescriptionLength: 1024,
  /** CloudWatch alarm names and metric names. */
  maxAlarmNameLength: 255,
  /** Security alarm rule ids become construct ids and name suffixes: a letter or digit, then letters, digits, `.`, `_`, `-`. */
  securityAlarmRuleIdPattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
  /** Characters allowed in the alarm-name prefix: they also appear in metric names and metric filter names. */
  alarmNamePrefixPattern: /^[A-Za-z0-9._/-]*$/,
  /** CloudWatch alarm periods for metric-filter metrics: whole minutes, at most a day. */
  maxAlarmPeriodSeconds: 86400,
  /** An email address SNS can deliver to: one `@`, a dotted domain, no whitespace. */
  emailPattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
} as const;

/** Whole days of a duration, or undefined when it is a token. */
export function toDays(duration: Duration): number | undefined {
  return duration.isUnresolved() ? undefined : duration.toDays();
}
