import { Annotations, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { validateLogArchive } from './trail-archive-validation';
import { validateSecurityAlarmsOptions } from '../alarms/private/validation';
import { validateTrailAnalyticsOptions } from '../analytics/private/validation';
import { validateLifecycle } from '../archive/private/validation';
import { DEFAULTS, WARNING_PREFIX } from '../core/defaults';
import { LIMITS } from '../core/limits';
import {
  Problems,
  isResolved,
  knownRegion,
  validateLogRetention,
  validateOrganizationId,
  validateRegion,
  validateS3KeyPrefix,
  validateSymmetricKey,
  validateTrailName,
} from '../core/validation';
import { validateEventSelection } from '../events/private/selection';
import type { OrganizationTrailProps } from '../organization-trail';

/**
 * Props of aws-cdk-lib's `Trail` that an OrganizationTrail does not take, with what replaces each. TypeScript rejects
 * them at compile time; from JavaScript they would be ignored without a word, so they are refused here.
 */
const TRAIL_ONLY_PROPS: Record<string, string> = {
  orgId: 'Use organizationId.',
  isOrganizationTrail: 'Remove it: an OrganizationTrail is always an organization trail.',
  enableFileValidation: 'Remove it: log file validation is always on.',
  kmsKey: 'Use encryptionKey.',
  cloudWatchLogGroup: 'Remove it: the trail creates its encrypted log group (sendToCloudWatchLogs, cloudWatchLogsRetention); for alarms on a log group of your own, use SecurityAlarms.',
  snsTopic: "Remove it: CloudTrail's per-log-file notifications are not offered; alarms.topic takes a topic for the security alarms.",
};

/** Every problem with the props of an OrganizationTrail at `path`, thrown at once before anything joins the tree. */
export function validateOrganizationTrailProps(props: OrganizationTrailProps, stack: Stack, path: string): void {
  const problems = new Problems('OrganizationTrail', path);
  for (const [prop, fix] of Object.entries(TRAIL_ONLY_PROPS)) {
    const value = (props as unknown as Record<string, unknown>)[prop];
    // A construct (a topic, a log group, a key) is named by its path
    const received = Construct.isConstruct(value) ? value.node.path : value;
    if (value !== undefined) problems.add(prop, received, "is a prop of aws-cdk-lib's Trail, which OrganizationTrail does not take", fix);
  }
  validateOrganizationId(problems, 'organizationId', props.organizationId);
  validateTrailName(problems, 'trailName', props.trailName);
  validateS3KeyPrefix(problems, 's3KeyPrefix', props.s3KeyPrefix);
  validateEventSelection(problems, props);
  if ((props.isMultiRegionTrail ?? DEFAULTS.isMultiRegionTrail) && props.includeGlobalServiceEvents === false) {
    problems.add(
      'includeGlobalServiceEvents',
      false,
      'a multi-Region trail must record global-service events',
      'Leave includeGlobalServiceEvents out (true), or set isMultiRegionTrail to false.',
    );
  }
  validateSymmetricKey(problems, 'encryptionKey', props.encryptionKey);
  if (props.encryptionKey && props.bucket && !props.logArchive && props.sendToCloudWatchLogs === false) {
    validateRegion(problems, 'encryptionKey', props.encryptionKey, knownRegion(props.bucket), 'CloudTrail requires the key in the Region of the bucket it delivers to');
  } else if (props.encryptionKey) {
    validateRegion(
      problems,
      'encryptionKey',
      props.encryptionKey,
      knownRegion(stack),
      "must be in this stack's Region: CloudWatch Logs encrypts the log group only with a key of its Region, and CloudTrail uses a key of the log bucket's Region",
    );
  }
  validateLogArchive(problems, props, stack);
  if (props.bucket && props.logBucket) {
    problems.add(
      'logBucket',
      'options for a bucket this construct would create',
      'cannot be combined with `bucket`, which brings a bucket of your own',
      'Remove logBucket and configure your own bucket directly, or remove bucket.',
    );
  }
  validateLifecycle(problems, props.logBucket ?? {});
  const retention = props.cloudWatchLogsRetention;
  validateLogRetention(problems, 'cloudWatchLogsRetention', retention);
  if (props.sendToCloudWatchLogs === false && props.alarms && props.alarms.enabled !== false) {
    problems.add(
      'alarms',
      'security alarm options',
      'are set while sendToCloudWatchLogs is false: the alarms watch the CloudWatch Logs log group',
      'Remove alarms (or set alarms.enabled to false), or turn sendToCloudWatchLogs on.',
    );
  }
  if (props.sendToCloudWatchLogs !== false && props.alarms?.enabled !== false) {
    // The trail names its alarms after itself: `<trailName>-`, or a name derived from its path when not given.
    const alarmNames = { known: props.trailName === undefined ? undefined : `${props.trailName}-`, maxLength: LIMITS.trailNameMaxLength + 1 };
    validateSecurityAlarmsOptions(problems, props.alarms ?? {}, alarmNames, 'alarms.');
  }
  if (props.analytics) validateTrailAnalyticsOptions(problems, props.analytics, 'analytics.');
  if (props.sendToCloudWatchLogs === false && retention !== undefined) {
    problems.add(
      'cloudWatchLogsRetention',
      retention,
      'is set while sendToCloudWatchLogs is false',
      'Remove cloudWatchLogsRetention, or turn sendToCloudWatchLogs on.',
    );
  }
  problems.throwIfAny();
}

/** Warns about the CloudWatch Logs choices that validators report: no log group, or a retention they reject. */
export function warnAboutCloudWatchLogs(scope: Construct, sendToCloudWatchLogs: boolean, retention: logs.RetentionDays | undefined): void {
  if (!sendToCloudWatchLogs) {
    Annotations.of(scope).addWarningV2(
      `${WARNING_PREFIX}:cloudWatchLogsOff`,
      'sendToCloudWatchLogs is false: no alarm can watch the events, and Security Hub CloudTrail.5, Control Tower ' +
        'CT.CLOUDTRAIL.PR.3, the NIST 800-53, HIPAA and PCI DSS checks CloudTrailCloudWatchLogsEnabled and ' +
        "CloudTrailChecks' CloudTrail-TrailCloudWatchLogs fail for this trail.",
    );
  }
  if (retention === undefined || !isResolved(retention)) return;
  if (retention === LIMITS.infiniteRetention) {
    Annotations.of(scope).addWarningV2(
      `${WARNING_PREFIX}:logRetentionNotSet`,
      'cloudWatchLogsRetention is INFINITE: the log group keeps events forever, with no retention setting, which the ' +
        'NIST 800-53, HIPAA and PCI DSS checks CloudWatchLogGroupRetentionPeriod report. Give a retention of a year or more.',
    );
  } else if (retention < LIMITS.minCompliantLogRetentionDays) {
    Annotations.of(scope).addWarningV2(
      `${WARNING_PREFIX}:shortLogRetention`,
      `cloudWatchLogsRetention is ${retention} days: Security Hub CloudWatch.16, Control Tower CT.CLOUDWATCH.PR.2 and ` +
        `CloudTrailChecks' CloudTrail-LogGroupRetention require at least ${LIMITS.minCompliantLogRetentionDays}. The log ` +
        'files in S3 are not affected.',
    );
  }
}

/**
 * Warns when the trail name comes from the construct path: moving the construct, or renaming it, renames the trail,
 * which replaces the trail, its log group, its alarms and the key alias. Setting `trailName` to the name printed here
 * changes nothing in the template and pins it.
 */
export function warnAboutDerivedTrailName(scope: Construct, trailName: string | undefined, derivedName: string): void {
  if (trailName !== undefined) return;
  Annotations.of(scope).addWarningV2(
    `${WARNING_PREFIX}:trailNameFromPath`,
    `trailName is not set, so the trail is named "${derivedName}" after its construct path (${scope.node.path}). Moving ` +
      'or renaming the construct renames the trail, and CloudFormation then replaces the trail, its log group, its ' +
      `alarms and its key alias. Set trailName: '${derivedName}' to keep this name wherever the code goes (the template ` +
      'does not change), or choose a readable name before the first deployment.',
  );
}
