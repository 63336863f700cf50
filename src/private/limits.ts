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
