import { Annotations, IResolvable, Lazy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';
import { KNOWN_DATA_RESOURCE_TYPES } from './resource-types';
import { Selector, SelectorContext, basicManagementSelector, countValues, managementSelector, renderSelector } from './selectors';
import { DEFAULTS, WARNING_PREFIX } from '../../core/defaults';
import { LIMITS } from '../../core/limits';
import { Problems, isResolved } from '../../core/validation';
import type { DataEvent } from '../data-event';
import type { EventSelectionOptions } from '../event-selection-options';
import { InsightEventCategory } from '../insight-event-category';
import type { NetworkActivityEvent } from '../network-activity-event';

/** The default categories, as the enum of this wing (core holds their values only). */
const DEFAULT_INSIGHT_EVENT_CATEGORIES = DEFAULTS.insightEventCategories.map((category) => category as InsightEventCategory);

/** What event selection needs to know about the trail. */
export interface EventSelectionContext extends SelectorContext {
  /** Whether the trail also delivers to CloudWatch Logs, which bills ingestion per GB. */
  readonly sendToCloudWatchLogs: boolean;
}

/**
 * Checks the event-selection props of a trail: everything CloudTrail would reject that is known when the trail is
 * constructed. What later `add*Events` calls can change is checked at synthesis by {@link EventSelection}.
 */
export function validateEventSelection(problems: Problems, options: EventSelectionOptions): void {
  const management = options.managementEvents ?? DEFAULTS.managementEvents;
  const excluded = options.excludeManagementEventSources ?? DEFAULTS.excludeManagementEventSources;
  if (excluded.length > 0 && management === cloudtrail.ReadWriteType.NONE) {
    problems.add(
      'excludeManagementEventSources',
      excluded,
      'excludes sources of management events, which managementEvents NONE does not log at all',
      'Remove excludeManagementEventSources, or log management events.',
    );
  }
  reportDuplicates(problems, 'excludeManagementEventSources', excluded, 'Give each source once.');
  validateInsights(problems, options, management);
  (options.dataEvents ?? []).forEach((event, i) => event._validate(problems, `dataEvents[${i}]`));
  (options.networkActivityEvents ?? []).forEach((event, i) => event._validate(problems, `networkActivityEvents[${i}]`));
}

function validateInsights(problems: Problems, options: EventSelectionOptions, management: cloudtrail.ReadWriteType): void {
  const types = options.insightTypes ?? [];
  const categories = options.insightEventCategories;
  reportDuplicates(problems, 'insightTypes', types.map((t) => t.value), 'Give each Insights type once.');
  if (categories === undefined) {
    // CloudTrail's default: Insights on management events.
  } else if (types.length === 0) {
    problems.add('insightEventCategories', categories, 'is set but insightTypes is not', 'Add insightTypes, or remove insightEventCategories.');
  } else if (categories.length === 0) {
    problems.add('insightEventCategories', categories, 'is empty, so Insights analyse nothing', 'Leave it out for management events, or list the categories.');
  }
  reportDuplicates(problems, 'insightEventCategories', categories ?? [], 'Give each category once.');
  if (!(categories ?? DEFAULT_INSIGHT_EVENT_CATEGORIES).includes(InsightEventCategory.MANAGEMENT)) return;
  const logsWrite = management === cloudtrail.ReadWriteType.ALL || management === cloudtrail.ReadWriteType.WRITE_ONLY;
  if (types.includes(cloudtrail.InsightType.API_CALL_RATE) && !logsWrite) {
    problems.add(
      'insightTypes',
      `ApiCallRateInsight with managementEvents ${management}`,
      'API call rate Insights analyse write management events, which the trail does not log',
      'Set managementEvents to ALL or WRITE_ONLY, or remove InsightType.API_CALL_RATE.',
    );
  }
  if (types.includes(cloudtrail.InsightType.API_ERROR_RATE) && management === cloudtrail.ReadWriteType.NONE) {
    problems.add(
      'insightTypes',
      `ApiErrorRateInsight with managementEvents ${management}`,
      'API error rate Insights analyse read or write management events, which the trail does not log',
      'Set managementEvents to ALL, READ_ONLY or WRITE_ONLY, or remove InsightType.API_ERROR_RATE.',
    );
  }
}

function reportDuplicates(problems: Problems, prop: string, values: string[], fix: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) problems.add(prop, value, 'is given twice', fix);
    seen.add(value);
  }
}

/**
 * The event selectors and Insights selectors of a trail. Selectors added after construction are validated when
 * added; the limits across all of them are checked at synthesis.
 *
 * A trail that records management events only gets one basic event selector, the form every auditor's tool reads;
 * data and network activity events need advanced selectors, and then all of its selectors are advanced (CloudTrail
 * takes one form or the other). Either form records the same management events.
 */
export class EventSelection {
  /** The trail's `EventSelectors` while it records management events only, rendered at synthesis. */
  public readonly eventSelectors: IResolvable;

  /** The trail's `AdvancedEventSelectors` once it records more, rendered at synthesis so that later additions count. */
  public readonly advancedEventSelectors: IResolvable;

  /** The trail's `InsightSelectors`, or undefined without Insights. */
  public readonly insightSelectors?: cloudtrail.CfnTrail.InsightSelectorProperty[];

  private readonly management?: Selector;
  private readonly basicManagement?: cloudtrail.CfnTrail.EventSelectorProperty;
  private readonly selectors: Selector[] = [];
  private readonly warned = new Set<string>();

  /** The props must have passed {@link validateEventSelection}. */
  constructor(
    private readonly scope: Construct,
    options: EventSelectionOptions,
    private readonly context: EventSelectionContext,
  ) {
    const managementEvents = options.managementEvents ?? DEFAULTS.managementEvents;
    const excluded = options.excludeManagementEventSources ?? DEFAULTS.excludeManagementEventSources;
    this.management = managementSelector(managementEvents, excluded);
    this.basicManagement = basicManagementSelector(managementEvents, excluded);
    this.warnAboutManagementEvents(managementEvents, excluded);

    const types = options.insightTypes ?? [];
    if (types.length > 0) {
      const eventCategories = [...(options.insightEventCategories ?? DEFAULT_INSIGHT_EVENT_CATEGORIES)];
      this.insightSelectors = types.map((type) => ({ insightType: type.value, eventCategories }));
      this.warn(
        'insightsCost',
        `Insights (${types.map((t) => t.value).join(', ')}) are billed per 100,000 events analysed, in every account ` +
          'and Region of the organization.',
      );
    }

    (options.dataEvents ?? []).forEach((event) => this.addDataEvent(event));
    (options.networkActivityEvents ?? []).forEach((event) => this.selectors.push(event._selector()));

    // Uncached: data events added after an early resolution (an aspect, a first synthesis) still render.
    const basic = () => this.selectors.length === 0;
    this.eventSelectors = Lazy.uncachedAny({ produce: () => (basic() && this.basicManagement ? [this.basicManagement] : undefined) });
    this.advancedEventSelectors = Lazy.uncachedAny({ produce: () => (basic() ? undefined : this.render()) }, { omitEmptyArray: true });
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /** Validates and adds data events; throws listing every problem. */
  public addDataEvents(events: DataEvent[]): void {
    const problems = new Problems('OrganizationTrail.addDataEvents');
    events.forEach((event, i) => event._validate(problems, `events[${i}]`));
    problems.throwIfAny();
    events.forEach((event) => this.addDataEvent(event));
  }

  /** Validates and adds network activity events; throws listing every problem. */
  public addNetworkActivityEvents(events: NetworkActivityEvent[]): void {
    const problems = new Problems('OrganizationTrail.addNetworkActivityEvents');
    events.forEach((event, i) => event._validate(problems, `events[${i}]`));
    problems.throwIfAny();
    events.forEach((event) => this.selectors.push(event._selector()));
  }

  private addDataEvent(event: DataEvent): void {
    const selector = event._selector(this.context);
    this.selectors.push(selector);
    this.warnAboutDataEvents(selector);
  }

  private render(): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
    // Two selectors of the same resource type or event source are numbered, so that every name tells them apart.
    const seen = new Map<string, number>();
    return [...(this.management ? [this.management] : []), ...this.selectors].map((selector) => {
      const count = (seen.get(selector.name) ?? 0) + 1;
      seen.set(selector.name, count);
      return renderSelector(count === 1 ? selector : { ...selector, name: `${selector.name} (${count})` });
    });
  }

  /** What only the complete set of selectors can tell: CloudTrail's limits and the prerequisites of the props. */
  private validate(): string[] {
    const problems = new Problems('OrganizationTrail');
    const rendered = this.render();
    const values = countValues(rendered);
    if (values > LIMITS.maxAdvancedSelectorValues) {
      problems.add(
        'dataEvents',
        `${values} condition values in ${rendered.length} advanced event selectors`,
        `exceed CloudTrail's limit of ${LIMITS.maxAdvancedSelectorValues} values across all selectors of a trail`,
        'Log fewer resources one by one: use a common ARN prefix with StartsWith, or one factory for all resources of the type.',
      );
    }
    const hasData = this.selectors.some((s) => s.category === 'Data');
    if (!this.management && this.selectors.length === 0) {
      problems.add(
        'managementEvents',
        cloudtrail.ReadWriteType.NONE,
        'leaves the trail with nothing to log: it has no data events and no network activity events',
        'Add dataEvents or networkActivityEvents, or log management events.',
      );
    }
    const categories = this.insightSelectors?.[0]?.eventCategories ?? [];
    if (categories.includes(InsightEventCategory.DATA) && !hasData) {
      problems.add(
        'insightEventCategories',
        categories,
        'include Data, but the trail logs no data events for Insights to analyse',
        'Add dataEvents, or remove InsightEventCategory.DATA.',
      );
    }
    return problems.toList();
  }

  private warnAboutManagementEvents(
    managementEvents: cloudtrail.ReadWriteType,
    excluded: cloudtrail.ManagementEventSources[],
  ): void {
    if (excluded.length > 0) {
      this.warn(
        'managementEventSourcesExcluded',
        `excludeManagementEventSources leaves out ${excluded.join(', ')}: Security Hub CloudTrail.1 (CIS 3.1), the ` +
          'AWS Config rules multi-region-cloudtrail-enabled and cloudtrail-security-trail-enabled and ' +
          "CloudTrailChecks' CloudTrail-TrailManagementEvents fail for this trail.",
      );
    }
    if (managementEvents !== cloudtrail.ReadWriteType.ALL) {
      this.warn(
        'managementEventsNotAll',
        `managementEvents is ${managementEvents}: Security Hub CloudTrail.1 (CIS 3.1) requires a multi-Region trail ` +
          'that logs read and write management events; make sure another trail does. CloudTrailChecks reports ' +
          'CloudTrail-TrailManagementEvents for this one.',
      );
    }
  }

  private warnAboutDataEvents(selector: Selector): void {
    const type = selector.resourceType!;
    if (this.context.sendToCloudWatchLogs) {
      this.warn(
        'dataEventsToCloudWatchLogs',
        'The trail delivers data events to CloudWatch Logs too, where ingestion is billed per GB: data events are ' +
          'high-volume. Narrow them, or turn sendToCloudWatchLogs off if the alarms need management events only.',
      );
    }
    if (selector.organizationWide) {
      this.warn(
        'organizationWideDataEvents',
        `Data events of every ${type} resource are logged in every account and Region of the organization, billed ` +
          'per 100,000 events. Narrow them to the resources you need, or to read or write operations.',
      );
    }
    if (isResolved(type) && !KNOWN_DATA_RESOURCE_TYPES.has(type)) {
      const near = closestKnownType(type);
      this.warn(
        'unknownDataResourceType',
        `${type} is not among the data resource types this library knows${near ? `: did you mean ${near}?` : ''} Check ` +
          'its spelling against the CloudTrail User Guide\'s data events table, or CloudTrail rejects the trail.',
      );
    }
    if (selector.includesTrailBucket || selector.trailBucketsNotExcluded) {
      this.warn(
        'trailBucketDataEvents',
        'S3 data events include a bucket the trail writes to: every log file CloudTrail delivers becomes a data ' +
          'event, logged in the next log file, a feedback loop that multiplies the cost of the trail ' +
          "(CloudTrailChecks' CloudTrail-TrailS3DataEventsExcludeTrailBuckets).",
      );
    }
  }

  private warn(id: string, message: string): void {
    const key = `${id}:${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    Annotations.of(this.scope).addWarningV2(`${WARNING_PREFIX}:${id}`, message);
  }
}

/**
 * The known data resource type closest to a misspelt one (`AWS::S3::Objects` for `AWS::S3::Object`): within two
 * edits, ignoring case; none when nothing is that close.
 */
function closestKnownType(type: string): string | undefined {
  let best: { type: string; distance: number } | undefined;
  for (const known of KNOWN_DATA_RESOURCE_TYPES) {
    const distance = editDistance(type.toLowerCase(), known.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { type: known, distance };
  }
  return best?.type;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
