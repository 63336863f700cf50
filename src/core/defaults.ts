import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * Every default of the library, in one auditable place. The README's "Default settings" table mirrors this file.
 */
export const DEFAULTS = {
  /** Record events from every Region, including Regions AWS adds later. */
  isMultiRegionTrail: true,
  /** Record IAM, STS and CloudFront events, which are delivered to us-east-1. */
  includeGlobalServiceEvents: true,
  /** Digest files let an auditor prove that no log file was changed or deleted. */
  enableLogFileValidation: true,
  /** Deliver events to CloudWatch Logs, where the security alarms watch them. */
  sendToCloudWatchLogs: true,
  /** CloudWatch.16 and CT.CLOUDWATCH.PR.2 require at least a year. */
  cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
  /** Log files move to S3 Standard-IA after 90 days (S3 allows 30 at the earliest). */
  transitionToInfrequentAccessAfter: Duration.days(90),
  /** Then to S3 Glacier Flexible Retrieval after a year. */
  transitionToGlacierAfter: Duration.days(365),
  /** Log files of 128 KB or more move to cheaper storage classes as they age. */
  storageTiers: true,
  /** Log files expire after seven years, the longest common audit retention (HIPAA 6 years, SOX 7 years). */
  expiration: Duration.days(2557),
  /** A version replaced or deleted by mistake stays recoverable for a year. */
  noncurrentVersionExpiration: Duration.days(365),
  /**
   * Stateful resources outlive the stack: an audit log is never deleted by a `cdk destroy` or a replacement. Unlike
   * RETAIN, resources created by a first deployment that rolls back are deleted with it, so that their fixed names (log
   * group, Glue database, workgroup, event data store) do not block the next attempt.
   */
  removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
  /** Server access logs of the log bucket are kept as long as the log files themselves. */
  accessLogsPrefix: 'trail-bucket/',
  /** Prefix of the default log group name, followed by the trail name. */
  logGroupNamePrefix: 'cloudtrail/',
  /** Prefix of the default KMS alias, followed by the trail name. */
  keyAliasPrefix: 'alias/cloudtrail/',
  /** Read and write management events: what CIS 3.1 / Security Hub CloudTrail.1 require. Rendered as an explicit selector. */
  managementEvents: cloudtrail.ReadWriteType.ALL,
  /** No management event source is excluded: excluding KMS or RDS Data API events fails CloudTrail.1. */
  excludeManagementEventSources: [] as cloudtrail.ManagementEventSources[],
  /** S3 data events for all buckets leave out the trail's own buckets, or every log delivery is logged again. */
  excludeTrailBucketsFromS3DataEvents: true,
  /**
   * Insights analyse management events unless told otherwise (CloudTrail's own default): the value of
   * `InsightEventCategory.MANAGEMENT`, which events/ types.
   */
  insightEventCategories: ['Management'],
  /** Network activity events: every call through a VPC endpoint, not only the denied ones. */
  onlyAccessDeniedNetworkActivity: false,
  /** Security alarms watch the trail's log group whenever it has one. */
  securityAlarmsEnabled: true,
  /**
   * Security Hub CloudWatch.1 to CloudWatch.14 and CIS v6.0.0 5.1 to 5.15, with the texts Security Hub, CIS and the
   * scanners auditors run each look for, one alarm per control: the name of the `SecurityAlarmRule` profile, which
   * alarms/ resolves (this floor imports nothing above it).
   */
  securityAlarmRules: 'SECURITY_HUB_AND_CIS' as const,
  /** Namespace of the security alarms' metrics (CIS uses `CISBenchmark` in its examples; any name works). */
  alarmMetricNamespace: 'CloudTrailMetrics',
  /** CIS and Security Hub: alarm on the Sum over 5 minutes, at 1 or more, after 1 period. */
  alarmPeriod: Duration.minutes(5),
  alarmThreshold: 1,
  alarmEvaluationPeriods: 1,
  /** The delivery heartbeat fires after an hour without a single event reaching the log group. */
  heartbeatEnabled: true,
  heartbeatPeriod: Duration.hours(1),
  /** The heartbeat stays quiet until CloudTrail first delivers: a new deployment does not page. */
  heartbeatWaitsForFirstDelivery: true,
  /** Near-real-time tamper alerts through EventBridge. */
  tamperDetectionEnabled: true,
  /** The dashboard is opt-in: it costs money every month. */
  dashboardEnabled: false,
  /** Name of the central event bus of SecurityEventForwarding. */
  securityEventBusName: 'organization-security-events',
  /** StackSet rollout: every Region at once, a quarter of the accounts at a time, stop at the first failure. */
  stackSetOperationPreferences: {
    regionConcurrencyType: 'PARALLEL',
    maxConcurrentPercentage: 25,
    failureToleranceCount: 0,
  },
} as const;

/** Namespace of every warning the library emits, for `Annotations.hasWarning` and acknowledgements. */
export const WARNING_PREFIX = 'cdk-organization-trail';

/**
 * Defaults of the query-ready logs (TrailAnalytics), mirrored in the README's "Default settings" table.
 */
export const ANALYTICS_DEFAULTS = {
  /** Name of the Glue table over the log files. */
  tableName: 'cloudtrail_logs',
  /**
   * First day the table projects: before it, the default seven-year lifecycle has already deleted most log files
   * of a trail created today. Queries name the days they read, so an early start costs nothing.
   */
  projectionStartDate: '2020-01-01',
  /** Every Region of each partition in which an organization trail can record events. */
  regions: {
    'aws': [
      'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1',
      'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
      'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1',
      'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1',
      'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
    ],
    'aws-cn': ['cn-north-1', 'cn-northwest-1'],
    'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  } as Record<string, readonly string[]>,
  /** Query results are working copies of log data: they expire after a month. */
  queryResultsExpiration: Duration.days(30),
  /** A replaced result file is not worth keeping. */
  queryResultsNoncurrentExpiration: Duration.days(1),
  /** Key prefix of the query results in the results bucket; grants are limited to it. */
  queryResultsPrefix: 'athena-results/',
  /** Key prefix of the results bucket's server access logs in the access-log bucket. */
  queryResultsAccessLogsPrefix: 'query-results-bucket/',
  /** How long the access-log bucket created for the results bucket (when there is no log archive) keeps logs. */
  accessLogsExpiration: Duration.days(365),
  /** How long that bucket keeps replaced or deleted versions of its logs. */
  accessLogsNoncurrentExpiration: Duration.days(30),
  /** Rows a saved query returns at most, so that a broad question stays cheap to display. */
  queryRowLimit: 1000,
  /** Folder of the CloudWatch Logs Insights saved queries, followed by the workgroup name. */
  queryDefinitionFolder: 'CloudTrail',
  /** CloudTrail Lake: management events only, the events that every investigation needs. */
  lakeSelectorName: 'Management events',
  /** CloudTrail Lake retention per billing mode: what CloudTrail itself defaults to. */
  lakeRetentionDays: { EXTENDABLE_RETENTION_PRICING: 366, FIXED_RETENTION_PRICING: 2557 } as Record<string, number>,
  /** An event data store can be deleted only after termination protection is turned off. */
  lakeTerminationProtection: true,
} as const;
