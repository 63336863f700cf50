import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
  /** Log files expire after seven years, the longest common audit retention (HIPAA 6 years, SOX 7 years). */
  expiration: Duration.days(2557),
  /** A version replaced or deleted by mistake stays recoverable for a year. */
  noncurrentVersionExpiration: Duration.days(365),
  /** Stateful resources outlive the stack: an audit log is never deleted by a `cdk destroy`. */
  removalPolicy: RemovalPolicy.RETAIN,
  /** Server access logs of the log bucket are kept as long as the log files themselves. */
  accessLogsPrefix: 'trail-bucket/',
  /** Prefix of the default log group name, followed by the trail name. */
  logGroupNamePrefix: 'cloudtrail/',
  /** Prefix of the default KMS alias, followed by the trail name. */
  keyAliasPrefix: 'alias/cloudtrail/',
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
