import { Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FieldCondition, SelectorField, SelectorOperator } from './field-condition';
import { reachesBucketObjects } from '../core/arns';
import { DEFAULTS } from '../core/defaults';
import {
  Condition,
  Selector,
  SelectorContext,
  categoryCondition,
  readOnlyCondition,
  userConditions,
  validateConditions,
} from './private/selectors';
import { LIMITS } from '../core/limits';
import { Problems, isResolved } from '../core/validation';

/**
 * Options of every kind of data event.
 */
export interface DataEventOptions {
  /**
   * Which operations to log: `true` for read operations only (e.g. `GetObject`), `false` for write operations only
   * (e.g. `PutObject`, `Invoke`).
   *
   * @default - read and write operations
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
   */
  readonly readOnly?: boolean;

  /**
   * Further conditions that every logged event must meet, e.g. on `eventName` or `userIdentity.arn`. Conditions on
   * the same field and operator are merged: their values become alternatives.
   *
   * @default - no further conditions
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
   */
  readonly conditions?: FieldCondition[];
}

/**
 * Options of S3 object data events for some buckets.
 */
export interface S3ObjectsOptions extends DataEventOptions {
  /**
   * Log only objects whose key starts with this prefix, e.g. `exports/`, in each of the buckets.
   *
   * @default - every object of the buckets
   */
  readonly objectPrefix?: string;
}

/**
 * Options of S3 object data events for every bucket of the organization.
 */
export interface AllS3ObjectsOptions extends DataEventOptions {
  /**
   * Leave out the buckets the trail writes to: its log bucket and the log bucket's access-log bucket
   * (`resources.ARN` NotStartsWith `<bucket ARN>/`). Otherwise every log file CloudTrail delivers is itself a data
   * event, logged in the next log file: a feedback loop that multiplies the cost of the trail.
   *
   * Turn it off only when an auditor requires a selector with no exclusion at all: AWS Config's
   * `cloudtrail-all-write-s3-data-event-check` (Security Hub S3.22 and S3.23) asks for data events of all buckets,
   * and AWS does not document whether a selector that excludes a bucket counts.
   *
   * @default true
   */
  readonly excludeTrailBuckets?: boolean;

  /**
   * Other buckets to leave out, e.g. buckets that receive the logs of other services.
   *
   * @default - only the trail's buckets are left out
   */
  readonly excludeBuckets?: s3.IBucket[];
}

// aws-cdk-lib's cloudtrail.DataResourceType names S3 objects and Lambda functions only.
const DYNAMODB_TABLE = 'AWS::DynamoDB::Table';

/** The resources a factory was given, as the list the user named and the condition it becomes. */
interface ResourceList {
  readonly prop: string;
  readonly length: number;
  readonly condition: Condition;
  readonly buckets?: s3.IBucket[];
}

/**
 * Data events a trail logs: operations on or in resources (S3 object reads and writes, Lambda invocations,
 * DynamoDB item changes and dozens of other resource types), each rendered as one advanced event selector.
 *
 * Data events are off by default, high-volume and billed per event; an organization trail records them in every
 * account. Narrow them to the resources and operations you need.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 */
export class DataEvent {
  /**
   * Operations on the objects of every S3 general purpose bucket of the organization, except the trail's own buckets
   * unless `excludeTrailBuckets` is false.
   */
  public static allS3Objects(options: AllS3ObjectsOptions = {}): DataEvent {
    const event = new DataEvent(cloudtrail.DataResourceType.S3_OBJECT, options);
    event.factory = 'allS3Objects';
    event.excludedBuckets = options.excludeBuckets ?? [];
    event.excludeTrailBuckets = options.excludeTrailBuckets ?? DEFAULTS.excludeTrailBucketsFromS3DataEvents;
    return event;
  }

  /** Operations on the objects of these buckets, optionally under a key prefix. */
  public static s3Objects(buckets: s3.IBucket[], options: S3ObjectsOptions = {}): DataEvent {
    const event = new DataEvent(cloudtrail.DataResourceType.S3_OBJECT, options);
    event.factory = 's3Objects';
    event.objectPrefix = options.objectPrefix;
    const prefix = options.objectPrefix ?? '';
    event.resources = {
      prop: 'buckets',
      length: buckets.length,
      condition: {
        field: SelectorField.RESOURCES_ARN.name,
        operator: SelectorOperator.STARTS_WITH,
        values: buckets.map((bucket) => bucket.arnForObjects(prefix)),
      },
      buckets,
    };
    return event;
  }

  /** Invocations of every Lambda function of the organization. */
  public static allLambdaInvocations(options: DataEventOptions = {}): DataEvent {
    const event = new DataEvent(cloudtrail.DataResourceType.LAMBDA_FUNCTION, options);
    event.factory = 'allLambdaInvocations';
    return event;
  }

  /** Invocations of these Lambda functions. */
  public static lambdaInvocations(functions: lambda.IFunction[], options: DataEventOptions = {}): DataEvent {
    const event = new DataEvent(cloudtrail.DataResourceType.LAMBDA_FUNCTION, options);
    event.factory = 'lambdaInvocations';
    event.resources = exactArns('functions', functions.map((fn) => fn.functionArn));
    return event;
  }

  /** Item-level operations on every DynamoDB table of the organization. */
  public static allDynamoDbItems(options: DataEventOptions = {}): DataEvent {
    const event = new DataEvent(DYNAMODB_TABLE, options);
    event.factory = 'allDynamoDbItems';
    return event;
  }

  /** Item-level operations on these DynamoDB tables. */
  public static dynamoDbItems(tables: dynamodb.ITable[], options: DataEventOptions = {}): DataEvent {
    const event = new DataEvent(DYNAMODB_TABLE, options);
    event.factory = 'dynamoDbItems';
    event.resources = exactArns('tables', tables.map((table) => table.tableArn));
    return event;
  }

  /**
   * Data events of any resource type CloudTrail supports, e.g. `AWS::SNS::Topic`, `AWS::S3Express::Object` or
   * `AWS::Bedrock::AgentAlias`. Narrow them to some resources with a `resources.ARN` condition.
   *
   * @param resourceType the `resources.type` value from the CloudTrail User Guide's data events table
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html#logging-data-events
   */
  public static ofResourceType(resourceType: string, options: DataEventOptions = {}): DataEvent {
    return new DataEvent(resourceType, options);
  }

  /** The `resources.type` these data events are of. */
  public readonly resourceType: string;

  private readonly options: DataEventOptions;
  private factory = 'ofResourceType';
  private resources?: ResourceList;
  private objectPrefix?: string;
  private excludeTrailBuckets = false;
  private excludedBuckets: s3.IBucket[] = [];

  /**
   * @param resourceType the `resources.type` of the events
   * @param options what to log of them
   */
  protected constructor(resourceType: string, options: DataEventOptions = {}) {
    this.resourceType = resourceType;
    this.options = options;
  }

  /**
   * Reports what CloudTrail would reject, naming `prop`.
   *
   * @internal
   */
  public _validate(problems: Problems, prop: string): void {
    const at = `${prop} (DataEvent.${this.factory})`;
    if (isResolved(this.resourceType) && !LIMITS.dataResourceTypePattern.test(this.resourceType)) {
      problems.add(
        `${at}.resourceType`,
        this.resourceType,
        'is not a CloudTrail data resource type',
        'Use the resources.type value of the CloudTrail User Guide\'s data events table, of the form "AWS::<Service>::<Resource>", e.g. "AWS::SNS::Topic".',
      );
    }
    if (this.resources && this.resources.length === 0) {
      problems.add(
        `${at}.${this.resources.prop}`,
        [],
        `is empty: no ${this.resources.prop} to log data events of`,
        `Give at least one, or use DataEvent.${ALL_FACTORY[this.factory]}() to log them all.`,
      );
    }
    validateObjectPrefix(problems, `${at}.objectPrefix`, this.objectPrefix);
    const conditions = this.options.conditions ?? [];
    if (this.options.readOnly !== undefined && conditions.some((c) => c.field === SelectorField.READ_ONLY)) {
      problems.add(
        `${at}.conditions`,
        'a readOnly condition',
        'is given together with the readOnly option',
        'Keep one of the two: the readOnly option is enough.',
      );
    }
    validateConditions(problems, at, 'Data', conditions);
  }

  /**
   * The advanced event selector of these events on a trail.
   *
   * @internal
   */
  public _selector(context: SelectorContext): Selector {
    const conditions: Condition[] = [
      categoryCondition('Data'),
      { field: SelectorField.RESOURCES_TYPE.name, operator: SelectorOperator.EQUALS, values: [this.resourceType] },
    ];
    if (this.resources) conditions.push(this.resources.condition);
    const excluded = [...(this.excludeTrailBuckets ? context.trailBuckets : []), ...this.excludedBuckets];
    if (excluded.length > 0) {
      conditions.push({
        field: SelectorField.RESOURCES_ARN.name,
        operator: SelectorOperator.NOT_STARTS_WITH,
        values: excluded.map((bucket) => bucket.arnForObjects('')),
      });
    }
    conditions.push(...readOnlyCondition(this.options.readOnly));
    const user = userConditions(this.options.conditions);
    conditions.push(...user);
    const narrowed = user.some((c) => c.field === SelectorField.RESOURCES_ARN.name && POSITIVE.includes(c.operator));
    return {
      name: `Data events: ${this.resourceType}`,
      category: 'Data',
      conditions,
      resourceType: this.resourceType,
      organizationWide: !this.resources && !narrowed,
      includesTrailBucket: (this.resources?.buckets ?? []).some((bucket) => context.trailBuckets.includes(bucket)),
      trailBucketsNotExcluded: this.factory === 'allS3Objects' && !this.excludeTrailBuckets && !onlyOtherBuckets(user, context.trailBuckets),
    };
  }
}

/**
 * Whether positive `resources.ARN` conditions (`Equals` or `StartsWith`) keep no object of the trail's buckets.
 * `EndsWith` does not narrow: log files end like any other object. A value known only at deploy time may reach them.
 */
function onlyOtherBuckets(conditions: Condition[], trailBuckets: s3.IBucket[]): boolean {
  const narrowing = conditions.filter((c) => c.field === SelectorField.RESOURCES_ARN.name &&
    (c.operator === SelectorOperator.EQUALS || c.operator === SelectorOperator.STARTS_WITH));
  const names = trailBuckets.map((bucket) => (Token.isUnresolved(bucket.bucketName) ? undefined : bucket.bucketName));
  return narrowing.length > 0 && narrowing.every((c) => c.values.every((value) =>
    !Token.isUnresolved(value) && !names.some((name) => reachesBucketObjects(value, c.operator === SelectorOperator.STARTS_WITH, name))));
}

/** Operators that keep only the resources they name. */
const POSITIVE = [SelectorOperator.EQUALS, SelectorOperator.STARTS_WITH, SelectorOperator.ENDS_WITH];

/** The factory that logs every resource of the type. */
const ALL_FACTORY: Record<string, string> = {
  s3Objects: 'allS3Objects',
  lambdaInvocations: 'allLambdaInvocations',
  dynamoDbItems: 'allDynamoDbItems',
};

/** Resources named by their exact ARNs: CloudTrail requires the exact ARN with Equals. */
function exactArns(prop: string, arns: string[]): ResourceList {
  return {
    prop,
    length: arns.length,
    condition: { field: SelectorField.RESOURCES_ARN.name, operator: SelectorOperator.EQUALS, values: arns },
  };
}

function validateObjectPrefix(problems: Problems, prop: string, prefix: string | undefined): void {
  if (prefix === undefined || !isResolved(prefix)) return;
  if (prefix.length === 0) {
    problems.add(prop, prefix, 'is empty', 'Leave it out to log every object of the buckets.');
  } else if (prefix.startsWith('/')) {
    problems.add(prop, prefix, 'starts with "/", but object keys do not', `Use "${prefix.replace(/^\/+/, '')}".`);
  } else if (prefix.includes('*')) {
    problems.add(prop, prefix, 'CloudTrail selectors take no "*" wildcards', 'Give the literal start of the keys, e.g. "exports/".');
  }
}
