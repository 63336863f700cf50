import { Duration, Lazy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { aws_cloudwatch as cloudwatchRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { SecurityAlarmRule } from './security-alarm-rule';
import { DEFAULTS } from '../core/defaults';
import { Problems, pathOf, validateAlarmActions, validateAlarmName, validateAlarmOptions, validateFilterPattern } from '../core/validation';

/**
 * How one security alarm evaluates its metric. The defaults are the CIS and Security Hub recipe: the Sum over 5
 * minutes, alarming at 1 or more, after 1 period.
 */
export interface SecurityAlarmRuleOptions {
  /**
   * The alarm fires when the number of matching events in a period reaches this count.
   *
   * @default 1
   */
  readonly threshold?: number;

  /**
   * The period over which matching events are counted: whole minutes, at most a day.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * How many consecutive periods must reach the threshold before the alarm fires. CloudWatch evaluates at most a day
   * of periods shorter than an hour, and at most seven days of longer ones.
   *
   * @default 1
   */
  readonly evaluationPeriods?: number;
}

/**
 * Properties of a {@link SecurityAlarm}.
 */
export interface SecurityAlarmProps extends SecurityAlarmRuleOptions {
  /** The log group whose events the metric filter counts. */
  readonly logGroup: logs.ILogGroup;

  /** The rule: the filter pattern and what it means. */
  readonly rule: SecurityAlarmRule;

  /** Name of the alarm, also used for the metric and the metric filter. */
  readonly alarmName: string;

  /** Namespace of the metric. */
  readonly metricNamespace: string;

  /** What happens when the alarm fires. At least one action: an alarm nobody hears is not an alarm. */
  readonly alarmActions: cloudwatch.IAlarmAction[];
}

/**
 * One security alarm: a metric filter that counts the log events a rule matches (1 per event, 0 when an event does
 * not match) and an alarm on that count. Security Hub's CloudWatch.x controls look for exactly this pair.
 *
 * Both are L1 resources: a rule catalogue multiplies them, and the L2 constructs would compute for each one what the
 * rule already knows. The construct itself is the alarm's `IAlarm`, for dashboards and composite alarms.
 */
export class SecurityAlarm extends cloudwatch.AlarmBase {
  /** The rule this alarm implements. */
  public readonly rule: SecurityAlarmRule;

  /** The metric filter of the rule's first pattern. */
  public readonly metricFilter: logs.CfnMetricFilter;

  /** A metric filter per pattern of the rule, all counting into the alarm's metric. */
  public readonly metricFilters: logs.CfnMetricFilter[];

  /** The alarm resource. */
  public readonly cfnAlarm: cloudwatch.CfnAlarm;

  /** The alarm's name. */
  public readonly alarmName: string;

  /**
   * The alarm's ARN: a reference to the resource, so that whatever uses it is created after it.
   */
  public readonly alarmArn: string;

  private readonly metricNamespace: string;
  private readonly metricName: string;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: SecurityAlarmProps) {
    const problems = new Problems('SecurityAlarm', pathOf(scope, id));
    validateAlarmOptions(problems, '', props, DEFAULTS.alarmPeriod);
    validateAlarmName(problems, 'alarmName', props.alarmName);
    props.rule.filterPatterns.forEach((pattern, i) => validateFilterPattern(problems, `rule.filterPatterns[${i}]`, pattern));
    validateAlarmActions(problems, 'alarmActions', props.alarmActions);
    problems.throwIfAny();
    super(scope, id);
    this.rule = props.rule;
    this.period = props.period ?? DEFAULTS.alarmPeriod;
    this.metricNamespace = props.metricNamespace;
    this.metricName = props.alarmName;

    // One filter per pattern, all counting into the one metric: the first keeps the id and name it always had.
    this.metricFilters = props.rule.filterPatterns.map((pattern, i) => {
      const suffix = i === 0 ? '' : `${i + 1}`;
      return new logs.CfnMetricFilter(this, `Filter${suffix}`, {
        logGroupName: props.logGroup.logGroupName,
        filterName: i === 0 ? props.alarmName : `${props.alarmName}-${suffix}`,
        filterPattern: pattern.logPatternString,
        metricTransformations: [
          { metricNamespace: this.metricNamespace, metricName: this.metricName, metricValue: '1', defaultValue: 0 },
        ],
      });
    });
    this.metricFilter = this.metricFilters[0];

    this.cfnAlarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: alarmDescription(props.rule),
      namespace: this.metricNamespace,
      metricName: this.metricName,
      statistic: cloudwatch.Stats.SUM,
      period: this.period.toSeconds(),
      threshold: props.threshold ?? DEFAULTS.alarmThreshold,
      evaluationPeriods: props.evaluationPeriods ?? DEFAULTS.alarmEvaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    this.alarmName = props.alarmName;
    this.alarmArn = this.cfnAlarm.attrArn;
    // Rendered at synthesis, so that actions added later (addAlarmAction, addOkAction, ...) count; bound to the
    // finished alarm, whose ARN an action may read.
    this.cfnAlarm.alarmActions = Lazy.list({ produce: () => this.alarmActionArns }, { omitEmpty: true });
    this.cfnAlarm.okActions = Lazy.list({ produce: () => this.okActionArns }, { omitEmpty: true });
    this.cfnAlarm.insufficientDataActions = Lazy.list({ produce: () => this.insufficientDataActionArns }, { omitEmpty: true });
    this.addAlarmAction(...props.alarmActions);
  }

  /**
   * A reference to the alarm resource: whatever uses it is created after it.
   */
  public get alarmRef(): cloudwatchRefs.AlarmReference {
    return this.cfnAlarm.alarmRef;
  }

  /** The metric the filter publishes: the count of matching events. */
  public metric(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName: this.metricName,
      statistic: cloudwatch.Stats.SUM,
      period: this.period,
      ...props,
    });
  }
}

function alarmDescription(rule: SecurityAlarmRule): string {
  const references: string[] = [];
  if (rule.securityHubControlId) references.push(`Security Hub ${rule.securityHubControlId}`);
  const latest = rule.cisControls[rule.cisControls.length - 1];
  if (latest) references.push(`CIS AWS Foundations Benchmark ${latest.benchmarkVersion} ${latest.controlId}`);
  return references.length ? `${rule.description} (${references.join('; ')})` : rule.description;
}
