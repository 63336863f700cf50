/**
 * How the tools auditors run decide whether a deployment monitors what CIS and Security Hub ask, reproduced from
 * their published logic and read against a synthesized template. Written for this project from each tool's
 * documentation and check logic (Security Hub user guide, CIS AWS Foundations Benchmark audit procedures, Prowler's
 * `cloudwatch_log_metric_filter_*` checks, the `log_metric_filter_*` queries of Powerpipe's AWS compliance mod, the
 * AWS Config managed rules for trails), not copied from them.
 *
 * What a template cannot show is not judged here: that the trail is logging, that a subscription is confirmed,
 * which Region Security Hub runs in. Those hold after a deployment; the tests say so.
 */
import * as logs from 'aws-cdk-lib/aws-logs';
import { DetectionTest } from '../../src';

export interface MetricFilter {
  readonly id: string;
  readonly pattern: string;
  readonly metricName: string;
}

export interface Alarm {
  readonly id: string;
  readonly metricName: string;
  /** Logical ids of the SNS topics among its alarm actions. */
  readonly topics: string[];
}

/** What each tool reads of a deployment: the trails, the metric filters on their log groups, alarms and topics. */
export class Deployment {
  public readonly resources: Record<string, any>;

  constructor(template: { Resources: Record<string, any> }) {
    this.resources = template.Resources;
  }

  public ofType(type: string): Array<[string, any]> {
    return Object.entries(this.resources).filter(([, r]) => r.Type === type).map(([id, r]) => [id, r.Properties ?? {}]);
  }

  public get trails(): Array<[string, any]> {
    return this.ofType('AWS::CloudTrail::Trail');
  }

  /** The metric filters on the log group a trail delivers to. */
  public filtersOf(trail: any): MetricFilter[] {
    const logGroup = trail.CloudWatchLogsLogGroupArn?.['Fn::GetAtt']?.[0];
    if (!logGroup) return [];
    return this.ofType('AWS::Logs::MetricFilter')
      .filter(([, f]) => f.LogGroupName?.Ref === logGroup)
      .map(([id, f]) => ({ id, pattern: f.FilterPattern, metricName: JSON.stringify(f.MetricTransformations[0].MetricName) }));
  }

  public get alarms(): Alarm[] {
    return this.ofType('AWS::CloudWatch::Alarm').map(([id, a]) => ({
      id,
      metricName: JSON.stringify(a.MetricName),
      topics: (a.AlarmActions ?? []).map((action: any) => action?.Ref).filter((ref: string | undefined) => ref && this.resources[ref]?.Type === 'AWS::SNS::Topic'),
    }));
  }

  /** Whether a topic has at least one subscription (whether it is confirmed is known only once deployed). */
  public isSubscribed(topic: string): boolean {
    const subscriptions = this.ofType('AWS::SNS::Subscription').filter(([, s]) => s.TopicArn?.Ref === topic);
    return subscriptions.length > 0 || (this.resources[topic]?.Properties?.Subscription ?? []).length > 0;
  }

  /** The alarms on a filter's metric, joined by metric name only: how each of these tools joins them. */
  public alarmsOn(filter: MetricFilter): Alarm[] {
    return this.alarms.filter((alarm) => alarm.metricName === filter.metricName);
  }
}

/** A basic event selector recording read and write management events. */
function hasBasicAllSelector(trail: any): boolean {
  return (trail.EventSelectors ?? []).some((s: any) => s.ReadWriteType === 'All' && s.IncludeManagementEvents !== false);
}

function isMultiRegionWithLogs(trail: any): boolean {
  return trail.IsMultiRegionTrail === true && trail.CloudWatchLogsLogGroupArn !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Security Hub CloudWatch.1 to CloudWatch.14

/**
 * Security Hub's documented audit steps: a multi-Region trail with a log group and a selector recording read and
 * write management events; on its log group a metric filter with exactly the published text; an alarm on that
 * filter's metric; the alarm's SNS topic with a subscription. For CloudWatch.4 and .13 the current user guide no
 * longer asks for the exact CIS text and recommends its own; either text is accepted here.
 */
export function securityHubPasses(deployment: Deployment, publishedTexts: string[]): boolean {
  return deployment.trails.some(([, trail]) =>
    isMultiRegionWithLogs(trail) && hasBasicAllSelector(trail) &&
    deployment.filtersOf(trail).some((filter) => publishedTexts.includes(filter.pattern) &&
      deployment.alarmsOn(filter).some((alarm) => alarm.topics.some((topic) => deployment.isSubscribed(topic)))));
}

// ---------------------------------------------------------------------------------------------------------------
// CIS AWS Foundations Benchmark v6.0.0, 5.1 to 5.15

/** `$.field op value` terms of a filter pattern, with whitespace and quotes removed. */
function terms(pattern: string): Set<string> {
  const found = pattern.replace(/\s+/g, '').replace(/"/g, '').match(/\$\.[A-Za-z0-9_.[\]]+(?:!=|=|NOTEXISTS|ISNULL)[^()&|}]*/g) ?? [];
  return new Set(found);
}

/**
 * The benchmark's audit procedure, as auditors apply it: a metric filter on the log group of a multi-Region trail
 * that holds every condition of the benchmark's text (whitespace and quoting aside; a filter may also pin the event
 * source, as Security Hub's own current texts do), an alarm on its metric, and a subscribed SNS topic. And, so that a
 * filter cannot hold the words but mean less, the alarm's filters together fire on every record of the corpus the
 * benchmark's own text fires on.
 */
export function cisPasses(deployment: Deployment, benchmarkText: string, corpus: object[]): boolean {
  const required = terms(benchmarkText);
  const benchmarkFires = corpus.filter((record) => DetectionTest.filterPatternMatches(logs.FilterPattern.literal(benchmarkText), record));
  return deployment.trails.some(([, trail]) => {
    if (!isMultiRegionWithLogs(trail)) return false;
    const filters = deployment.filtersOf(trail);
    return filters.some((filter) => {
      const present = terms(filter.pattern);
      if (![...required].every((term) => present.has(term))) return false;
      return deployment.alarmsOn(filter).some((alarm) => {
        if (!alarm.topics.some((topic) => deployment.isSubscribed(topic))) return false;
        const alarmFilters = filters.filter((f) => f.metricName === alarm.metricName);
        return benchmarkFires.every((record) =>
          alarmFilters.some((f) => DetectionTest.filterPatternMatches(logs.FilterPattern.literal(f.pattern), record)));
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Prowler

/** What one of Prowler's CIS monitoring checks requires of a filter's text. */
export interface ProwlerRequirement {
  readonly eventSource?: string;
  readonly eventNames?: string[];
  /** Further `$.field = value` or `$.field != value` clauses, written as `field op value`. */
  readonly clauses?: string[];
  /** Clauses that must appear in this order (the root-usage and unauthorized-API checks). */
  readonly ordered?: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Prowler's decision: any trail with a log group; on it a filter whose text holds each required clause (anywhere, at
 * most one character such as a quote before each value, whitespace free, names matched as whole words, case
 * sensitive); an alarm whose metric name is the filter's. Prowler asks nothing of the trail's Regions or selectors,
 * nor of the alarm's actions.
 */
export function prowlerPasses(deployment: Deployment, requirement: ProwlerRequirement): boolean {
  const lookaheads: RegExp[] = [
    ...(requirement.eventSource ? [new RegExp(`\\$\\.eventSource\\s*=\\s*.?${escape(requirement.eventSource)}`)] : []),
    ...(requirement.eventNames ?? []).map((name) => new RegExp(`\\$\\.eventName\\s*=\\s*.?${escape(name)}\\b`)),
    ...(requirement.clauses ?? []).map((clause) => {
      const [field, op, value] = clause.split(' ');
      return new RegExp(`\\$\\.${escape(field)}\\s*${escape(op)}\\s*.?${escape(value)}`);
    }),
  ];
  const ordered = requirement.ordered ? new RegExp(requirement.ordered.map((c) => clauseRegex(c)).join('.+'), 's') : undefined;
  return deployment.trails.some(([, trail]) => deployment.filtersOf(trail).some((filter) =>
    lookaheads.every((regex) => regex.test(filter.pattern)) && (!ordered || ordered.test(filter.pattern)) &&
    deployment.alarmsOn(filter).length > 0));
}

function clauseRegex(clause: string): string {
  const [field, op, ...value] = clause.split(' ');
  return `\\$\\.${escape(field)}\\s*${escape(op)}\\s*.?${escape(value.join(' '))}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Powerpipe's AWS compliance mod (steampipe-mod-aws-compliance), CIS v3.0.0 to v6.0.0

/** What one of the mod's `log_metric_filter_*` queries requires, in order. */
export interface PowerpipeRequirement {
  readonly eventSource?: string;
  /** Event names, unquoted, in this order. */
  readonly eventNames?: string[];
  /** Other clauses, in order: `field op value` with the value as the query writes it (quoted or not). */
  readonly clauses?: string[];
}

/**
 * The mod's decision: a logging, multi-Region trail with a log group and a basic event selector recording read and
 * write events (a trail with advanced selectors only is left out: the mod's issue 971); on its log group a filter
 * whose text holds the required clauses in order, event sources and names unquoted; an alarm whose metric name is
 * the filter's, with an action on an SNS topic that has a subscription.
 */
export function powerpipePasses(deployment: Deployment, requirement: PowerpipeRequirement): boolean {
  const parts = [
    ...(requirement.eventSource ? [`\\$\\.eventSource\\s*=\\s*${escape(requirement.eventSource)}`] : []),
    ...(requirement.clauses ?? []).map((clause) => {
      const [field, op, ...value] = clause.split(' ');
      return `\\$\\.${escape(field)}\\s*${escape(op)}\\s*${escape(value.join(' '))}`;
    }),
    ...(requirement.eventNames ?? []).map((name) => `\\$\\.eventName\\s*=\\s*${escape(name)}`),
  ];
  const regex = new RegExp(parts.join('.*'), 's');
  return deployment.trails.some(([, trail]) =>
    isMultiRegionWithLogs(trail) && hasBasicAllSelector(trail) &&
    deployment.filtersOf(trail).some((filter) => regex.test(filter.pattern) &&
      deployment.alarmsOn(filter).some((alarm) => alarm.topics.some((topic) => deployment.isSubscribed(topic)))));
}

// ---------------------------------------------------------------------------------------------------------------
// AWS Config managed rules for trails

/** The conditions each AWS Config managed rule documents, read from the trail's properties. */
export const AWS_CONFIG_RULES: Record<string, (trail: any) => boolean> = {
  'cloudtrail-enabled': () => true,
  'multi-region-cloudtrail-enabled': (t) => t.IsMultiRegionTrail === true && recordsAllManagementEvents(t),
  'cloud-trail-log-file-validation-enabled': (t) => t.EnableLogFileValidation === true,
  'cloud-trail-encryption-enabled': (t) => t.KMSKeyId !== undefined,
  'cloud-trail-cloud-watch-logs-enabled': (t) => t.CloudWatchLogsLogGroupArn !== undefined,
  'cloudtrail-security-trail-enabled': (t) =>
    t.IncludeGlobalServiceEvents === true && t.IsMultiRegionTrail === true && t.EnableLogFileValidation === true &&
    t.KMSKeyId !== undefined && recordsAllManagementEvents(t),
};

/** Read and write management events, no source excluded (the rules' documented condition for basic selectors). */
function recordsAllManagementEvents(trail: any): boolean {
  return (trail.EventSelectors ?? []).some((s: any) =>
    s.ReadWriteType === 'All' && s.IncludeManagementEvents !== false && (s.ExcludeManagementEventSources ?? []).length === 0);
}
