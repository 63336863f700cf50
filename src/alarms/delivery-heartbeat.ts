import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlarmResource } from '../private/alarm-resource';
import { DEFAULTS } from '../private/defaults';
import { Problems, validateAlarmActions, validateAlarmName, validateAlarmOptions } from '../private/validation';

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
}

/**
 * An alarm on the log group's `IncomingLogEvents` metric, which CloudWatch Logs publishes for every log group (no
 * metric filter is spent on it). Missing data counts as breaching, since silence is the failure. It notifies when
 * delivery stops and again when it resumes. The construct itself is the alarm's `IAlarm`.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 */
export class DeliveryHeartbeat extends AlarmResource {
  /** The alarm's name. */
  public readonly alarmName: string;

  /** The alarm resource. */
  public readonly cfnAlarm: cloudwatch.CfnAlarm;

  private readonly logGroup: logs.ILogGroup;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: DeliveryHeartbeatProps) {
    const problems = new Problems('DeliveryHeartbeat');
    validateAlarmOptions(problems, '', { period: props.period });
    validateAlarmName(problems, 'alarmName', props.alarmName);
    validateAlarmActions(problems, 'alarmActions', props.alarmActions);
    problems.throwIfAny();
    super(scope, id);
    this.logGroup = props.logGroup;
    this.period = props.period ?? DEFAULTS.heartbeatPeriod;
    // An L1 alarm, like the security alarms: the L2 would render the metric this construct already knows.
    this.cfnAlarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription:
        `No CloudTrail event reached the log group for ${this.period.toHumanString()}: the trail may be stopped, ` +
        'deleted, narrowed, or unable to deliver.',
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensions: [{ name: 'LogGroupName', value: this.logGroup.logGroupName }],
      statistic: cloudwatch.Stats.SUM,
      period: this.period.toSeconds(),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      actionsEnabled: true,
    });
    this.alarmName = props.alarmName;
    // Bound to the finished alarm, whose ARN an action may read.
    const actions = props.alarmActions.map((action) => action.bind(this, this).alarmActionArn);
    this.cfnAlarm.alarmActions = actions;
    this.cfnAlarm.okActions = actions;
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
