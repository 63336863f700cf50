import { Annotations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, IConstruct } from 'constructs';
import { DeliveryHeartbeat, DeliveryHeartbeatOptions } from './delivery-heartbeat';
import {
  HEARTBEAT_ID,
  UNIQUE_PREFIX_MAX_LENGTH,
  alarmNamePrefixOf,
  environmentKey,
  logGroupKey,
  securityAlarmName,
  uniqueAlarmNamePrefix,
} from './private/naming';
import { allowAlarmsToPublish, createAlarmTopic } from './private/topic';
import { SecurityAlarm, SecurityAlarmRuleOptions } from './security-alarm';
import { SecurityAlarmRule } from './security-alarm-rule';
import { TamperDetection, TamperDetectionOptions } from './tamper-detection';
import { DEFAULTS, WARNING_PREFIX } from '../core/defaults';
import { LIMITS } from '../core/limits';
import { validateAlarmNames, validateRuleOptions, validateSecurityAlarmsOptions } from './private/validation';
import { Problems, isResolved, pathOf } from '../core/validation';

/**
 * Adjusts one rule of {@link SecurityAlarmsOptions.rules}: turn it off, or change how its alarm evaluates.
 */
export interface SecurityAlarmRuleOverride extends SecurityAlarmRuleOptions {
  /** The rule to adjust. It must be one of the rules, matched by id. */
  readonly rule: SecurityAlarmRule;

  /**
   * Whether to create this rule's metric filter and alarm.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * What the security alarms watch for and whom they notify.
 */
export interface SecurityAlarmsOptions {
  /**
   * The rules to alarm on: a profile, or any list of catalogue and custom rules. A rule listed twice counts once;
   * two different rules must not share an id.
   *
   * @default SecurityAlarmRule.SECURITY_HUB - Security Hub CloudWatch.1 to CloudWatch.14
   */
  readonly rules?: SecurityAlarmRule[];

  /**
   * Per-rule adjustments: disable a rule, or change its threshold, period or evaluation periods.
   *
   * @default - every rule alarms on 1 matching event in 5 minutes
   */
  readonly overrides?: SecurityAlarmRuleOverride[];

  /**
   * Prefix of every alarm name, metric name and metric filter name: each is `<prefix><rule id>` (for example
   * `org-trail-RootAccountUsage`), and the delivery heartbeat is `<prefix>DeliveryHeartbeat`. Rule ids are stable
   * across releases. Letters, digits, `.`, `_`, `-` and `/`.
   *
   * @default - in an OrganizationTrail, `<trailName>-`; otherwise the log group name with `/` replaced by `-`,
   * followed by `-`
   */
  readonly alarmNamePrefix?: string;

  /**
   * CloudWatch namespace of the metrics.
   *
   * @default "CloudTrailMetrics"
   */
  readonly metricNamespace?: string;

  /**
   * An SNS topic of your own for the alarms and tamper alerts, instead of a new one. Its policy gets statements
   * letting this account's alarms and the tamper rule publish; its key, if any, statements letting CloudWatch and
   * EventBridge use it (for an imported topic or key, a warning lists them). Security Hub needs the topic to have a
   * subscription.
   *
   * @default - a new topic encrypted with a new KMS key, unless `alarmActions` is given
   */
  readonly topic?: sns.ITopic;

  /**
   * What the alarms do when they fire, instead of notifying the topic. Security Hub's CloudWatch.x controls expect
   * an SNS action. Tamper alerts still need a topic: give `topic` as well, or they are not created.
   *
   * @default - notify `topic`, or the new topic
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * Email addresses to subscribe to the topic. Each recipient confirms the subscription from the email SNS sends.
   *
   * @default - no subscription (a warning reminds you to add one)
   */
  readonly emailSubscriptions?: string[];

  /**
   * The delivery heartbeat: an alarm when no event reaches the log group for a period.
   *
   * @default - enabled, with a period of one hour
   */
  readonly heartbeat?: DeliveryHeartbeatOptions;

  /**
   * Near-real-time tamper alerts through EventBridge.
   *
   * @default - enabled
   */
  readonly tamperDetection?: TamperDetectionOptions;

  /**
   * Whether to create a CloudWatch dashboard of the security metrics.
   *
   * @default false
   */
  readonly dashboard?: boolean;
}

/**
 * Properties of {@link SecurityAlarms}.
 */
export interface SecurityAlarmsProps extends SecurityAlarmsOptions {
  /**
   * The log group CloudTrail delivers to: a trail's own, or an existing one such as Control Tower's
   * `aws-controltower/CloudTrailLogs`, imported by name. A log group takes at most 100 metric filters.
   */
  readonly logGroup: logs.ILogGroup;
}

/**
 * Security alarms on a CloudTrail log group: a metric filter and an alarm per rule (by default exactly Security Hub
 * CloudWatch.1 to CloudWatch.14), a heartbeat alarm when delivery stops, near-real-time tamper alerts through
 * EventBridge, and an encrypted SNS topic they all notify.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
 */
export class SecurityAlarms extends Construct {
  /** The log group the alarms watch. */
  public readonly logGroup: logs.ILogGroup;

  /** Prefix of every alarm, metric and metric filter name. */
  public readonly alarmNamePrefix: string;

  /** Namespace of the metrics. */
  public readonly metricNamespace: string;

  /** The topic the alarms and tamper alerts notify, unless only `alarmActions` were given. */
  public readonly topic?: sns.ITopic;

  /** The key this construct created to encrypt the topic. */
  public readonly topicKey?: kms.IKey;

  /** What every alarm does when it fires. */
  public readonly alarmActions: cloudwatch.IAlarmAction[];

  /** The delivery heartbeat, when enabled. */
  public readonly heartbeat?: DeliveryHeartbeat;

  /** The EventBridge tamper alerts, when enabled and a topic exists. */
  public readonly tamperDetection?: TamperDetection;

  /** The dashboard, when enabled. */
  public readonly dashboard?: cloudwatch.Dashboard;

  private readonly byId = new Map<string, SecurityAlarm>();
  /** Every alarm name this construct gives, with the prop that asked for it and the alarm. */
  private readonly names = new Map<string, { readonly prop: string; readonly alarm: IConstruct }>();
  private readonly rulesScope: Construct;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    const knownPrefix = props.alarmNamePrefix ?? alarmNamePrefixOf(props.logGroup);
    const problems = new Problems('SecurityAlarms', pathOf(scope, id));
    const planned = validateSecurityAlarmsOptions(problems, props, { known: knownPrefix, maxLength: UNIQUE_PREFIX_MAX_LENGTH });
    problems.throwIfAny();
    super(scope, id);
    this.logGroup = props.logGroup;
    this.alarmNamePrefix = knownPrefix ?? uniqueAlarmNamePrefix(this);
    this.metricNamespace = props.metricNamespace ?? DEFAULTS.alarmMetricNamespace;
    const heartbeatEnabled = props.heartbeat?.enabled ?? DEFAULTS.heartbeatEnabled;

    if (props.topic) {
      this.topic = props.topic;
      allowAlarmsToPublish(this, props.topic);
    } else if (!props.alarmActions) {
      const created = createAlarmTopic(this);
      this.topic = created.topic;
      this.topicKey = created.key;
    }
    (props.emailSubscriptions ?? []).forEach((email) => this.topic!.addSubscription(new subscriptions.EmailSubscription(email)));
    this.alarmActions = props.alarmActions ?? [new actions.SnsAction(this.topic!)];

    this.rulesScope = new Construct(this, 'Rules');
    for (const { rule, options, prop } of planned) this.createAlarm(rule, options, prop);

    if (heartbeatEnabled) {
      const alarmName = securityAlarmName(this.alarmNamePrefix, HEARTBEAT_ID);
      this.heartbeat = new DeliveryHeartbeat(this, HEARTBEAT_ID, {
        logGroup: this.logGroup,
        alarmName,
        period: props.heartbeat?.period,
        waitForFirstDelivery: props.heartbeat?.waitForFirstDelivery,
        alarmActions: this.alarmActions,
      });
      this.names.set(alarmName, { prop: 'heartbeat', alarm: this.heartbeat });
    }

    if (props.dashboard ?? DEFAULTS.dashboardEnabled) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard');
      this.dashboard.addWidgets(
        new cloudwatch.TextWidget({ markdown: `# CloudTrail security alarms (${this.alarmNamePrefix}*)`, width: 24, height: 1 }),
      );
      const alarms: cloudwatch.IAlarm[] = [...this.byId.values()];
      if (this.heartbeat) alarms.push(this.heartbeat);
      // One call lays the widgets out left to right, wrapping at the grid's width.
      this.dashboard.addWidgets(...alarms.map(alarmWidget));
    }

    this.tamperDetection = this.createTamperDetection(props);
    this.warn(props);
    // What only the whole app knows is checked once it is built: alarms named alike by another construct in the same
    // account and Region, and the metric filters all constructs put on one log group.
    this.node.addValidation({ validate: () => this.validateAcrossApp() });
  }

  /** Every security alarm created so far, in order. */
  public get alarms(): SecurityAlarm[] {
    return [...this.byId.values()];
  }

  /**
   * Adds a rule: a metric filter on the log group and an alarm on its metric, notifying {@link alarmActions}.
   */
  public addRule(rule: SecurityAlarmRule, options: SecurityAlarmRuleOptions = {}): SecurityAlarm {
    const problems = new Problems('SecurityAlarms', this.node.path);
    const planned = [{ rule, options, prop: `addRule(${rule.id})` }];
    validateRuleOptions(problems, planned, new Map([...this.byId].map(([id, alarm]) => [id, alarm.rule])));
    const taken = new Map([...this.names.values()].map(({ prop, alarm }) => [alarm.node.id, prop]));
    validateAlarmNames(problems, this.alarmNamePrefix, UNIQUE_PREFIX_MAX_LENGTH, planned, undefined, taken);
    problems.throwIfAny();
    return this.createAlarm(rule, options, planned[0].prop);
  }

  /** Alarm names shared with another SecurityAlarms of the account and Region, and the metric filter quota. */
  private validateAcrossApp(): string[] {
    const problems = new Problems('SecurityAlarms');
    const environment = environmentKey(this);
    const others = this.node.root.node
      .findAll()
      .filter((c): c is SecurityAlarms => c instanceof SecurityAlarms && c !== this);
    for (const other of others.filter((o) => environmentKey(o) === environment)) {
      for (const [name, { prop }] of this.names) {
        const owner = other.names.get(name);
        if (owner && isResolved(name)) {
          problems.add(prop, name, `is an alarm name already used by ${owner.alarm.node.path}`, 'Give each SecurityAlarms on the same account and Region its own alarmNamePrefix.');
        }
      }
    }
    const logGroup = logGroupKey(this, this.logGroup);
    const sharing = [this, ...others.filter((o) => logGroupKey(o, o.logGroup) === logGroup)];
    const filters = sharing.reduce((total, alarms) => total + [...alarms.byId.values()].reduce((n, alarm) => n + alarm.metricFilters.length, 0), 0);
    if (filters > LIMITS.maxMetricFiltersPerLogGroup) {
      problems.add(
        'rules',
        `${filters} metric filters on one log group`,
        `CloudWatch Logs allows at most ${LIMITS.maxMetricFiltersPerLogGroup} metric filters per log group, and the quota cannot be raised`,
        'Disable some rules with `overrides`, or combine custom rules into fewer patterns.',
      );
    }
    return problems.toList();
  }

  private createAlarm(rule: SecurityAlarmRule, options: SecurityAlarmRuleOptions, prop: string): SecurityAlarm {
    const alarmName = securityAlarmName(this.alarmNamePrefix, rule.id);
    const alarm = new SecurityAlarm(this.rulesScope, rule.id, {
      ...options,
      logGroup: this.logGroup,
      rule,
      alarmName,
      metricNamespace: this.metricNamespace,
      alarmActions: this.alarmActions,
    });
    this.byId.set(rule.id, alarm);
    this.names.set(alarmName, { prop, alarm });
    this.dashboard?.addWidgets(alarmWidget(alarm));
    return alarm;
  }

  private createTamperDetection(props: SecurityAlarmsProps): TamperDetection | undefined {
    const options = props.tamperDetection ?? {};
    if (!(options.enabled ?? DEFAULTS.tamperDetectionEnabled) || !this.topic) return undefined;
    return new TamperDetection(this, 'TamperDetection', {
      topic: this.topic,
      trail: options.trail,
      buckets: options.buckets,
      encryptionKeys: [...(options.encryptionKeys ?? []), ...(this.topicKey ? [this.topicKey] : [])],
      logGroups: [this.logGroup],
      alarmNamePrefix: this.alarmNamePrefix,
    });
  }

  private warn(props: SecurityAlarmsProps): void {
    const createdTopic = this.topicKey ? this.topic : undefined;
    if (createdTopic) {
      // Checked at synthesis, so that subscriptions added after construction, anywhere in the app, count.
      this.node.addValidation({
        validate: () => {
          const subscribedIn = (scope: IConstruct) =>
            scope.node.findAll().some((c) => c instanceof sns.CfnSubscription && c.topicArn === createdTopic.topicArn);
          // Subscriptions live under the topic, unless their subscriber puts them in its own stack: search the app
          // only then, since an app of many trails would walk itself once per trail.
          if (!subscribedIn(createdTopic) && !subscribedIn(this.node.root)) {
            Annotations.of(this).addWarningV2(
              `${WARNING_PREFIX}:alarmTopicWithoutSubscription`,
              'The security alarm topic has no subscription, so alarms reach nobody, and Security Hub fails ' +
                'CloudWatch.1-14 until the topic has one. Set emailSubscriptions, call `topic.addSubscription(...)`, or ' +
                'subscribe to the topic outside this app and acknowledge this warning.',
            );
          }
          return [];
        },
      });
    }
    if ((props.tamperDetection?.enabled ?? DEFAULTS.tamperDetectionEnabled) && !this.topic) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}:tamperDetectionWithoutTopic`,
        'Tamper alerts need an SNS topic, and alarmActions replaced the default one: no tamper alert is sent. ' +
          'Give `topic` as well, or set tamperDetection.enabled to false.',
      );
    }
  }
}

/** A graph of the alarm's metric against its threshold, titled with the id of its rule (or "DeliveryHeartbeat"). */
function alarmWidget(alarm: cloudwatch.IAlarm): cloudwatch.AlarmWidget {
  return new cloudwatch.AlarmWidget({ alarm, title: alarm.node.id, width: 6, height: 6 });
}
