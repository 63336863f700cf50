/** Service limits and value sets that inputs are checked against at synth time. */
export const LIMITS = {
  /** CloudTrail `InvalidTrailNameException` rules. */
  trailNameMinLength: 3,
  trailNameMaxLength: 128,
  /** CloudTrail `S3KeyPrefix` maximum length. */
  s3KeyPrefixMaxLength: 200,
  /** S3 general purpose bucket names: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
  bucketNamePattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  /** AWS Organizations organization ids. */
  organizationIdPattern: /^o-[a-z0-9]{10,32}$/,
  /** Retention values CloudWatch Logs accepts. */
  logRetentionDays: [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ] as readonly number[],
  /** CloudWatch.16 and CT.CLOUDWATCH.PR.2 require a year or more. */
  minCompliantLogRetentionDays: 365,
  /** aws-cdk-lib's `RetentionDays.INFINITE`: the retention property is left out and logs never expire. */
  infiniteRetention: 9999,
  /** Condition values across all the advanced event selectors of a trail. */
  maxAdvancedSelectorValues: 500,
  /** The form of a data event `resources.type`. */
  dataResourceTypePattern: /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/,
  /** The form of a service's event source, e.g. `kms.amazonaws.com`. */
  eventSourcePattern: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/,
  /** The only error code network activity events can be filtered on. */
  networkActivityErrorCode: 'VpceAccessDenied',
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
  /** Period times evaluation periods: at most seven days, and at most a day for periods shorter than an hour. */
  maxAlarmEvaluationSeconds: 604800,
  maxAlarmEvaluationSecondsShortPeriods: 86400,
  /** Each value of an advanced event selector condition. */
  maxSelectorValueLength: 2048,
  /** KMS alias names, after the `alias/` prefix; `alias/aws/` is reserved for AWS managed keys. */
  kmsAliasPattern: /^alias\/[a-zA-Z0-9:/_-]+$/,
  kmsAliasMaxLength: 256,
  /** KMS key descriptions. */
  kmsDescriptionMaxLength: 8192,
  /** CloudWatch Logs log group names. */
  logGroupNamePattern: /^[.\-_/#A-Za-z0-9]{1,512}$/,
  /** An email address SNS can deliver to: one `@`, a dotted domain, no whitespace. */
  emailPattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /** Targets of an AWS Organizations policy: the root, an organizational unit or an account. */
  organizationsTargetIdPattern: /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  /**
   * Characters of a service control or resource control policy. AWS raised the SCP quota to 10,240 in May 2026; RCPs
   * stay at 5,120, and organizations read by older tooling may still be held to it: the smaller is enforced.
   */
  maxOrganizationPolicyLength: 5120,
  /** `AWS::Organizations::Policy` Name. */
  maxOrganizationPolicyNameLength: 128,
} as const;

/** Limits of Glue, Athena and CloudTrail Lake that TrailAnalytics inputs are checked against. */
export const ANALYTICS_LIMITS = {
  /** Athena reads database and table names in lowercase, with underscores; Glue allows at most 255 characters. */
  glueNamePattern: /^[a-z0-9_]{1,255}$/,
  /** Athena `WorkGroup.Name`. */
  workGroupNamePattern: /^[a-zA-Z0-9._-]{1,128}$/,
  /** AWS account ids. */
  accountIdPattern: /^\d{12}$/,
  /** Region names: a partition prefix such as `us`, `eu`, `us-gov` or `eusc-de`, a direction and a number. */
  regionPattern: /^[a-z]{2,4}(-[a-z]+)*-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/,
  /** CloudTrail Lake event data store names. */
  eventDataStoreNamePattern: /^[a-zA-Z0-9._-]{3,128}$/,
  /** CloudTrail Lake retention, in days, per billing mode. */
  lakeMinRetentionDays: 7,
  lakeMaxRetentionDays: { EXTENDABLE_RETENTION_PRICING: 3653, FIXED_RETENTION_PRICING: 2557 } as Record<string, number>,
  /** Advanced event selectors of an event data store. */
  lakeMaxSelectors: 5,
} as const;

/** What S3 lifecycle rules allow for a storage class that objects move to. */
export interface StorageTier {
  readonly label: string;
  /** The age objects must have reached to move here. */
  readonly minAge: number;
  /** The days objects stay here before a later transition: see STORAGE_TIERS. */
  readonly minStay: number;
  /** The storage classes objects may move on to from here. */
  readonly next: string[];
}

/**
 * The storage classes a lifecycle rule moves objects to, by their CloudFormation value, in S3's order. S3 documents
 * the 30-day minimums of Standard-IA and One Zone-IA as lifecycle constraints. For Glacier Instant Retrieval and
 * Glacier Flexible Retrieval it documents only a 90-day minimum storage duration, billed when objects leave earlier;
 * whether a lifecycle rule may move them on sooner is not documented, so a later transition is asked to wait the 90
 * days (nothing is saved by moving sooner).
 */
export const STORAGE_TIERS: Record<string, StorageTier> = {
  STANDARD_IA: { label: 'Standard-IA', minAge: 30, minStay: 30, next: ['INTELLIGENT_TIERING', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] },
  INTELLIGENT_TIERING: { label: 'Intelligent-Tiering', minAge: 0, minStay: 0, next: ['ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] },
  ONEZONE_IA: { label: 'One Zone-IA', minAge: 30, minStay: 30, next: ['GLACIER', 'DEEP_ARCHIVE'] },
  GLACIER_IR: { label: 'Glacier Instant Retrieval', minAge: 0, minStay: 90, next: ['GLACIER', 'DEEP_ARCHIVE'] },
  GLACIER: { label: 'Glacier', minAge: 0, minStay: 90, next: ['DEEP_ARCHIVE'] },
  DEEP_ARCHIVE: { label: 'Deep Archive', minAge: 0, minStay: 180, next: [] },
};
