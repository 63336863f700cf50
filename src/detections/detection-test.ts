import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import { substituteDeployTimeValues } from './private/deploy-time-values';
import { eventPatternMatches } from './private/event-pattern';
import { eventBridgeEventOf, isDelivered } from './private/eventbridge-delivery';
import { filterPatternMatches } from './private/filter-pattern';
import { SecurityAlarmRule } from '../alarms/index';

/**
 * Options of {@link DetectionTest.eventRuleMatches}.
 */
export interface EventRuleTestOptions {
  /**
   * The deploy-time values of what the rule's pattern refers to, keyed by the attribute your code holds for it: e.g.
   * `{ [trail.logBucket.bucketName]: 'my-log-bucket', [trail.key.keyArn]: 'arn:aws:kms:...' }`. A pattern that refers to
   * a value not named here cannot be evaluated, and the test says which.
   *
   * @default - only the partition (`aws`) and URL suffix are known
   */
  readonly deployTimeValues?: { [attribute: string]: string };
}

/**
 * Tests detections offline, in your own unit tests: whether a security alarm's metric filter counts a CloudTrail
 * record, and whether an EventBridge rule receives it.
 *
 * Records are CloudTrail records as a log file holds them (one element of its `Records` array), parsed from JSON.
 * The evaluators follow the grammars AWS documents for CloudWatch Logs filter patterns and EventBridge event patterns.
 * Where the outcome would depend on behaviour AWS does not document (`!=` on a field the record lacks, for
 * example), they throw an error that says so instead of guessing: add the field to the record.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export class DetectionTest {
  /**
   * A CloudTrail record from its JSON text, as a log file or CloudTrail's event history holds it: the same in every
   * language, where a record written as a dictionary literal may have its keys renamed by a translation.
   */
  public static parseRecord(json: string): any {
    let record: unknown;
    try {
      record = JSON.parse(json);
    } catch (e) {
      throw new Error(`A CloudTrail record is JSON text; this is not JSON (${(e as Error).message}).`);
    }
    return checkRecord(record);
  }

  /**
   * Whether a security alarm rule (from the catalogue, or custom) counts the record: one of its metric filters
   * matches it.
   */
  public static securityAlarmRuleMatches(rule: SecurityAlarmRule, record: any): boolean {
    return rule.filterPatterns.some((pattern) => DetectionTest.filterPatternMatches(pattern, record));
  }

  /**
   * Whether a CloudWatch Logs filter pattern matches the record, as a metric filter on the trail's log group would.
   */
  public static filterPatternMatches(filterPattern: logs.IFilterPattern, record: any): boolean {
    return filterPatternMatches(filterPattern.logPatternString, checkRecord(record));
  }

  /**
   * The event EventBridge puts on the account's default event bus for the record: `detail-type` from its event type,
   * `source` from its service, the record itself as `detail`.
   */
  public static eventBridgeEvent(record: any): any {
    return eventBridgeEventOf(checkRecord(record));
  }

  /**
   * Whether an EventBridge event pattern (plain JSON, without tokens) matches the record as EventBridge delivers it.
   */
  public static eventPatternMatches(eventPattern: any, record: any): boolean {
    return eventPatternMatches(eventPattern, DetectionTest.eventBridgeEvent(record));
  }

  /**
   * Whether an EventBridge rule on the default event bus receives the record: its pattern matches, and EventBridge
   * delivers the record to a rule in its state (read-only management events reach only rules in state
   * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`). For an `events.Rule`, pass `rule.node.defaultChild`.
   */
  public static eventRuleMatches(rule: events.CfnRule, record: any, options: EventRuleTestOptions = {}): boolean {
    const checked = checkRecord(record);
    if (!isDelivered(checked, rule.state)) return false;
    const stack = Stack.of(rule);
    const pattern = substituteDeployTimeValues(stack, stack.resolve(rule.eventPattern), options.deployTimeValues ?? {});
    return eventPatternMatches(pattern, eventBridgeEventOf(checked));
  }

  private constructor() {}
}

function checkRecord(record: unknown): Record<string, unknown> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new Error(`A CloudTrail record is a JSON object (received ${JSON.stringify(record)?.slice(0, 80)}). Pass one element of a log file's Records array.`);
  }
  return record as Record<string, unknown>;
}
