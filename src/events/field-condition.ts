/**
 * A field of a CloudTrail event record that an advanced event selector can filter on.
 *
 * The factories of {@link DataEvent} and {@link NetworkActivityEvent} set the fields that identify the events
 * (`eventCategory`, `resources.type`, the network `eventSource`); conditions narrow them further.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
export class SelectorField {
  /** The API operation, e.g. `PutObject` or `Invoke`. Data and network activity events. */
  public static readonly EVENT_NAME = new SelectorField('eventName');

  /**
   * Whether the operation only reads (`true`) or may change something (`false`). Equals only.
   * Prefer the `readOnly` option of the factories.
   */
  public static readonly READ_ONLY = new SelectorField('readOnly');

  /**
   * The ARN of the resource the operation touched. Equals and NotEquals need an exact ARN; for the objects of an S3
   * bucket, use StartsWith `<bucket ARN>/`. Data events.
   */
  public static readonly RESOURCES_ARN = new SelectorField('resources.ARN');

  /** The ARN of the IAM identity that made the call. Data events. */
  public static readonly USER_IDENTITY_ARN = new SelectorField('userIdentity.arn');

  /** The service that received the call, e.g. `s3.amazonaws.com`. Data events. */
  public static readonly EVENT_SOURCE = new SelectorField('eventSource');

  /** The event type, e.g. `AwsApiCall` or `AwsServiceEvent`. Data events. */
  public static readonly EVENT_TYPE = new SelectorField('eventType');

  /** Whether the call came from an AWS Management Console session (`true` or `false`). Equals and NotEquals only. Data events. */
  public static readonly SESSION_CREDENTIAL_FROM_CONSOLE = new SelectorField('sessionCredentialFromConsole');

  /** The id of the VPC endpoint the call passed through. Network activity events. */
  public static readonly VPC_ENDPOINT_ID = new SelectorField('vpcEndpointId');

  /**
   * The error of the call; CloudTrail accepts only `VpceAccessDenied`, with Equals. Network activity events.
   * Prefer the `onlyAccessDenied` option of {@link NetworkActivityEvent}.
   */
  public static readonly ERROR_CODE = new SelectorField('errorCode');

  /**
   * The category of the event. Set by every factory; conditions may not set it.
   */
  public static readonly EVENT_CATEGORY = new SelectorField('eventCategory');

  /**
   * The resource type of a data event. Set by the {@link DataEvent} factories (exactly one per selector); conditions
   * may not set it.
   */
  public static readonly RESOURCES_TYPE = new SelectorField('resources.type');

  /**
   * @param name the field name in the CloudTrail event record
   */
  protected constructor(public readonly name: string) {}
}

/**
 * How a condition compares a field with its values. Several values of one condition are alternatives: the event
 * matches Equals if the field equals any of them, and NotEquals if it equals none of them.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
export enum SelectorOperator {
  /** The field equals one of the values. */
  EQUALS = 'Equals',
  /** The field equals none of the values. */
  NOT_EQUALS = 'NotEquals',
  /** The field starts with one of the values. */
  STARTS_WITH = 'StartsWith',
  /** The field starts with none of the values. */
  NOT_STARTS_WITH = 'NotStartsWith',
  /** The field ends with one of the values. */
  ENDS_WITH = 'EndsWith',
  /** The field ends with none of the values. */
  NOT_ENDS_WITH = 'NotEndsWith',
}

/**
 * One condition of an advanced event selector: a field, an operator and the values to compare with. All the
 * conditions of a selector must hold for an event to be logged. Values are literal: CloudTrail supports no `*`
 * wildcards, use the StartsWith and EndsWith operators instead.
 *
 * Every value counts towards CloudTrail's limit of 500 values across all the selectors of a trail.
 */
export class FieldCondition {
  /** A condition with any operator. */
  public static of(field: SelectorField, comparison: SelectorOperator, values: string[]): FieldCondition {
    return new FieldCondition(field, comparison, values);
  }

  /** The field equals one of the values. */
  public static equalTo(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.EQUALS, values);
  }

  /** The field equals none of the values. */
  public static notEqualTo(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_EQUALS, values);
  }

  /** The field starts with one of the values. */
  public static startsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.STARTS_WITH, values);
  }

  /** The field starts with none of the values. */
  public static notStartsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_STARTS_WITH, values);
  }

  /** The field ends with one of the values. */
  public static endsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.ENDS_WITH, values);
  }

  /** The field ends with none of the values. */
  public static notEndsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_ENDS_WITH, values);
  }

  /**
   * @param field the event record field compared
   * @param comparison the operator: how it is compared
   * @param values what it is compared with
   */
  protected constructor(
    public readonly field: SelectorField,
    public readonly comparison: SelectorOperator,
    public readonly values: string[],
  ) {}
}
