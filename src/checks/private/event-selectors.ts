import { AppTemplates, isObject, literalString, TemplateResource, UNKNOWN } from './app-templates';
import { asList } from './policy-statements';

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
 * The S3 object selections of a trail that record data events on a bucket of `own`: a basic selector for every
 * bucket (`arn:aws:s3`) or naming one, or an advanced selector on `AWS::S3::Object` that neither names only other
 * buckets nor leaves these out with `NotStartsWith`/`NotEquals`. Returns the property paths at fault.
 */
export function s3SelectionsIncluding(trail: TemplateResource, own: Array<(arnOrName: unknown) => boolean>): string[] | typeof UNKNOWN {
  const faults: string[] = [];
  const names = (value: unknown): boolean => own.some((isOwn) => isOwn(value));
  const basic = trail.properties.EventSelectors;
  asList(basic).forEach((selector, i) => {
    if (!isObject(selector)) return;
    asList(selector.DataResources).forEach((resource, j) => {
      if (!isObject(resource) || literalString(resource.Type) !== 'AWS::S3::Object') return;
      const everyBucket = asList(resource.Values).some((v) => /^arn:[^:]*:s3(:::)?$/.test(literalString(v) ?? ''));
      if (everyBucket || asList(resource.Values).some(names)) faults.push(`EventSelectors/${i}/DataResources/${j}`);
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
    // Equals and StartsWith keep only what they name; a value that names no bucket ("arn:aws:s3:::") keeps them all.
    // EndsWith narrows nothing here: log files end like any other object.
    const positive = arn.flatMap((f) => [...f.rawEquals, ...f.rawStartsWith]);
    const excluded = arn.flatMap((f) => [...f.rawNotEquals, ...f.rawNotStartsWith]);
    const keepsOwn = (value: unknown): boolean => names(value) || namesNoBucket(value);
    const includesOwn = positive.length > 0 ? positive.some(keepsOwn) : !own.every((isOwn) => excluded.some(isOwn));
    if (includesOwn) faults.push(`AdvancedEventSelectors/${i}`);
  });
  return faults;
}

/** Whether a literal S3 ARN (prefix) stops before a bucket name, and so covers every bucket. */
function namesNoBucket(value: unknown): boolean {
  const text = literalString(value);
  return text !== undefined && !/^arn:[^:]*:s3:::[^/]+\//.test(text);
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

/**
 * A test for whether a selector value (an ARN or ARN prefix) names this bucket: by a reference to the bucket's
 * resource, or by its literal name.
 */
export function namesBucketTest(templates: AppTemplates, from: TemplateResource, bucket: TemplateResource | string): (value: unknown) => boolean {
  return (value) => {
    const text = literalString(value);
    if (text !== undefined) {
      const name = /^arn:[^:]*:s3:::([^/]+)/.exec(text)?.[1];
      const bucketName = typeof bucket === 'string' ? bucket : literalString(bucket.properties.BucketName);
      return name !== undefined && name === bucketName;
    }
    return typeof bucket !== 'string' && templates.resourceNamedBy(from.stack, value, 'AWS::S3::Bucket') === bucket;
  };
}
