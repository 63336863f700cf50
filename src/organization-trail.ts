import { Annotations, Arn, Names, ResourceEnvironment, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { aws_cloudtrail as cloudtrailRefs } from 'aws-cdk-lib/interfaces';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct, IConstruct } from 'constructs';
import { SecurityAlarms, SecurityAlarmsOptions } from './alarms/security-alarms';
import { TrailAnalytics, TrailAnalyticsOptions } from './analytics';
import { LogArchive } from './archive/log-archive';
import { ILogArchive } from './archive/log-archive-ref';
import { LogBucketOptions } from './archive/log-bucket-options';
import { TrailKey } from './archive/trail-key';
import { anyTrailOfAccountArn, trailArn } from './core/arns';
import { DEFAULTS, WARNING_PREFIX } from './core/defaults';
import { LIMITS } from './core/limits';
import { cloudTrailBucketStatements, cloudTrailKeyStatements } from './core/policies';
import { addToResourcePolicyOrWarn } from './core/resource-policy';
import { isResolved, knownRegion, pathOf } from './core/validation';
import { DataEvent } from './events/data-event';
import { EventSelectionOptions } from './events/event-selection-options';
import { NetworkActivityEvent } from './events/network-activity-event';
import { EventSelection } from './events/private/selection';
import { validateOrganizationTrailProps, warnAboutCloudWatchLogs, warnAboutDerivedTrailName } from './private/validation';
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
   * The name of the trail. Every CloudTrail permission is limited to the trail of this name. The trail, its log group
   * (`cloudtrail/<trailName>`), its alarms and its key alias are named after it, so a new name replaces them: choose
   * it before the first deployment.
   *
   * @default - a name derived from this construct's path; a warning prints it, so that it can be pinned here
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
   * A symmetric KMS key of your own to encrypt the log files (and the log group). With `logArchive`, the log files
   * are encrypted with the archive's key, and this key encrypts only the log group. It must be in this stack's Region
   * (CloudWatch Logs uses keys of its own Region only). An imported key's policy cannot be edited from here: a warning
   * lists the statements to add.
   *
   * @default - a new key with rotation enabled and a least-privilege key policy
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The log archive to deliver to, instead of creating one: typically a `LogArchive` in the stack of a dedicated
   * log-archive account of this app. The trail names its bucket and key by physical names generated at synth time
   * (no cross-stack export), lets itself deliver there (`allowTrailDelivery`: the archive's policies name this trail's
   * ARN in the management account), and gets a key of its own for the log group. The archive must serve the same
   * organization; it may be in another Region (CloudTrail delivers across Regions; the archive's key is in its
   * bucket's Region, as CloudTrail requires). An archive another app deployed comes in through
   * `LogArchive.fromLogArchiveAttributes`; that app's LogArchive must then allow this trail (a warning says how).
   * Cannot be combined with `bucket` or `logBucket`.
   *
   * @default - a new LogArchive in this construct
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-receive-logs-from-multiple-accounts.html
   */
  readonly logArchive?: ILogArchive;

  /**
   * A bucket of your own to deliver to, instead of a new log archive. An imported bucket's policy cannot be edited
   * from here: a warning lists the statements to add. Cannot be combined with `logBucket` or `logArchive`.
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
export class OrganizationTrail extends Construct implements cloudtrailRefs.ITrailRef {
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

  /**
   * The log archive of this app the trail delivers to: the one given as `logArchive`, or the one this construct
   * created. Undefined for an archive another app deployed (`LogArchive.fromLogArchiveAttributes`).
   */
  public readonly logArchive?: LogArchive;

  /** The key that encrypts the log files (and the log group, unless the log archive was given). */
  public readonly encryptionKey: kms.IKey;

  /** The key that encrypts the log group, when `sendToCloudWatchLogs` is on. */
  public readonly logGroupEncryptionKey?: kms.IKey;

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
    validateOrganizationTrailProps(props, Stack.of(scope), pathOf(scope, id));
    super(scope, id);
    const stack = Stack.of(this);

    this.organizationId = props.organizationId;
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: LIMITS.trailNameMaxLength });
    this.trailArn = trailArn(stack, this.trailName);
    const delivery = { trailArn: this.trailArn, trailAccount: stack.account, s3KeyPrefix: props.s3KeyPrefix };
    const removalPolicy = props.logBucket?.removalPolicy;
    const sendToCloudWatchLogs = props.sendToCloudWatchLogs ?? DEFAULTS.sendToCloudWatchLogs;
    const newKey = (description?: string) =>
      new TrailKey(this, 'Key', { alias: `${DEFAULTS.keyAliasPrefix}${aliasSafe(this.trailName)}`, removalPolicy, description });
    let kmsKeyId: string;

    if (props.logArchive) {
      const archive = props.logArchive;
      this.logArchive = archive instanceof LogArchive ? archive : undefined;
      this.bucket = archive.logBucket;
      this.encryptionKey = archive.encryptionKey;
      archive.allowTrailDelivery(delivery);
      kmsKeyId = archiveKeyArn(archive, stack);
      // The log group stays in this account and Region, so it is encrypted with a key here.
      this.logGroupEncryptionKey = sendToCloudWatchLogs
        ? (props.encryptionKey ?? newKey(`Encrypts the CloudWatch Logs log group of the AWS CloudTrail trail ${this.trailName}`))
        : undefined;
    } else {
      this.encryptionKey = props.encryptionKey ?? newKey();
      this.logGroupEncryptionKey = sendToCloudWatchLogs ? this.encryptionKey : undefined;
      kmsKeyId = this.encryptionKey.keyArn;
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
    }

    if (this.logGroupEncryptionKey) {
      this.cloudWatchLogs = new TrailLogGroup(this, 'CloudWatchLogs', {
        organizationId: props.organizationId,
        logGroupName: `${DEFAULTS.logGroupNamePrefix}${this.trailName}`,
        encryptionKey: this.logGroupEncryptionKey,
        retention: props.cloudWatchLogsRetention,
        removalPolicy,
      });
      this.logGroup = this.cloudWatchLogs.logGroup;
    }

    const archiveAccessLogs = (props.logArchive ?? this.logArchive)?.serverAccessLogsBucket;
    const trailBuckets = [this.bucket, ...(archiveAccessLogs ? [archiveAccessLogs] : [])];
    this.events = new EventSelection(this, props, {
      trailBuckets,
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
      kmsKeyId,
      cloudWatchLogsLogGroupArn: this.cloudWatchLogs?.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: this.cloudWatchLogs?.deliveryRole.roleArn,
      eventSelectors: this.events.eventSelectors,
      advancedEventSelectors: this.events.advancedEventSelectors,
      insightSelectors: this.events.insightSelectors,
    });
    // CloudTrail checks the bucket policy and the delivery role's permissions when it creates the trail. A log archive
    // in another stack thereby makes that stack deploy first.
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
        // S3 delivers server access logs only to a bucket of the same account and Region: a log archive elsewhere
        // cannot take those of the results bucket, which then gets an access-log bucket of its own.
        serverAccessLogsBucket: this.logArchive && Stack.of(this.logArchive) === stack ? this.logArchive.accessLogsBucket : undefined,
      });
    }

    const logGroup = this.logGroup;
    if (logGroup && (props.alarms?.enabled ?? DEFAULTS.securityAlarmsEnabled)) {
      const tamper = props.alarms?.tamperDetection;
      this.securityAlarms = new SecurityAlarms(this, 'Alarms', {
        ...props.alarms,
        logGroup,
        alarmNamePrefix: props.alarms?.alarmNamePrefix ?? `${this.trailName}-`,
        tamperDetection: {
          ...tamper,
          trail: tamper?.trail ?? { trailName: this.trailName, trailArn: this.trailArn },
          // EventBridge here sees this account's API calls only: watch the pieces of a log archive in this stack.
          buckets: [...inStack(stack, trailBuckets), ...(tamper?.buckets ?? [])],
          encryptionKeys: [
            ...inStack(stack, [this.encryptionKey, this.logGroupEncryptionKey ?? this.encryptionKey]),
            ...(tamper?.encryptionKeys ?? []),
          ],
        },
      });
      this.alarmTopic = this.securityAlarms.topic;
    }

    warnAboutCloudWatchLogs(this, sendToCloudWatchLogs, props.cloudWatchLogsRetention);
    warnAboutDerivedTrailName(this, props.trailName, this.trailName);
    if (Token.isUnresolved(stack.account)) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}:accountUnknown`,
        `The account of stack ${stack.stackName} is not known at synth time. Deploy this organization trail in the ` +
          "organization's management account: CloudFormation cannot create an organization trail from a delegated " +
          'administrator account (aws-cloudformation/cloudformation-coverage-roadmap#1932). Set the stack\'s env to ' +
          "{ account: '<management account id>', region: '<home Region>' } to make this explicit.",
      );
    }
  }

  /**
   * The trail as aws-cdk-lib's CloudTrail references name it (`ITrailRef`): its name and ARN.
   */
  public get trailRef(): cloudtrailRefs.TrailReference {
    return { trailName: this.trailName, trailArn: this.trailArn };
  }

  /**
   * The account and Region the trail is created in: its stack's.
   */
  public get env(): ResourceEnvironment {
    const stack = Stack.of(this);
    return { account: stack.account, region: stack.region };
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

/**
 * The key ARN the trail names: a reference within the stack; across stacks, the ARN of the archive key's alias, which
 * is known at synth time, so that no export (impossible across environments) is needed. It is a plain string when the
 * archive's partition is known, which Control Tower's CT.CLOUDTRAIL.PR.1 rule requires of a key outside the stack.
 */
function archiveKeyArn(archive: ILogArchive, stack: Stack): string {
  // An archive of another app is named by the key ARN it was imported with
  if (!(archive instanceof LogArchive)) return archive.encryptionKey.keyArn;
  const alias = archive.encryptionKeyAlias;
  if (Stack.of(archive) === stack || !Token.isUnresolved(archive.encryptionKey.keyArn) || !alias) return archive.encryptionKey.keyArn;
  const archiveStack = Stack.of(archive);
  const region = knownRegion(archiveStack);
  const partition = region === undefined ? undefined : RegionInfo.get(region).partition;
  if (partition === undefined) return alias.aliasArn;
  return Arn.format({ partition, service: 'kms', region, account: archiveStack.account, resource: alias.aliasName }, archiveStack);
}

/** The distinct items that belong to this stack (imported ones included). */
function inStack<T extends IConstruct>(stack: Stack, items: T[]): T[] {
  return [...new Set(items)].filter((item) => Stack.of(item) === stack);
}

/** KMS aliases allow letters, digits, "/", "_" and "-": trail names may also contain ".". */
function aliasSafe(name: string): string {
  return isResolved(name) ? name.replace(/\./g, '-') : name;
}
