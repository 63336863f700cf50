import { Duration, Lazy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { aws_cloudwatch as cloudwatchRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { acknowledge } from '../core/acknowledgements';
import { DEFAULTS } from '../core/defaults';
import { Problems, pathOf, validateAlarmActions, validateAlarmName, validateAlarmOptions } from '../core/validation';

/**
 * Options of the delivery heartbeat: an alarm that fires when no event at all reaches the log group for a period.
 * A trail that silently stops delivering (stopped, deleted, narrowed, its role or key broken) is the worst failure:
 * every other alarm then stays quiet.
 */
export interface DeliveryHeartbeatOptions {
  /**
   * Whether to create the heartbeat alarm.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * How long the log group may go without a single event before the alarm fires: whole minutes, at most a day.
   * CloudTrail delivers to CloudWatch Logs every few minutes while anything happens in the organization.
   *
   * @default Duration.hours(1)
   */
  readonly period?: Duration;

  /**
   * Whether the heartbeat stays quiet until CloudTrail first delivers, so that a new deployment does not page in the
   * minutes before the first events arrive. It then takes a composite alarm over two metric alarms whose own actions
   * are listed but disabled, which Control Tower's CT.CLOUDWATCH.PR.4 (alarm actions activated) reports: where that
   * control runs as a proactive hook, set this to false for a single alarm that pages once on the first deployment.
   *
   * @default true
   */
  readonly waitForFirstDelivery?: boolean;
}

/**
 * Properties of a {@link DeliveryHeartbeat}.
 */
export interface DeliveryHeartbeatProps {
  /** The log group the trail delivers to. */
  readonly logGroup: logs.ILogGroup;

  /** Name of the alarm. */
  readonly alarmName: string;

  /**
   * How long the log group may go without a single event before the alarm fires.
   *
   * @default Duration.hours(1)
   */
  readonly period?: Duration;

  /** Notified when delivery stops, and again when it resumes. */
  readonly alarmActions: cloudwatch.IAlarmAction[];

  /**
   * Whether to stay quiet until CloudTrail first delivers (see `DeliveryHeartbeatOptions.waitForFirstDelivery`).
   *
   * @default true
   */
  readonly waitForFirstDelivery?: boolean;
}

/**
 * The delivery heartbeat: it notifies when no event reaches the log group for a period, once CloudTrail has delivered,
 * and again when delivery resumes. The construct itself is the `IAlarm` that notifies.
 *
 * It watches the log group's `IncomingLogEvents` metric, which CloudWatch Logs publishes for every log group (no metric
 * filter is spent on it) and only while events arrive, so silence is missing data:
 * - `cfnAlarm`, "no events" (named as given): missing data counts as breaching, since silence is the failure;
 * - `cfnArmedAlarm`, "delivery started": in ALARM from the first period with an event, and kept there while data is
 *   missing (`TreatMissingData: ignore` retains the state);
 * - `cfnCompositeAlarm` (named as given, followed by `-Alert`): in ALARM when both are, and the one that notifies. The
 *   two metric alarms list the same actions, disabled (Control Tower's CT.CLOUDWATCH.PR.1 requires the list).
 * A new deployment therefore does not page in the minutes before CloudTrail's first delivery, and a trail that stops
 * later pages within about a period. The price: a trail that never delivers at all after its first deployment stays
 * quiet, so check its status after deploying. With `waitForFirstDelivery: false`, `cfnAlarm` alone notifies.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html
 */
export class DeliveryHeartbeat extends cloudwatch.AlarmBase {
  /** The name of the alarm that notifies: the composite's (`<alarmName>-Alert`), or the "no events" alarm's. */
  public readonly alarmName: string;

  /**
   * The ARN of the alarm that notifies: the composite alarm, or the metric alarm without `waitForFirstDelivery`.
   */
  public readonly alarmArn: string;

  /** The "no events" metric alarm: in ALARM while no event reaches the log group. */
  public readonly cfnAlarm: cloudwatch.CfnAlarm;

  /** The "delivery started" metric alarm, unless `waitForFirstDelivery` is false. */
  public readonly cfnArmedAlarm?: cloudwatch.CfnAlarm;

  /** The composite alarm that notifies, unless `waitForFirstDelivery` is false. */
  public readonly cfnCompositeAlarm?: cloudwatch.CfnCompositeAlarm;

  private readonly logGroup: logs.ILogGroup;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: DeliveryHeartbeatProps) {
    const problems = new Problems('DeliveryHeartbeat', pathOf(scope, id));
    validateAlarmOptions(problems, '', { period: props.period });
    validateAlarmName(problems, 'alarmName', props.alarmName);
    validateAlarmActions(problems, 'alarmActions', props.alarmActions);
    problems.throwIfAny();
    super(scope, id);
    this.logGroup = props.logGroup;
    this.period = props.period ?? DEFAULTS.heartbeatPeriod;
    const waitForFirstDelivery = props.waitForFirstDelivery ?? DEFAULTS.heartbeatWaitsForFirstDelivery;
    // The composite takes a name of its own: alarm names are unique across metric and composite alarms, and the metric
    // alarm keeps the name of earlier releases, so that an upgrade neither renames nor replaces it.
    const alertName = `${props.alarmName}-Alert`;
    // L1 alarms, like the security alarms: the L2 would render the metric this construct already knows.
    const incomingEvents = {
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensions: [{ name: 'LogGroupName', value: this.logGroup.logGroupName }],
      statistic: cloudwatch.Stats.SUM,
      period: this.period.toSeconds(),
      threshold: 1,
      evaluationPeriods: 1,
    };
    const silence = `No CloudTrail event reached the log group for ${this.period.toHumanString()}`;
    this.cfnAlarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      ...incomingEvents,
      alarmName: props.alarmName,
      alarmDescription: waitForFirstDelivery
        ? `${silence}. Its actions are disabled: ${alertName} notifies, once delivery has started.`
        : `${silence}: the trail may be stopped, deleted, narrowed, or unable to deliver.`,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      actionsEnabled: !waitForFirstDelivery,
    });
    const inputs = [this.cfnAlarm];
    let notifying: cloudwatch.CfnAlarm | cloudwatch.CfnCompositeAlarm = this.cfnAlarm;
    if (waitForFirstDelivery) {
      this.cfnArmedAlarm = new cloudwatch.CfnAlarm(this, 'Armed', {
        ...incomingEvents,
        alarmName: `${props.alarmName}-DeliveryStarted`,
        alarmDescription:
          `In ALARM once CloudTrail has delivered to the log group, and kept there: arms ${alertName}, so that a new ` +
          'deployment does not page before the first delivery. Its actions are disabled.',
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.IGNORE,
        actionsEnabled: false,
      });
      inputs.push(this.cfnArmedAlarm);
      this.cfnCompositeAlarm = new cloudwatch.CfnCompositeAlarm(this, 'Alert', {
        alarmName: alertName,
        alarmDescription: `${silence} after delivery had started: the trail may be stopped, deleted, narrowed, or unable to deliver.`,
        alarmRule: `ALARM("${this.cfnAlarm.attrArn}") AND ALARM("${this.cfnArmedAlarm.attrArn}")`,
        actionsEnabled: true,
      });
      notifying = this.cfnCompositeAlarm;
      for (const input of inputs) acknowledge(input, 'heartbeatInput');
    }
    this.alarmName = waitForFirstDelivery ? alertName : props.alarmName;
    this.alarmArn = notifying.attrArn;
    // Rendered at synthesis, so that actions added later count. The alarm actions also notify when delivery resumes;
    // the inputs list them, disabled.
    const alarmActions = Lazy.list({ produce: () => this.alarmActionArns }, { omitEmpty: true });
    notifying.alarmActions = alarmActions;
    notifying.okActions = Lazy.list({ produce: () => [...(this.alarmActionArns ?? []), ...(this.okActionArns ?? [])] }, { omitEmpty: true });
    notifying.insufficientDataActions = Lazy.list({ produce: () => this.insufficientDataActionArns }, { omitEmpty: true });
    if (waitForFirstDelivery) for (const input of inputs) input.alarmActions = alarmActions;
    this.addAlarmAction(...props.alarmActions);
  }

  public get alarmRef(): cloudwatchRefs.AlarmReference {
    const notifying = this.cfnCompositeAlarm ?? this.cfnAlarm;
    return { alarmName: notifying.ref, alarmArn: notifying.attrArn };
  }

  /**
   * The number of events the log group received per period (statistic Sum over the heartbeat period, unless
   * overridden).
   */
  public metric(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensionsMap: { LogGroupName: this.logGroup.logGroupName },
      statistic: cloudwatch.Stats.SUM,
      period: this.period,
      ...props,
    });
  }
}
