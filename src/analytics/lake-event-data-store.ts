import { Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TrailKey } from '../archive';
import { ANALYTICS_DEFAULTS, DEFAULTS } from '../core/defaults';
import { addToResourcePolicyOrWarn } from '../core/resource-policy';
import { Problems, pathOf } from '../core/validation';
import { LAKE_QUERY_ACTIONS, QueryAccess, grantQueryAccess, lakeKeyStatements } from './private/policies';
import { validateLakeOptions } from './private/validation';

/**
 * How CloudTrail Lake bills an event data store, which also bounds its retention.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake-manage-costs.html
 */
export enum LakeBillingMode {
  /** Pay for ingestion and for each month of retention beyond the first year: 7 to 3653 days. */
  EXTENDABLE_RETENTION_PRICING = 'EXTENDABLE_RETENTION_PRICING',
  /** Pay once at ingestion for up to seven years: 7 to 2557 days. */
  FIXED_RETENTION_PRICING = 'FIXED_RETENTION_PRICING',
}

/**
 * Options for a CloudTrail Lake event data store.
 */
export interface LakeEventDataStoreOptions {
  /**
   * Name of the event data store: 3 to 128 letters, digits, periods, underscores or hyphens.
   *
   * @default - a name unique to this construct's path
   */
  readonly eventDataStoreName?: string;

  /**
   * The billing mode. It bounds the retention and can only be changed from fixed to extendable later.
   *
   * @default LakeBillingMode.EXTENDABLE_RETENTION_PRICING
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateEventDataStore.html
   */
  readonly billingMode?: LakeBillingMode;

  /**
   * How long events are kept: 7 to 3653 days with extendable pricing, 7 to 2557 days with fixed pricing.
   *
   * @default - Duration.days(366) with extendable pricing, Duration.days(2557) with fixed pricing (CloudTrail's own defaults)
   */
  readonly retention?: Duration;

  /**
   * A KMS key of your own to encrypt the event data store. It cannot be changed once the event data store exists.
   * An imported key's policy cannot be edited from here: a warning lists the statements to add.
   *
   * @default - a new key with rotation enabled and the key-policy statements CloudTrail Lake needs
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The events to collect: 1 to 5 advanced event selectors.
   *
   * @default - every management event, read and write
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html
   */
  readonly advancedEventSelectors?: cloudtrail.CfnEventDataStore.AdvancedEventSelectorProperty[];

  /**
   * Whether the event data store refuses to be deleted until this protection is turned off.
   *
   * @default true
   */
  readonly terminationProtection?: boolean;

  /**
   * What happens to the event data store and its key when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Properties of a {@link LakeEventDataStore}.
 */
export interface LakeEventDataStoreProps extends LakeEventDataStoreOptions {}

/**
 * An organization-wide, all-Region CloudTrail Lake event data store, encrypted with a KMS key and retained on delete.
 *
 * For organizations that already use CloudTrail Lake: AWS closed CloudTrail Lake to new customers on 2026-05-31.
 * Deploy it in the management account or a delegated administrator account for CloudTrail.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake.html
 */
export class LakeEventDataStore extends Construct {
  /** The event data store. */
  public readonly eventDataStore: cloudtrail.CfnEventDataStore;

  /** The key that encrypts the event data store. */
  public readonly encryptionKey: kms.IKey;

  /**
   * The ARN of the event data store.
   *
   * @attribute
   */
  public readonly eventDataStoreArn: string;

  constructor(scope: Construct, id: string, props: LakeEventDataStoreProps = {}) {
    const problems = new Problems('LakeEventDataStore', pathOf(scope, id));
    validateLakeOptions(problems, props);
    problems.throwIfAny();
    super(scope, id);
    const billingMode = props.billingMode ?? LakeBillingMode.EXTENDABLE_RETENTION_PRICING;

    const removalPolicy = props.removalPolicy ?? DEFAULTS.removalPolicy;
    this.encryptionKey =
      props.encryptionKey ??
      new TrailKey(this, 'Key', { description: 'Encrypts a CloudTrail Lake event data store', removalPolicy });
    addToResourcePolicyOrWarn(
      this,
      this.encryptionKey,
      lakeKeyStatements(),
      'lakeKeyPolicyNotManaged',
      'KMS key of the event data store',
      'CloudTrail cannot create or fill the event data store',
    );

    this.eventDataStore = new cloudtrail.CfnEventDataStore(this, 'Resource', {
      name: props.eventDataStoreName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      organizationEnabled: true,
      multiRegionEnabled: true,
      ingestionEnabled: true,
      kmsKeyId: this.encryptionKey.keyArn,
      billingMode,
      retentionPeriod: props.retention?.toDays() ?? ANALYTICS_DEFAULTS.lakeRetentionDays[billingMode],
      terminationProtectionEnabled: props.terminationProtection ?? ANALYTICS_DEFAULTS.lakeTerminationProtection,
      // TODO(lead): accept the typed selectors of the event-selection feature here, rendered to this L1 shape.
      advancedEventSelectors: props.advancedEventSelectors ?? [
        { name: ANALYTICS_DEFAULTS.lakeSelectorName, fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      ],
    });
    this.eventDataStore.applyRemovalPolicy(removalPolicy);
    this.node.defaultChild = this.eventDataStore;
    this.eventDataStoreArn = this.eventDataStore.attrEventDataStoreArn;
  }

  /**
   * Lets a principal run CloudTrail Lake queries on this event data store and decrypt what they read.
   */
  public grantQuery(grantee: iam.IGrantable): iam.Grant {
    return grantQueryAccess(grantee, this._queryAccess());
  }

  /**
   * What a query needs: {@link grantQuery} and the query policy of {@link TrailAnalytics} share it.
   * @internal
   */
  public _queryAccess(): QueryAccess[] {
    return [
      { actions: LAKE_QUERY_ACTIONS, resourceArns: [this.eventDataStoreArn] },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resourceArns: [this.encryptionKey.keyArn] },
    ];
  }
}
