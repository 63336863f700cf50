import { Annotations, ArnFormat, Duration, Names, PhysicalName, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ArchiveTamperAlerts } from './archive-tamper-alerts';
import { ILogArchive, LogArchiveAttributes, TrailDelivery } from './log-archive-ref';
import { LogBucketOptions } from './log-bucket-options';
import { LogReplication } from './log-replication';
import { TrailKey } from './trail-key';
import { acknowledge } from '../core/acknowledgements';
import { ImportedLogArchive } from './private/imported-log-archive';
import {
  CLOUDTRAIL_CONTEXT_PRESENT,
  LOG_KEYS,
  denyOutsideOrganizationStatement,
  memberAccountsDecryptStatement,
  memberAccountsReadOwnLogsStatements,
  trailOwnerDecryptStatement,
} from './private/policies';
import { TamperDetection } from '../alarms/index';
import { anyTrailOfAccountArn } from '../core/arns';
import { PRIVATE_BUCKET, accessLogsBucket, enableEventBridge, logServerAccess } from '../core/buckets';
import { DEFAULTS, WARNING_PREFIX } from '../core/defaults';
import { lifecycleAge, logFileTransitions, validateLifecycle, validateReplication, warnAboutShortRetention } from './private/validation';
import { cloudTrailBucketStatements, cloudTrailKeyStatements } from '../core/policies';
import { addToResourcePolicyOrWarn } from '../core/resource-policy';
import { Problems, isResolved, knownRegion, pathOf, validateOrganizationId, validateRegion, validateSymmetricKey } from '../core/validation';

/**
 * Properties of a {@link LogArchive}.
 */
export interface LogArchiveProps {
  /**
   * The id of the AWS Organizations organization whose trail writes here, e.g. `o-a1b2c3d4e5`. Log files of member
   * accounts land under `AWSLogs/<organizationId>/`.
   */
  readonly organizationId: string;

  /**
   * The KMS key that encrypts the log files: a symmetric key in this archive's Region (CloudTrail requires the key and
   * the bucket in the same Region). An imported key's policy cannot be edited from here: a warning lists the
   * statements to add.
   *
   * @default - a new TrailKey with rotation enabled
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long log files live and where they are stored meanwhile.
   *
   * @default - the defaults of each LogBucketOptions property
   */
  readonly logBucket?: LogBucketOptions;

  /**
   * Whether every account of the organization may read its own log files, under
   * `[prefix/]AWSLogs/<organizationId>/<account id>/`, and no other account's. Principals of each account still need
   * `s3:GetObject` and `kms:Decrypt` in their own IAM policies.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-sharing-logs.html
   */
  readonly memberAccountsReadOwnLogs?: boolean;

  /**
   * Near-real-time alerts on tampering with this archive where it lives: an EventBridge rule of the archive's account
   * on the calls of the library's tamper catalogue on its buckets and key (the calls the guardrails deny), sent to
   * the management account's security event bus or to a topic. An archive in its own account needs it: the trail's
   * tamper rule sees only calls made in the trail's account.
   *
   * @default - none; an archive that a trail of another account delivers to warns (`archiveNotWatched`)
   */
  readonly tamperAlerts?: ArchiveTamperAlerts;
}

/**
 * The storage of an organization trail: a KMS key, an encrypted, versioned, TLS-only S3 bucket with lifecycle tiers
 * that denies principals outside the organization, and a separate bucket for the log bucket's server access logs.
 *
 * Use it inside an {@link OrganizationTrail} (the default) or on its own, for example in a dedicated log-archive
 * account, and pass it to the trail as `logArchive`; the trail then lets itself deliver with
 * {@link allowTrailDelivery}. A trail in another account or Region names the bucket and the key by physical names
 * generated at synth time, so no cross-stack export is involved.
 */
export class LogArchive extends Construct implements ILogArchive {
  /**
   * A log archive another app deployed, for a trail of this app to deliver to: its bucket and key by name and ARN. Its
   * policies stay that app's to edit: a trail given it warns with the `allowTrailDelivery` call to make there.
   */
  public static fromLogArchiveAttributes(scope: Construct, id: string, attributes: LogArchiveAttributes): ILogArchive {
    return new ImportedLogArchive(scope, id, attributes);
  }

  /** The bucket that stores the log files. */
  public readonly bucket: s3.Bucket;

  /** The bucket that stores the server access logs of {@link bucket}. */
  public readonly accessLogsBucket: s3.Bucket;

  /** The key that encrypts the log files. */
  public readonly encryptionKey: kms.IKey;

  /**
   * The alias of {@link encryptionKey} when it is a TrailKey with an alias (always, when this archive created it). A
   * trail in another environment names the key by this alias's ARN, which is known at synth time.
   */
  public readonly encryptionKeyAlias?: kms.Alias;

  /** The replication of the log bucket, when `logBucket.replication` is set. */
  public readonly replication?: LogReplication;

  /** The EventBridge rule that watches this archive where it lives, when `tamperAlerts` is set. */
  public readonly tamperDetection?: TamperDetection;

  /** The organization whose trail writes here. */
  public readonly organizationId: string;

  private deliveries: number;
  /** Whether a trail of another account or Region delivers here: it names the buckets from the first deployment. */
  private deliveredFromElsewhere = false;
  private warnedNotWatched = false;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    const lifecycle = props.logBucket ?? {};
    const region = knownRegion(Stack.of(scope));
    const problems = new Problems('LogArchive', pathOf(scope, id));
    validateOrganizationId(problems, 'organizationId', props.organizationId);
    validateLifecycle(problems, lifecycle);
    validateReplication(problems, lifecycle.replication, Stack.of(scope));
    validateSymmetricKey(problems, 'encryptionKey', props.encryptionKey);
    const eventBusArn = props.tamperAlerts?.eventBusArn;
    if (eventBusArn !== undefined && isResolved(eventBusArn) && !/^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._/-]+$/.test(eventBusArn)) {
      problems.add('tamperAlerts', eventBusArn, 'is not the ARN of an event bus', 'Give arn:<partition>:events:<region>:<account>:event-bus/<name>.');
    }
    if (props.encryptionKey) {
      validateRegion(problems, 'encryptionKey', props.encryptionKey, region, 'CloudTrail requires the key in the Region of the bucket it delivers to');
    }
    problems.throwIfAny();
    super(scope, id);

    const removalPolicy = props.logBucket?.removalPolicy ?? DEFAULTS.removalPolicy;
    const transitions = logFileTransitions(lifecycle);
    this.organizationId = props.organizationId;
    this.deliveries = 0;
    this.encryptionKey =
      props.encryptionKey ??
      new TrailKey(this, 'Key', {
        alias: `${DEFAULTS.keyAliasPrefix}${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`,
        removalPolicy,
      });
    this.encryptionKeyAlias = this.encryptionKey instanceof TrailKey ? this.encryptionKey.alias : undefined;

    this.accessLogsBucket = accessLogsBucket(this, 'AccessLogsBucket', {
      // Named only if a trail in another environment refers to it (to leave it out of S3 data events).
      bucketName: lifecycle.accessLogsBucketName ?? PhysicalName.GENERATE_IF_NEEDED,
      expiration: lifecycleAge(lifecycle, 'expiration'),
      noncurrentVersionExpiration: lifecycleAge(lifecycle, 'noncurrentVersionExpiration'),
      removalPolicy,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      // A name only if a trail in another environment must name the bucket: nothing changes otherwise.
      bucketName: lifecycle.bucketName ?? PhysicalName.GENERATE_IF_NEEDED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      ...PRIVATE_BUCKET,
      // Lock-capable from creation, so that a retention mode can be chosen later without replacing the bucket.
      objectLockEnabled: true,
      objectLockDefaultRetention: lifecycle.objectLockRetention,
      // S3's default since September 2024, written down: log files under 128 KB (most CloudTrail files) stay in S3
      // Standard, where they cost less than in Standard-IA (billed as 128 KB each) or Glacier (40 KB overhead each, and
      // a transition fee that a few-KB object never earns back). Only larger files move to the cheaper tiers.
      transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
      lifecycleRules: [
        {
          id: 'TieringAndExpiration',
          transitions: transitions.length ? transitions.map(({ storageClass, transitionAfter }) => ({ storageClass, transitionAfter })) : undefined,
          expiration: lifecycleAge(lifecycle, 'expiration'),
          noncurrentVersionExpiration: lifecycleAge(lifecycle, 'noncurrentVersionExpiration'),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });

    logServerAccess(this.bucket, { target: this.accessLogsBucket, prefix: DEFAULTS.accessLogsPrefix });
    enableEventBridge(this.bucket);

    warnAboutShortRetention(this, lifecycleAge(lifecycle, 'expiration'));
    if (removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}:destroyOnDelete`,
        'logBucket.removalPolicy is DESTROY: removing the construct or the stack deletes the audit log, its key and ' +
          'its log group (a bucket that still holds objects fails to delete). Keep RETAIN outside of test stacks.',
      );
    }
    this.bucket.addToResourcePolicy(denyOutsideOrganizationStatement(this.bucket.bucketArn, props.organizationId));
    if (props.memberAccountsReadOwnLogs) {
      for (const statement of memberAccountsReadOwnLogsStatements(this.bucket.bucketArn, props.organizationId)) {
        this.bucket.addToResourcePolicy(statement);
      }
      addToResourcePolicyOrWarn(
        this,
        this.encryptionKey,
        [memberAccountsDecryptStatement(props.organizationId, Stack.of(this).region)],
        'keyPolicyNotManaged',
        'KMS key of the log archive',
      );
      acknowledge(this.encryptionKey, 'organizationWideKeyPrincipal');
    }

    this.tamperDetection = props.tamperAlerts && new TamperDetection(this, 'TamperDetection', {
      topic: props.tamperAlerts.topic,
      eventBus: props.tamperAlerts.eventBusArn === undefined ? undefined : events.EventBus.fromEventBusArn(this, 'SecurityEventBus', props.tamperAlerts.eventBusArn),
      buckets: [this.bucket, this.accessLogsBucket],
      encryptionKeys: [this.encryptionKey],
    });

    if (lifecycle.replication) {
      this.replication = new LogReplication(this, 'Replication', {
        ...lifecycle.replication,
        sourceBucket: this.bucket,
        sourceKey: this.encryptionKey,
      });
    } else {
      acknowledge(this.bucket, 'replication');
    }
    acknowledge(this.accessLogsBucket, 'replication');
    const named = { bucketName: lifecycle.bucketName !== undefined, accessLogsBucketName: lifecycle.accessLogsBucketName !== undefined };
    this.node.addValidation({ validate: () => this.namesGivenLater(named) });
  }

  /**
   * A bucket without a physical name gets one at synth time when a stack in another environment refers to it. If that
   * reference is new, the name is new, and CloudFormation replaces the deployed bucket with an empty one (the old one,
   * retained, keeps every past log, out of the trail's sight). A trail in another environment has named the buckets
   * since the first deployment; any other consumer must find a name that was chosen on purpose.
   */
  private namesGivenLater(named: { bucketName: boolean; accessLogsBucketName: boolean }): string[] {
    if (this.deliveredFromElsewhere) return [];
    const buckets = [
      { prop: 'bucketName' as const, bucket: this.bucket },
      { prop: 'accessLogsBucketName' as const, bucket: this.accessLogsBucket },
    ];
    return buckets.flatMap(({ prop, bucket }) => {
      const generated = Stack.of(this).resolve((bucket.node.defaultChild as s3.CfnBucket).bucketName);
      if (named[prop] || generated === undefined) return [];
      return [
        `logBucket.${prop} is not set, and a stack in another account or Region refers to the bucket, ` +
          `so it would now be named "${generated}". A name a deployed bucket did not have replaces it: CloudFormation ` +
          'creates an empty bucket and leaves the old one, with every past log, behind. If the deployed template already ' +
          `has this name (the consumer was there at the first deployment), set logBucket.${prop}: '${generated}'. ` +
          'Otherwise, give the consumer the bucket by its deployed name (s3.Bucket.fromBucketName), or, for a trail not ' +
          `yet deployed, choose logBucket.${prop} now.`,
      ];
    });
  }

  /**
   * Lets a principal read every log file (and digest file) of the trails delivering here, for a SIEM or an
   * investigation role: `s3:GetObject` on the `[prefix/]AWSLogs/` keys, `s3:ListBucket` limited to those prefixes, and
   * `kms:Decrypt` only through S3 and only for data keys in the CloudTrail encryption context. A principal of another
   * account also gets the bucket- and key-policy statements; it must belong to the organization (the bucket denies
   * anybody else), and needs the same permissions in its own account's IAM policies, which this method adds when the
   * principal is defined in this app.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const grant = (options: Omit<iam.GrantWithResourceOptions, 'grantee'>) =>
      withConditionsOnResource(iam.Grant.addToPrincipalOrResource({ grantee, ...options }), options.conditions);
    const objects = grant({ actions: ['s3:GetObject'], resourceArns: [this.bucket.arnForObjects(`${LOG_KEYS}*`)], resource: this.bucket });
    const list = grant({
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
      resource: this.bucket,
      conditions: { StringLike: { 's3:prefix': `${LOG_KEYS}*` } },
    });
    const decrypt = grant({
      actions: ['kms:Decrypt'],
      resourceArns: [this.keyArnFor(grantee)],
      resourceSelfArns: ['*'],
      resource: this.encryptionKey,
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` },
        ...CLOUDTRAIL_CONTEXT_PRESENT,
      },
    });
    return objects.combine(list).combine(decrypt);
  }

  /**
   * The key ARN for a grantee's own IAM policy. A stack in another environment cannot reference the ARN of a key
   * created here (KMS chooses it at deployment): it gets this account's keys in this Region instead, which the key
   * policy and the conditions still narrow to this key's CloudTrail data keys used through S3.
   */
  private keyArnFor(grantee: iam.IGrantable): string {
    const principal = grantee.grantPrincipal;
    const elsewhere = Construct.isConstruct(principal) && Stack.of(principal) !== Stack.of(this);
    if (!elsewhere || !Token.isUnresolved(this.encryptionKey.keyArn)) return this.encryptionKey.keyArn;
    return Stack.of(this).formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
  }

  /** The log bucket, as {@link ILogArchive} names it. */
  public get logBucket(): s3.IBucket {
    return this.bucket;
  }

  /** The bucket of the log bucket's server access logs, as {@link ILogArchive} names it. */
  public get serverAccessLogsBucket(): s3.IBucket | undefined {
    return this.accessLogsBucket;
  }

  /**
   * Lets a trail deliver log files here: the bucket-policy statements for the management-account and organization
   * paths, and the key-policy statements CloudTrail needs to encrypt, each limited to that trail by `aws:SourceArn`. A
   * trail of another account also lets that account decrypt CloudTrail log files with the key, which CloudTrail asks of
   * whoever creates or updates a trail with another account's key.
   */
  public allowTrailDelivery(delivery: TrailDelivery): void {
    const here = Stack.of(this);
    const otherAccount = delivery.trailAccount !== here.account;
    const trailRegion = here.splitArn(delivery.trailArn, ArnFormat.SLASH_RESOURCE_NAME).region;
    if (otherAccount || trailRegion !== here.region) this.deliveredFromElsewhere = true;
    if (otherAccount && !this.tamperDetection && isResolved(delivery.trailAccount) && isResolved(here.account) && !this.warnedNotWatched) {
      this.warnedNotWatched = true;
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}:archiveNotWatched`,
        `The trail of account ${delivery.trailAccount} watches calls made in its own account: deleting this archive's bucket policy ` +
          `or scheduling the deletion of its key in account ${here.account} reaches no EventBridge rule. Set tamperAlerts ` +
          '(ArchiveTamperAlerts.toEventBus with the management account\'s security bus, or toTopic), or acknowledge this warning.',
      );
    }
    const suffix = this.deliveries === 0 ? '' : `${this.deliveries}`;
    this.deliveries++;
    const identity = {
      trailArn: delivery.trailArn,
      accountId: delivery.trailAccount,
      organizationId: this.organizationId,
      s3KeyPrefix: delivery.s3KeyPrefix,
    };
    for (const statement of cloudTrailBucketStatements(this.bucket.bucketArn, identity, suffix)) {
      this.bucket.addToResourcePolicy(statement);
    }
    const keyStatements = cloudTrailKeyStatements(identity, anyTrailOfAccountArn(here, delivery.trailAccount), suffix);
    if (otherAccount) keyStatements.push(trailOwnerDecryptStatement(delivery.trailAccount, suffix));
    addToResourcePolicyOrWarn(this, this.encryptionKey, keyStatements, 'keyPolicyNotManaged', 'KMS key of the log archive');
  }
}

/**
 * Puts a grant's conditions on its resource-policy statement too: aws-cdk-lib before 2.270 left them out there, which
 * gave a principal of another account an unconditioned `kms:Decrypt` on the key and `s3:ListBucket` on the whole
 * bucket. Later versions already carry them, and adding the same conditions again changes nothing.
 */
function withConditionsOnResource(grant: iam.Grant, conditions: Record<string, unknown> = {}): iam.Grant {
  for (const statement of grant.resourceStatements) statement.addConditions(conditions);
  return grant;
}
