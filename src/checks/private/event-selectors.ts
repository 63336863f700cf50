import { AppTemplates, isObject, literalString, TemplateResource, UNKNOWN } from './app-templates';
import { asList } from './policy-statements';
import { leavesOutBucketObjects, reachesBucketObjects } from '../../core/arns';

/** The management events a trail records, from its basic or advanced event selectors. */
export interface ManagementEventCoverage {
  /** Read events are recorded, from every event source. */
  readonly allRead: boolean;
  /** Write events are recorded, from every event source. */
  readonly allWrite: boolean;
  /** Read or write events are recorded, from some event sources at least. */
  readonly someRead: boolean;
  readonly someWrite: boolean;
}

/**
 * What management events a trail records. A trail without selectors records all of them (CloudTrail's default);
 * basic selectors default to `IncludeManagementEvents: true` and `ReadWriteType: All`; an advanced selector records
 * management events when it selects `eventCategory = Management`, narrowed by `readOnly` and `eventSource`.
 */
export function managementEvents(trail: TemplateResource): ManagementEventCoverage | typeof UNKNOWN {
  const coverage = { allRead: false, allWrite: false, someRead: false, someWrite: false };
  const add = (read: boolean, write: boolean, allSources: boolean): void => {
    coverage.someRead ||= read;
    coverage.someWrite ||= write;
    coverage.allRead ||= read && allSources;
    coverage.allWrite ||= write && allSources;
  };
  const advanced = trail.properties.AdvancedEventSelectors;
  if (advanced !== undefined) {
    const selectors = fieldSelectorsOf(advanced);
    if (selectors === UNKNOWN) return UNKNOWN;
    for (const fields of selectors) {
      if (!fields.some((f) => f.field === 'eventCategory' && f.equals.includes('Management'))) continue;
      const readOnly = fields.find((f) => f.field === 'readOnly');
      const read = !readOnly || readOnly.equals.includes('true');
      const write = !readOnly || readOnly.equals.includes('false');
      add(read, write, !fields.some((f) => f.field === 'eventSource'));
    }
    return coverage;
  }
  const basic = trail.properties.EventSelectors;
  // No selectors, or an empty list (what aws-cdk-lib's Trail renders for its documented default of all management
  // events), leaves CloudTrail's default in place.
  if (basic === undefined || (Array.isArray(basic) && basic.length === 0)) return { allRead: true, allWrite: true, someRead: true, someWrite: true };
  if (!Array.isArray(basic) || !basic.every(isObject)) return UNKNOWN;
  for (const selector of basic) {
    const include = literalString(selector.IncludeManagementEvents ?? true);
    const readWrite = literalString(selector.ReadWriteType ?? 'All');
    if (include === undefined || readWrite === undefined) return UNKNOWN;
    if (include !== 'true') continue;
    add(readWrite !== 'WriteOnly', readWrite !== 'ReadOnly', asList(selector.ExcludeManagementEventSources).length === 0);
  }
  return coverage;
}

/** Whether the trail records any data events. */
export function recordsDataEvents(trail: TemplateResource): boolean {
  const advanced = fieldSelectorsOf(trail.properties.AdvancedEventSelectors ?? []);
  if (advanced !== UNKNOWN && advanced.some((fields) => fields.some((f) => f.field === 'eventCategory' && f.equals.includes('Data')))) return true;
  return asList(trail.properties.EventSelectors).some((s) => isObject(s) && asList(s.DataResources).length > 0);
}

/**
 * The S3 object selections of a trail that record data events on one of `own` (its buckets): a basic selector for
 * every bucket (`arn:aws:s3`) or naming one, or an advanced selector on `AWS::S3::Object` whose `resources.ARN`
 * conditions keep some of its objects and do not leave them out. Returns the property paths at fault.
 */
export function s3SelectionsIncluding(trail: TemplateResource, own: OwnBucket[]): string[] | typeof UNKNOWN {
  const faults: string[] = [];
  asList(trail.properties.EventSelectors).forEach((selector, i) => {
    if (!isObject(selector)) return;
    asList(selector.DataResources).forEach((resource, j) => {
      if (!isObject(resource) || literalString(resource.Type) !== 'AWS::S3::Object') return;
      // Basic selectors name buckets by ARN prefix, "arn:aws:s3" (or "arn:aws:s3:::") for every bucket.
      const values = asList(resource.Values);
      const everyBucket = values.some((v) => /^arn:[^:]*:s3(:::)?$/.test(literalString(v) ?? ''));
      if (everyBucket || values.some((v) => own.some((bucket) => bucket.keptBy(v, true)))) faults.push(`EventSelectors/${i}/DataResources/${j}`);
    });
  });
  const advanced = trail.properties.AdvancedEventSelectors;
  if (advanced === undefined) return faults;
  const selectors = fieldSelectorsOf(advanced, true);
  if (selectors === UNKNOWN) return UNKNOWN;
  selectors.forEach((fields, i) => {
    const isS3Data = fields.some((f) => f.field === 'eventCategory' && f.equals.includes('Data')) &&
      fields.some((f) => f.field === 'resources.type' && f.equals.includes('AWS::S3::Object'));
    if (!isS3Data) return;
    const arn = fields.filter((f) => f.field === 'resources.ARN');
    const includesOwn = own.some((bucket) => {
      // Equals and StartsWith keep only what they name; EndsWith narrows nothing here, log files end like any object.
      const positive = [
        ...arn.flatMap((f) => f.rawEquals.map((v) => bucket.keptBy(v, false))),
        ...arn.flatMap((f) => f.rawStartsWith.map((v) => bucket.keptBy(v, true))),
      ];
      const kept = positive.length === 0 || positive.includes(true);
      const left = arn.some((f) => [...f.rawNotEquals, ...f.rawNotStartsWith].some((v) => bucket.leftOutBy(v)));
      return kept && !left;
    });
    if (includesOwn) faults.push(`AdvancedEventSelectors/${i}`);
  });
  return faults;
}

/**
 * One of the trail's buckets, as selector values name it: by a reference to its resource, or by a literal ARN. Its
 * name is known when the template states it; a name CloudFormation generates is not, and then only a value that stops
 * before any bucket name, or a reference, is taken to reach it.
 */
export class OwnBucket {
  constructor(
    private readonly templates: AppTemplates,
    private readonly from: TemplateResource,
    private readonly resource: TemplateResource | undefined,
    private readonly name: string | undefined,
  ) {}

  /** Whether an `Equals` value (an object ARN) or a `StartsWith` prefix keeps some of this bucket's objects. */
  public keptBy(value: unknown, prefix: boolean): boolean {
    const text = literalString(value);
    return text === undefined ? this.isReferencedBy(value) : reachesBucketObjects(text, prefix, this.name);
  }

  /** Whether a `NotStartsWith` or `NotEquals` value leaves every object of this bucket out. */
  public leftOutBy(value: unknown): boolean {
    const text = literalString(value);
    return text === undefined ? this.isReferencedBy(value) : leavesOutBucketObjects(text, this.name);
  }

  private isReferencedBy(value: unknown): boolean {
    return this.resource !== undefined && this.templates.resourceNamedBy(this.from.stack, value, 'AWS::S3::Bucket') === this.resource;
  }
}

interface FieldSelector {
  readonly field: string;
  readonly equals: string[];
  readonly rawEquals: unknown[];
  readonly rawStartsWith: unknown[];
  readonly rawNotEquals: unknown[];
  readonly rawNotStartsWith: unknown[];
}

/**
 * The field selectors of each advanced selector. Values are kept as the template states them where `allowReferences`
 * (an ARN built from a bucket's attribute is a reference, not an unknown); otherwise a non-literal value is UNKNOWN.
 */
function fieldSelectorsOf(advanced: unknown, allowReferences = false): FieldSelector[][] | typeof UNKNOWN {
  if (!Array.isArray(advanced) || !advanced.every((s) => isObject(s) && Array.isArray(s.FieldSelectors))) return UNKNOWN;
  const result: FieldSelector[][] = [];
  for (const selector of advanced) {
    const fields: FieldSelector[] = [];
    for (const f of selector.FieldSelectors as unknown[]) {
      if (!isObject(f)) return UNKNOWN;
      const field = literalString(f.Field);
      if (field === undefined) return UNKNOWN;
      const equals = asList(f.Equals).map(literalString);
      if (!allowReferences && equals.some((v) => v === undefined)) return UNKNOWN;
      fields.push({
        field,
        equals: equals.filter((v): v is string => v !== undefined),
        rawEquals: asList(f.Equals),
        rawStartsWith: asList(f.StartsWith),
        rawNotEquals: asList(f.NotEquals),
        rawNotStartsWith: asList(f.NotStartsWith),
      });
    }
    result.push(fields);
  }
  return result;
}
