import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeLogStreamWildcards } from './core/acknowledgements';
import { logGroupArn } from './core/arns';
import { DEFAULTS } from './core/defaults';
import { LIMITS } from './core/limits';
import { cloudWatchLogsKeyStatement, logDeliveryStatements, organizationTrailLogStreams } from './core/policies';
import { addToResourcePolicyOrWarn } from './core/resource-policy';
import { Problems, isResolved, knownRegion, pathOf, validateLogRetention, validateOrganizationId, validateRegion, validateRemovalPolicy, validateSymmetricKey } from './core/validation';

/**
 * Properties of a {@link TrailLogGroup}.
 */
export interface TrailLogGroupProps {
  /**
   * The organization whose trail delivers here: CloudTrail names member accounts' log streams `<organizationId>_...`.
   */
  readonly organizationId: string;

  /**
   * Name of the log group: 1 to 512 letters, digits, `.`, `-`, `_`, `/` or `#`.
   */
  readonly logGroupName: string;

  /**
   * The KMS key that encrypts the log group. It must be in the log group's Region. A statement letting CloudWatch
   * Logs use it for this log group only is added to its policy (or, for an imported key, listed in a warning).
   */
  readonly encryptionKey: kms.IKey;

  /**
   * How long CloudWatch Logs keeps the events.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;

  /**
   * What happens to the log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An encrypted CloudWatch Logs log group for a trail, and the role CloudTrail assumes to deliver to it, with a
 * customer managed policy limited to the log streams of the management account and of the organization.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
 */
export class TrailLogGroup extends Construct {
  /** The log group CloudTrail delivers to. */
  public readonly logGroup: logs.LogGroup;

  /** The role CloudTrail assumes to create log streams and put events. */
  public readonly deliveryRole: iam.Role;

  /** The permissions of {@link deliveryRole}. */
  public readonly deliveryPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: TrailLogGroupProps) {
    validateProps(props, Stack.of(scope), pathOf(scope, id));
    super(scope, id);
    const stack = Stack.of(this);
    const arn = logGroupArn(stack, props.logGroupName);
    const streams = organizationTrailLogStreams(arn, stack.account, stack.region, props.organizationId);

    addToResourcePolicyOrWarn(
      this,
      props.encryptionKey,
      [cloudWatchLogsKeyStatement(stack.region, arn)],
      'logGroupKeyPolicyNotManaged',
      'KMS key of the log group',
    );

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.retention ?? DEFAULTS.cloudWatchLogsRetention,
      removalPolicy: props.removalPolicy ?? DEFAULTS.removalPolicy,
    });

    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: `Lets CloudTrail deliver events to ${props.logGroupName}`,
    });
    this.deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: `CloudTrail delivery to ${props.logGroupName}`,
      statements: logDeliveryStatements(streams),
      roles: [this.deliveryRole],
    });
    acknowledgeLogStreamWildcards(this.deliveryPolicy, streams);
  }
}

function validateProps(props: TrailLogGroupProps, stack: Stack, path: string): void {
  const problems = new Problems('TrailLogGroup', path);
  validateOrganizationId(problems, 'organizationId', props.organizationId);
  const name = props.logGroupName;
  if (isResolved(name) && !LIMITS.logGroupNamePattern.test(name)) {
    problems.add(
      'logGroupName',
      name,
      'is not a log group name: 1 to 512 letters, digits, ".", "-", "_", "/" or "#"',
      'Use a name such as "cloudtrail/org-trail".',
    );
  }
  validateLogRetention(problems, 'retention', props.retention);
  validateSymmetricKey(problems, 'encryptionKey', props.encryptionKey);
  validateRegion(problems, 'encryptionKey', props.encryptionKey, knownRegion(stack), 'CloudWatch Logs encrypts a log group only with a key of its Region');
  validateRemovalPolicy(problems, 'removalPolicy', props.removalPolicy);
  problems.throwIfAny();
}
