import { AppTemplates, isResource, Link, literalString, TemplateResource } from './app-templates';
import { Subject } from './check-rule';
import { asList } from './policy-statements';

/** The property of a trail that names each link of its delivery chain, and the link's CloudFormation type. */
const LINKS = {
  bucket: { property: 'S3BucketName', type: 'AWS::S3::Bucket' },
  key: { property: 'KMSKeyId', type: 'AWS::KMS::Key' },
  logGroup: { property: 'CloudWatchLogsLogGroupArn', type: 'AWS::Logs::LogGroup' },
} as const;

export type LinkKind = keyof typeof LINKS;

/**
 * Every trail of the app and what it delivers to: its bucket, its key, its log group, the metric filters and alarms
 * on that log group and the topics they notify. Built once per validation, so a rule's lookups cost a map read.
 */
export class DeliveryChains {
  public readonly trails: TemplateResource[];
  private readonly links = new Map<TemplateResource, Partial<Record<LinkKind, Link>>>();
  private readonly filtersByLogGroup = new Map<TemplateResource, TemplateResource[]>();
  private readonly policiesByBucket = new Map<TemplateResource, TemplateResource[]>();
  private readonly alarmsByMetric = new Map<string, TemplateResource[]>();

  constructor(public readonly templates: AppTemplates) {
    this.trails = templates.resourcesOfType('AWS::CloudTrail::Trail');
    for (const trail of this.trails) {
      const links: Partial<Record<LinkKind, Link>> = {};
      for (const [kind, { property, type }] of Object.entries(LINKS) as Array<[LinkKind, { property: string; type: string }]>) {
        const value = trail.properties[property];
        if (value !== undefined) links[kind] = templates.resourceNamedBy(trail.stack, value, type);
      }
      this.links.set(trail, links);
    }
    for (const filter of templates.resourcesOfType('AWS::Logs::MetricFilter')) {
      const group = templates.resourceNamedBy(filter.stack, filter.properties.LogGroupName, 'AWS::Logs::LogGroup');
      if (isResource(group)) append(this.filtersByLogGroup, group, filter);
    }
    for (const policy of templates.resourcesOfType('AWS::S3::BucketPolicy')) {
      const bucket = templates.resourceNamedBy(policy.stack, policy.properties.Bucket, 'AWS::S3::Bucket');
      if (isResource(bucket)) append(this.policiesByBucket, bucket, policy);
    }
    for (const alarm of templates.resourcesOfType('AWS::CloudWatch::Alarm')) {
      const key = metricKey(alarm.properties.Namespace, alarm.properties.MetricName);
      if (key) append(this.alarmsByMetric, key, alarm);
    }
  }

  /** What a trail's property names: a resource of the app, outside of it, unknown, or undefined where unset. */
  public linkOf(trail: TemplateResource, kind: LinkKind): Link | undefined {
    return this.links.get(trail)?.[kind];
  }

  /** The trails whose chain includes this resource. */
  public trailsUsing(kind: LinkKind, resource: TemplateResource): TemplateResource[] {
    return this.trails.filter((t) => this.linkOf(t, kind) === resource);
  }

  public bucketPolicies(bucket: TemplateResource): TemplateResource[] {
    return this.policiesByBucket.get(bucket) ?? [];
  }

  public metricFilters(logGroup: TemplateResource): TemplateResource[] {
    return this.filtersByLogGroup.get(logGroup) ?? [];
  }

  /** The metric alarms on the metric a filter publishes (same namespace and name). */
  public alarmsOn(filter: TemplateResource): TemplateResource[] {
    const transformations: any[] = Array.isArray(filter.properties.MetricTransformations) ? filter.properties.MetricTransformations : [];
    return transformations.flatMap((t) => this.alarmsByMetric.get(metricKey(t?.MetricNamespace, t?.MetricName) ?? '') ?? []);
  }

  /** The resources each rule subject covers, each once however many trails share it. */
  public subjects(subject: Subject): TemplateResource[] {
    if (subject === 'trail') return this.trails;
    if (subject === 'alarmTopic') return this.alarmTopics();
    return unique(this.trails.map((t) => this.linkOf(t, subject)).filter(isResource));
  }

  /** The SNS topics of the app that the alarms on the trails' log groups notify. */
  private alarmTopics(): TemplateResource[] {
    const topics = this.subjects('logGroup')
      .flatMap((group) => this.metricFilters(group))
      .flatMap((filter) => this.alarmsOn(filter))
      .flatMap((alarm) => asList(alarm.properties.AlarmActions).map((action) => this.templates.resourceNamedBy(alarm.stack, action, 'AWS::SNS::Topic')));
    return unique(topics.filter(isResource));
  }
}

function metricKey(namespace: unknown, name: unknown): string | undefined {
  const ns = literalString(namespace);
  const metric = literalString(name);
  return ns !== undefined && metric !== undefined ? `${ns}\u0000${metric}` : undefined;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
