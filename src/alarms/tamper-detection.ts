import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { eventBridgeTopicPublishStatement } from '../core/policies';
import { addToResourcePolicyOrWarn } from '../core/resource-policy';
import { TAMPER_CALLS, TamperCalls } from '../core/tamper-calls';
import { Problems, pathOf } from '../core/validation';

/**
 * A trail to watch, by name and ARN: CloudTrail's API takes either, and records whichever the caller gave. It has the
 * shape of aws-cdk-lib's `TrailReference`: an `OrganizationTrail`'s `trailRef` is one.
 */
export interface WatchedTrail {
  /** Name of the trail. */
  readonly trailName: string;

  /** ARN of the trail. */
  readonly trailArn: string;
}

/**
 * Options of the near-real-time tamper alerts of {@link SecurityAlarms}. The alarm topic, the log group and the
 * alarms themselves are always watched; these add what the trail depends on.
 */
export interface TamperDetectionOptions {
  /**
   * Whether to create the EventBridge rule. It needs an SNS topic: the default one, or `topic`.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The trail whose logging, configuration and selectors are watched.
   *
   * @default - every trail of the account in this Region; in an OrganizationTrail, that trail
   */
  readonly trail?: WatchedTrail;

  /**
   * Buckets whose policy, ACL, lifecycle, versioning, encryption, Block Public Access, Object Lock, replication or
   * logging changes are reported.
   *
   * @default - none; in an OrganizationTrail, its log bucket and access-log bucket
   */
  readonly buckets?: s3.IBucket[];

  /**
   * KMS keys whose policy, state or rotation changes are reported (the alarm topic's key always is).
   *
   * @default - none; in an OrganizationTrail, the key of the log files
   */
  readonly encryptionKeys?: kms.IKey[];
}

/**
 * Properties of a {@link TamperDetection}.
 */
export interface TamperDetectionProps {
  /**
   * Where alerts go, as a readable message. Its policy gets a statement letting this rule, and only it, publish; an
   * encrypted topic's key must let `events.amazonaws.com` use it. The topic itself is watched too.
   *
   * @default - none: give `topic` or `eventBus`
   */
  readonly topic?: sns.ITopic;

  /**
   * Where the events go instead, as EventBridge delivers them: an event bus, typically the management account's
   * central security bus in another account, through a role EventBridge assumes with `events:PutEvents` on that bus
   * only. The bus's policy must let this account put events (`SecurityEventForwarding`'s lets every account of the
   * organization).
   *
   * @default - none: give `topic` or `eventBus`
   */
  readonly eventBus?: events.IEventBus;

  /**
   * The trail whose logging, configuration and selectors are watched.
   *
   * @default - every trail of the account in this Region
   */
  readonly trail?: WatchedTrail;

  /**
   * Buckets whose policy, ACL, lifecycle, versioning, encryption, Block Public Access, Object Lock, replication or
   * logging changes are reported.
   *
   * @default - none
   */
  readonly buckets?: s3.IBucket[];

  /**
   * KMS keys whose policy, state or rotation changes are reported.
   *
   * @default - none
   */
  readonly encryptionKeys?: kms.IKey[];

  /**
   * Log groups whose deletion, retention, encryption or metric filter deletions are reported.
   *
   * @default - none
   */
  readonly logGroups?: logs.ILogGroup[];

  /**
   * Alarms, by name prefix, whose deletion or silencing is reported.
   *
   * @default - none
   */
  readonly alarmNamePrefix?: string;
}

/**
 * Near-real-time tamper alerts. CloudTrail delivers to CloudWatch Logs with a lag of 5 to 15 minutes; EventBridge
 * receives the same management events within seconds. This rule, on the account's default event bus, sends a
 * readable message to the topic whenever someone stops, deletes or narrows the trail, or weakens the bucket, key,
 * log group, alarms or topic it depends on (successful or not: a refused attempt is news too).
 *
 * EventBridge sees the calls made in its own account and Region: deploy it with the trail (in its home Region) in
 * the management account.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 */
export class TamperDetection extends Construct {
  /**
   * The EventBridge rule. An L1 rule: its pattern and message are plain data, which the L2 would merge and
   * tokenize again.
   */
  public readonly rule: events.CfnRule;

  /** The role EventBridge assumes to put events on {@link TamperDetectionProps.eventBus}. */
  public readonly eventBusRole?: iam.Role;

  constructor(scope: Construct, id: string, props: TamperDetectionProps) {
    if ((props.topic === undefined) === (props.eventBus === undefined)) {
      const problems = new Problems('TamperDetection', pathOf(scope, id));
      const given = props.topic ? 'topic and eventBus' : 'neither topic nor eventBus';
      problems.add('topic', given, 'names where alerts go: exactly one of topic and eventBus is needed', 'Give a topic for readable messages, or an event bus.');
      problems.throwIfAny();
    }
    super(scope, id);
    const clauses = [
      ...trailClauses(props.trail),
      ...bucketClauses(props.buckets ?? []),
      ...keyClauses(props.encryptionKeys ?? []),
      ...logGroupClauses(props.logGroups ?? []),
      ...alarmClauses(props.alarmNamePrefix),
      ...(props.topic ? topicClauses(props.topic) : []),
    ];

    if (props.eventBus) {
      this.eventBusRole = new iam.Role(this, 'EventBusRole', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
        description: 'Lets EventBridge put tamper events on the security event bus',
      });
      const policy = new iam.ManagedPolicy(this, 'EventBusPolicy', {
        description: 'Put tamper events on the security event bus',
        statements: [new iam.PolicyStatement({ sid: 'PutOnSecurityBus', actions: ['events:PutEvents'], resources: [props.eventBus.eventBusArn] })],
        roles: [this.eventBusRole],
      });
      this.rule = this.createRule(clauses, { id: 'EventBus', arn: props.eventBus.eventBusArn, roleArn: this.eventBusRole.roleArn });
      this.rule.node.addDependency(policy);
    } else {
      const topic = props.topic!;
      this.rule = this.createRule(clauses, { id: 'Topic', arn: topic.topicArn, inputTransformer: message(Stack.of(this).stackName) });
      addToResourcePolicyOrWarn(
        this,
        topic,
        [eventBridgeTopicPublishStatement(topic.topicArn, this.rule.attrArn)],
        'alarmTopicPolicyNotManaged',
        'alarm topic',
        'tamper alerts will be refused',
      );
    }
  }

  private createRule(clauses: Clause[], target: events.CfnRule.TargetProperty): events.CfnRule {
    return new events.CfnRule(this, 'Rule', {
      description: 'Alerts within seconds when the organization trail or what it depends on is tampered with',
      state: 'ENABLED',
      eventPattern: { 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { $or: clauses } },
      targets: [target],
    });
  }
}

type Clause = Record<string, unknown>;

function callsOf(calls: TamperCalls): Clause {
  return { eventSource: [calls.eventSource], eventName: [...calls.eventNames] };
}

function trailClauses(trail: WatchedTrail | undefined): Clause[] {
  const base = callsOf(TAMPER_CALLS.trail);
  if (!trail) return [base];
  // Logging and trail operations name the trail in `name`, selector operations in `trailName`.
  const names = [trail.trailName, trail.trailArn];
  return [
    { ...base, requestParameters: { name: names } },
    { ...base, requestParameters: { trailName: names } },
  ];
}

function bucketClauses(buckets: s3.IBucket[]): Clause[] {
  if (buckets.length === 0) return [];
  return [
    { ...callsOf(TAMPER_CALLS.bucket), requestParameters: { bucketName: buckets.map((b) => b.bucketName) } },
  ];
}

function keyClauses(keys: kms.IKey[]): Clause[] {
  if (keys.length === 0) return [];
  const base = callsOf(TAMPER_CALLS.key);
  // CloudTrail lists the key's ARN in `resources`; the request names it by id or ARN, as the caller chose.
  return [
    { ...base, resources: { ARN: keys.map((k) => k.keyArn) } },
    { ...base, requestParameters: { keyId: keys.flatMap((k) => [k.keyId, k.keyArn]) } },
  ];
}

function logGroupClauses(logGroups: logs.ILogGroup[]): Clause[] {
  if (logGroups.length === 0) return [];
  return [
    { ...callsOf(TAMPER_CALLS.logGroup), requestParameters: { logGroupName: logGroups.map((g) => g.logGroupName) } },
  ];
}

function alarmClauses(prefix: string | undefined): Clause[] {
  if (!prefix) return [];
  const { eventSource, eventNames } = TAMPER_CALLS.alarm;
  // PutMetricAlarm names its one alarm in `alarmName`; the others name a list in `alarmNames`.
  const onList = eventNames.filter((name) => name !== 'PutMetricAlarm');
  return [
    { eventSource: [eventSource], eventName: onList, requestParameters: { alarmNames: events.Match.prefix(prefix) } },
    { eventSource: [eventSource], eventName: ['PutMetricAlarm'], requestParameters: { alarmName: events.Match.prefix(prefix) } },
  ];
}

function topicClauses(topic: sns.ITopic): Clause[] {
  const { eventSource, eventNames } = TAMPER_CALLS.topic;
  // Unsubscribe names the subscription, whose ARN is the topic's ARN followed by ":<id>"; the others name the topic.
  const onTopic = eventNames.filter((name) => name !== 'Unsubscribe');
  return [
    { eventSource: [eventSource], eventName: onTopic, requestParameters: { topicArn: [topic.topicArn] } },
    { eventSource: [eventSource], eventName: ['Unsubscribe'], requestParameters: { subscriptionArn: events.Match.prefix(`${topic.topicArn}:`) } },
  ];
}

/**
 * One message a person can act on: what, who, through which service, from where, when, and the event id to look up.
 * A call CloudFormation makes on a stack's behalf names `cloudformation.amazonaws.com` as the service (CloudTrail's
 * `userIdentity.invokedBy`); it is reported all the same, since a stack can change what another stack deployed, and the
 * message names the stack that deployed what is watched. A direct call has no `invokedBy`: EventBridge documents only
 * that a path missing from the event creates no variable, so the placeholder may read empty or as written; the text
 * around it reads right either way.
 */
function message(stackName: string): events.CfnRule.InputTransformerProperty {
  return {
    inputPathsMap: {
      eventName: '$.detail.eventName',
      eventSource: '$.detail.eventSource',
      caller: '$.detail.userIdentity.arn',
      invokedBy: '$.detail.userIdentity.invokedBy',
      sourceIp: '$.detail.sourceIPAddress',
      account: '$.account',
      region: '$.region',
      time: '$.time',
      eventId: '$.detail.eventID',
    },
    inputTemplate:
      '"CloudTrail tamper alert: <eventName> (<eventSource>) called by <caller> from <sourceIp> in account <account>, ' +
      'Region <region>, at <time>. Called through AWS service: <invokedBy> (empty for a direct call; ' +
      `cloudformation.amazonaws.com for a CloudFormation deployment: what is watched here was deployed by stack ${stackName}, ` +
      'whose events show whether the change was that stack\'s). Look up event <eventId> in CloudTrail event history."',
  };
}
