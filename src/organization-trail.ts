import { Annotations, Names, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SecurityAlarms, SecurityAlarmsOptions } from './alarms/security-alarms';
import { TrailAnalytics, TrailAnalyticsOptions } from './analytics';
import { DataEvent } from './events/data-event';
import { EventSelectionOptions } from './events/event-selection-options';
import { NetworkActivityEvent } from './events/network-activity-event';
import { LogArchive } from './log-archive';
import { LogBucketOptions } from './log-bucket-options';
import { anyTrailOfAccountArn, trailArn } from './private/arns';
import { DEFAULTS, WARNING_PREFIX } from './private/defaults';
import { EventSelection, validateEventSelection } from './private/event-selection';
import { validateLifecycle } from './private/lifecycle';
import { LIMITS } from './private/limits';
import { cloudTrailBucketStatements, cloudTrailKeyStatements } from './private/policies';
import { addToResourcePolicyOrWarn } from './private/resource-policy';
import {
  Problems,
  isResolved,
  validateOrganizationId,
  validateS3KeyPrefix,
  validateTrailName,
} from './private/validation';
import { TrailKey } from './trail-key';
import { TrailLogGroup } from './trail-log-group';

/**
 * The security alarms of an {@link OrganizationTrail}: every {@link SecurityAlarmsOptions} option, and a switch.
 */
export interface OrganizationTrailAlarmsOptions extends SecurityAlarmsOptions {
  /**
   * Whether to create the security alarms. Set it to false to leave them out; they need `sendToCloudWatchLogs`.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Properties of an {@link OrganizationTrail}.
 */
export interface OrganizationTrailProps extends EventSelectionOptions {
  /**
   * The id of the AWS Organizations organization, e.g. `o-a1b2c3d4e5` (the `orgId` of the aws-cdk-lib `Trail`).
   * The trail logs every account of this organization; their log files land under `AWSLogs/<organizationId>/`.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
   */
  readonly organizationId: string;

  /**
   * The name of the trail. Every CloudTrail permission is limited to the trail of this name.
   *
   * @default - a name unique to this construct's path, stable across deployments
   */
  readonly trailName?: string;

  /**
   * A prefix for the log files' keys in the bucket, without slashes around it (at most 200 characters).
   *
   * @default - log files are written under `AWSLogs/` at the bucket root
   */
  readonly s3KeyPrefix?: string;

  /**
   * Whether the trail records events in every Region, including Regions AWS adds later.
   *
   * @default true
   */
  readonly isMultiRegionTrail?: boolean;

  /**
   * Whether the trail records events of global services such as IAM, STS and CloudFront. A multi-Region trail must.
   *
   * @default true
   */
  readonly includeGlobalServiceEvents?: boolean;

  /**
   * A KMS key of your own to encrypt the log files (and the log group). An imported key's policy cannot be edited
   * from here: a warning lists the statements to add.
   *
   * @default - a new key with rotation enabled and a least-privilege key policy
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * A bucket of your own to deliver to, instead of a new log archive. An imported bucket's policy cannot be edited
   * from here: a warning lists the statements to add. Cannot be combined with `logBucket`.
   *
   * @default - a new LogArchive: an encrypted, versioned, access-logged bucket with lifecycle tiers
   */
  readonly bucket?: s3.IBucket;

  /**
   * Options for the bucket this construct creates. Cannot be combined with `bucket`.
   *
   * @default - the defaults of each LogBucketOptions property
   */
  readonly logBucket?: LogBucketOptions;

  /**
   * Whether the trail also delivers events to an encrypted CloudWatch Logs log group, where alarms can watch them.
   *
   * @default true
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
   */
  readonly sendToCloudWatchLogs?: boolean;

  /**
   * How long CloudWatch Logs keeps the events. Security Hub CloudWatch.16 asks for a year or more.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: logs.RetentionDays;

  /**
   * Query-ready logs: a Glue table with partition projection over the log files, an Athena workgroup with saved
   * investigations, the same investigations as CloudWatch Logs Insights queries, and optionally a CloudTrail Lake
   * event data store. `{}` turns them on with their defaults.
   *
   * @default - off
   */
  readonly analytics?: TrailAnalyticsOptions;

  /**
   * Security alarms on the log group: Security Hub CloudWatch.1 to CloudWatch.14 by default, a delivery heartbeat,
   * near-real-time tamper alerts on this trail, its buckets and its key, and an encrypted SNS topic they notify.
   * Alarm names start with `<trailName>-`. `{ enabled: false }` leaves them out.
   *
   * @default - enabled whenever `sendToCloudWatchLogs` is on, with the defaults of SecurityAlarmsOptions
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
   */
  readonly alarms?: OrganizationTrailAlarmsOptions;
}

/**
 * An AWS CloudTrail organization trail, secure by default: every Region, global-service events, log file validation,
 * log files encrypted with a KMS customer managed key and stored in a private, versioned, access-logged bucket, and
 * delivery to an encrypted CloudWatch Logs log group.
 *
 * Deploy it in the organization's management account, with trusted access for CloudTrail enabled in AWS
 * Organizations.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 */
export class OrganizationTrail extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;

  /**
   * The ARN of the trail.
   *
   * @attribute
   */
  public readonly trailArn: string;

  /**
   * The name of the trail.
   *
   * @attribute
   */
  public readonly trailName: string;

  /** The bucket the trail delivers log files to. */
  public readonly bucket: s3.IBucket;

  /** The log archive this construct created, when no `bucket` was given. */
  public readonly logArchive?: LogArchive;

  /** The key that encrypts the log files and the log group. */
  public readonly encryptionKey: kms.IKey;

  /** The CloudWatch Logs log group the trail delivers to, when `sendToCloudWatchLogs` is on. */
  public readonly logGroup?: logs.ILogGroup;

  /** The log group and its delivery role, when `sendToCloudWatchLogs` is on. */
  public readonly cloudWatchLogs?: TrailLogGroup;

  /** The organization the trail logs. */
  public readonly organizationId: string;

  private readonly events: EventSelection;
  /** The query-ready logs, when `analytics` is set. */
  public readonly analytics?: TrailAnalytics;
  /** The security alarms on the log group, unless turned off or `sendToCloudWatchLogs` is off. */
  public readonly securityAlarms?: SecurityAlarms;

  /** The topic the security alarms and tamper alerts notify, when there is one. */
  public readonly alarmTopic?: sns.ITopic;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    // Validate before the construct joins the tree, so that a bad input leaves nothing behind.
    validateProps(props);
    super(scope, id);

    const stack = Stack.of(this);
    this.organizationId = props.organizationId;
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: LIMITS.trailNameMaxLength });
    this.trailArn = trailArn(stack, this.trailName);
    const delivery = { trailArn: this.trailArn, trailAccount: stack.account, s3KeyPrefix: props.s3KeyPrefix };
    const removalPolicy = props.logBucket?.removalPolicy;

    this.encryptionKey =
      props.encryptionKey ??
      new TrailKey(this, 'Key', { alias: `${DEFAULTS.keyAliasPrefix}${aliasSafe(this.trailName)}`, removalPolicy });

    if (props.bucket) {
      this.bucket = props.bucket;
      const identity = { ...delivery, accountId: stack.account, organizationId: props.organizationId };
      addToResourcePolicyOrWarn(this, this.bucket, cloudTrailBucketStatements(this.bucket.bucketArn, identity), 'bucketPolicyNotManaged', 'log bucket');
      addToResourcePolicyOrWarn(
        this,
        this.encryptionKey,
        cloudTrailKeyStatements(identity, anyTrailOfAccountArn(stack, stack.account)),
        'keyPolicyNotManaged',
        'KMS key',
      );
    } else {
      this.logArchive = new LogArchive(this, 'LogArchive', {
        organizationId: props.organizationId,
        encryptionKey: this.encryptionKey,
        logBucket: props.logBucket,
      });
      this.logArchive.allowTrailDelivery(delivery);
      this.bucket = this.logArchive.bucket;
    }

    if (props.sendToCloudWatchLogs ?? DEFAULTS.sendToCloudWatchLogs) {
      this.cloudWatchLogs = new TrailLogGroup(this, 'CloudWatchLogs', {
        organizationId: props.organizationId,
        logGroupName: `${DEFAULTS.logGroupNamePrefix}${this.trailName}`,
        encryptionKey: this.encryptionKey,
        retention: props.cloudWatchLogsRetention,
        removalPolicy,
      });
      this.logGroup = this.cloudWatchLogs.logGroup;
    }

    this.events = new EventSelection(this, props, {
      trailBuckets: [this.bucket, ...(this.logArchive ? [this.logArchive.accessLogsBucket] : [])],
      sendToCloudWatchLogs: this.cloudWatchLogs !== undefined,
    });

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      isLogging: true,
      isOrganizationTrail: true,
      isMultiRegionTrail: props.isMultiRegionTrail ?? DEFAULTS.isMultiRegionTrail,
      includeGlobalServiceEvents: props.includeGlobalServiceEvents ?? DEFAULTS.includeGlobalServiceEvents,
      enableLogFileValidation: DEFAULTS.enableLogFileValidation,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      kmsKeyId: this.encryptionKey.keyArn,
      cloudWatchLogsLogGroupArn: this.cloudWatchLogs?.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: this.cloudWatchLogs?.deliveryRole.roleArn,
      advancedEventSelectors: this.events.advancedEventSelectors,
      insightSelectors: this.events.insightSelectors,
    });
    // CloudTrail checks the bucket policy and the delivery role's permissions when it creates the trail.
    if (this.bucket.policy) this.trail.node.addDependency(this.bucket.policy);
    if (this.cloudWatchLogs) this.trail.node.addDependency(this.cloudWatchLogs.deliveryPolicy);
    this.node.defaultChild = this.trail;

    if (props.analytics) {
      this.analytics = new TrailAnalytics(this, 'Analytics', {
        ...props.analytics,
        bucket: this.bucket,
        organizationId: props.organizationId,
        s3KeyPrefix: props.s3KeyPrefix,
        encryptionKey: this.encryptionKey,
        trailArn: this.trailArn,
        logGroup: this.logGroup,
        serverAccessLogsBucket: this.logArchive?.accessLogsBucket,
      });
    }

    if (this.logGroup && (props.alarms?.enabled ?? DEFAULTS.securityAlarmsEnabled)) {
      const tamper = props.alarms?.tamperDetection;
      this.securityAlarms = new SecurityAlarms(this, 'Alarms', {
        ...props.alarms,
        logGroup: this.logGroup,
        alarmNamePrefix: props.alarms?.alarmNamePrefix ?? `${this.trailName}-`,
        tamperDetection: {
          ...tamper,
          trail: tamper?.trail ?? { trailName: this.trailName, trailArn: this.trailArn },
          buckets: [this.bucket, ...(this.logArchive ? [this.logArchive.accessLogsBucket] : []), ...(tamper?.buckets ?? [])],
          encryptionKeys: [this.encryptionKey, ...(tamper?.encryptionKeys ?? [])],
        },
      });
      this.alarmTopic = this.securityAlarms.topic;
    }

    warnAboutRetention(this, props.cloudWatchLogsRetention);
  }

  /**
   * Logs more data events. Each is validated now; CloudTrail's limit of 500 condition values across all selectors
   * is checked at synthesis.
   */
  public addDataEvents(...events: DataEvent[]): void {
    this.events.addDataEvents(events);
  }

  /**
   * Logs more network activity events: calls through VPC endpoints to more services.
   */
  public addNetworkActivityEvents(...events: NetworkActivityEvent[]): void {
    this.events.addNetworkActivityEvents(events);
  }
}

function validateProps(props: OrganizationTrailProps): void {
  const problems = new Problems('OrganizationTrail');
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
  if (retention !== undefined && isResolved(retention) && retention !== LIMITS.infiniteRetention && !LIMITS.logRetentionDays.includes(retention)) {
    problems.add(
      'cloudWatchLogsRetention',
      retention,
      'is not a retention CloudWatch Logs accepts',
      'Use a logs.RetentionDays value, e.g. RetentionDays.ONE_YEAR.',
    );
  }
  if (props.sendToCloudWatchLogs === false && props.alarms && props.alarms.enabled !== false) {
    problems.add(
      'alarms',
      'security alarm options',
      'are set while sendToCloudWatchLogs is false: the alarms watch the CloudWatch Logs log group',
      'Remove alarms (or set alarms.enabled to false), or turn sendToCloudWatchLogs on.',
    );
  }
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

function warnAboutRetention(scope: Construct, retention: logs.RetentionDays | undefined): void {
  if (retention === undefined || !isResolved(retention) || retention >= LIMITS.minCompliantLogRetentionDays) return;
  Annotations.of(scope).addWarningV2(
    `${WARNING_PREFIX}:shortLogRetention`,
    `cloudWatchLogsRetention is ${retention} days: Security Hub CloudWatch.16 and Control Tower CT.CLOUDWATCH.PR.2 ` +
      `require at least ${LIMITS.minCompliantLogRetentionDays}. The log files in S3 are not affected.`,
  );
}

/** KMS aliases allow letters, digits, "/", "_" and "-": trail names may also contain ".". */
function aliasSafe(name: string): string {
  return isResolved(name) ? name.replace(/\./g, '-') : name;
}
