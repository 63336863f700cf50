import { Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LIMITS } from '../../core/limits';
import { Problems, isResolved } from '../../core/validation';
import type { FieldCondition } from '../field-condition';
import { SelectorOperator } from '../field-condition';

/** The event categories a trail's advanced event selectors select. */
export type EventCategory = 'Management' | 'Data' | 'NetworkActivity';

/** One condition of a selector, before conditions on the same field are merged. */
export interface Condition {
  readonly field: string;
  readonly operator: SelectorOperator;
  readonly values: string[];
}

/** An advanced event selector as the library models it: what it selects, and every condition in order. */
export interface Selector {
  readonly name: string;
  readonly category: EventCategory;
  readonly conditions: Condition[];
  /** The `resources.type` of a data selector. */
  readonly resourceType?: string;
  /** A data selector that logs every resource of its type in every account of the organization. */
  readonly organizationWide?: boolean;
  /** An S3 selector that names one of the trail's own buckets. */
  readonly includesTrailBucket?: boolean;
  /** An all-S3 selector whose exclusion of the trail's buckets was turned off. */
  readonly trailBucketsNotExcluded?: boolean;
}

/** What a selector needs to know about the trail it is added to. */
export interface SelectorContext {
  /** The buckets the trail writes to (log files, server access logs): S3 data events on them feed themselves. */
  readonly trailBuckets: s3.IBucket[];
}

/** Fields a data selector may filter on, besides the `eventCategory` and `resources.type` the factories set. */
const DATA_FIELDS = [
  'eventName',
  'eventSource',
  'eventType',
  'readOnly',
  'resources.ARN',
  'sessionCredentialFromConsole',
  'userIdentity.arn',
];
/** Fields a network activity selector may filter on, besides the `eventCategory` and `eventSource` the factory sets. */
const NETWORK_FIELDS = ['eventName', 'errorCode', 'vpcEndpointId'];
/** Fields CloudTrail compares with Equals only. */
const EQUALS_ONLY = ['readOnly', 'eventCategory', 'resources.type', 'errorCode'];
/** Fields CloudTrail compares with Equals or NotEquals only. */
const EQUALS_OR_NOT_EQUALS = ['sessionCredentialFromConsole'];
/** Fields whose values are `true` or `false`. */
const BOOLEAN_FIELDS = ['readOnly', 'sessionCredentialFromConsole'];

const FIELDS_SET_BY_FACTORY: Record<string, Record<string, string>> = {
  Data: {
    'eventCategory': 'every DataEvent factory sets eventCategory to Data',
    'resources.type': 'a data selector has exactly one resources.type, set by the DataEvent factory',
  },
  NetworkActivity: {
    eventCategory: 'NetworkActivityEvent.of sets eventCategory to NetworkActivity',
    eventSource: 'a network activity selector has exactly one eventSource, set by NetworkActivityEvent.of',
  },
};

/** Checks the conditions a user added to a data or network activity selector against CloudTrail's rules. */
export function validateConditions(
  problems: Problems,
  prop: string,
  category: 'Data' | 'NetworkActivity',
  conditions: FieldCondition[],
): void {
  const allowed = category === 'Data' ? DATA_FIELDS : NETWORK_FIELDS;
  const what = category === 'Data' ? 'data events' : 'network activity events';
  conditions.forEach((condition, i) => {
    const at = `${prop}.conditions[${i}]`;
    const field = condition.field.name;
    const setByFactory = FIELDS_SET_BY_FACTORY[category][field];
    if (setByFactory) {
      problems.add(at, field, `cannot filter on ${field}: ${setByFactory}`, 'Remove this condition; use another factory for another resource type or event source.');
      return;
    }
    if (!allowed.includes(field)) {
      problems.add(at, field, `CloudTrail does not filter ${what} on this field`, `Use one of: ${allowed.join(', ')}.`);
      return;
    }
    validateOperator(problems, at, field, condition.comparison);
    validateValues(problems, at, field, condition.values);
  });
}

function validateOperator(problems: Problems, at: string, field: string, operator: SelectorOperator): void {
  if (EQUALS_ONLY.includes(field) && operator !== SelectorOperator.EQUALS) {
    problems.add(at, operator, `CloudTrail compares ${field} with Equals only`, 'Use SelectorOperator.EQUALS.');
  } else if (
    EQUALS_OR_NOT_EQUALS.includes(field) &&
    operator !== SelectorOperator.EQUALS &&
    operator !== SelectorOperator.NOT_EQUALS
  ) {
    problems.add(at, operator, `CloudTrail compares ${field} with Equals or NotEquals only`, 'Use SelectorOperator.EQUALS or NOT_EQUALS.');
  }
}

function validateValues(problems: Problems, at: string, field: string, values: string[]): void {
  if (!isResolved(values)) return;
  if (values.length === 0) {
    problems.add(at, values, 'has no values, so it matches nothing', 'Give at least one value, or remove the condition.');
    return;
  }
  for (const value of values) {
    if (!isResolved(value)) continue;
    if (value.includes('*')) {
      problems.add(
        at,
        value,
        'CloudTrail selectors take no "*" wildcards',
        'Match the beginning or the end of the value with the StartsWith or EndsWith operators instead.',
      );
    } else if (value.length === 0) {
      problems.add(at, value, 'is an empty value', 'Remove it.');
    } else if (value.length > LIMITS.maxSelectorValueLength) {
      problems.add(
        at,
        `${value.slice(0, 40)}... (${value.length} characters)`,
        `is longer than the ${LIMITS.maxSelectorValueLength} characters CloudTrail accepts in a condition value`,
        'Match its beginning with the StartsWith operator, or its end with EndsWith.',
      );
    } else if (BOOLEAN_FIELDS.includes(field) && value !== 'true' && value !== 'false') {
      problems.add(at, value, `${field} is either "true" or "false"`, 'Use "true" or "false".');
    } else if (field === 'errorCode' && value !== LIMITS.networkActivityErrorCode) {
      problems.add(
        at,
        value,
        `CloudTrail filters network activity events only on the error code ${LIMITS.networkActivityErrorCode}`,
        'Use the onlyAccessDenied option instead.',
      );
    }
  }
}

/** The condition every selector of a category starts with. */
export function categoryCondition(category: EventCategory): Condition {
  return { field: 'eventCategory', operator: SelectorOperator.EQUALS, values: [category] };
}

/** The conditions a user gave, in the library's model. */
export function userConditions(conditions: FieldCondition[] | undefined): Condition[] {
  return (conditions ?? []).map((c) => ({ field: c.field.name, operator: c.comparison, values: c.values }));
}

/** `readOnly` Equals `true` (read events) or `false` (write events); nothing for both. */
export function readOnlyCondition(readOnly: boolean | undefined): Condition[] {
  return readOnly === undefined ? [] : [{ field: 'readOnly', operator: SelectorOperator.EQUALS, values: [String(readOnly)] }];
}

/** The management-events selector for a read/write choice and excluded event sources; none for NONE. */
export function managementSelector(
  readWrite: cloudtrail.ReadWriteType,
  excludedSources: cloudtrail.ManagementEventSources[],
): Selector | undefined {
  if (readWrite === cloudtrail.ReadWriteType.NONE) return undefined;
  const conditions = [categoryCondition('Management')];
  if (readWrite === cloudtrail.ReadWriteType.READ_ONLY) conditions.push(...readOnlyCondition(true));
  if (readWrite === cloudtrail.ReadWriteType.WRITE_ONLY) conditions.push(...readOnlyCondition(false));
  if (excludedSources.length > 0) {
    conditions.push({ field: 'eventSource', operator: SelectorOperator.NOT_EQUALS, values: [...excludedSources] });
  }
  return { name: 'Management events', category: 'Management', conditions };
}

/**
 * The same management events as a basic event selector: the form auditors' tools read. Powerpipe's CIS queries skip
 * a trail without basic selectors, and the audit steps Security Hub documents for CloudWatch.1-14 read them.
 */
export function basicManagementSelector(
  readWrite: cloudtrail.ReadWriteType,
  excludedSources: cloudtrail.ManagementEventSources[],
): cloudtrail.CfnTrail.EventSelectorProperty | undefined {
  if (readWrite === cloudtrail.ReadWriteType.NONE) return undefined;
  return {
    readWriteType: readWrite,
    includeManagementEvents: true,
    excludeManagementEventSources: excludedSources.length > 0 ? [...excludedSources] : undefined,
  };
}

const OPERATOR_PROPERTY: Record<SelectorOperator, keyof cloudtrail.CfnTrail.AdvancedFieldSelectorProperty> = {
  [SelectorOperator.EQUALS]: 'equalTo',
  [SelectorOperator.NOT_EQUALS]: 'notEquals',
  [SelectorOperator.STARTS_WITH]: 'startsWith',
  [SelectorOperator.NOT_STARTS_WITH]: 'notStartsWith',
  [SelectorOperator.ENDS_WITH]: 'endsWith',
  [SelectorOperator.NOT_ENDS_WITH]: 'notEndsWith',
};

/**
 * Renders a selector for CloudFormation. Conditions on the same field become one field selector (CloudTrail takes
 * each field once per selector); values of the same operator are merged, without duplicates.
 */
export function renderSelector(selector: Selector): cloudtrail.CfnTrail.AdvancedEventSelectorProperty {
  // Insertion-ordered sets keep the first appearance of each field, operator and value, in linear time.
  const byField = new Map<string, Map<SelectorOperator, Set<string>>>();
  for (const condition of selector.conditions) {
    const operators = byField.get(condition.field) ?? new Map<SelectorOperator, Set<string>>();
    byField.set(condition.field, operators);
    const values = operators.get(condition.operator) ?? new Set<string>();
    operators.set(condition.operator, values);
    for (const value of condition.values) values.add(value);
  }
  const fieldSelectors = [...byField.entries()].map(([field, operators]) => {
    const rendered: Record<string, unknown> = { field };
    for (const [operator, values] of operators) rendered[OPERATOR_PROPERTY[operator]] = [...values];
    return rendered as unknown as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty;
  });
  return { name: selector.name, fieldSelectors };
}

/**
 * The number of condition values of rendered selectors, which CloudTrail limits per trail. A list token counts
 * as one value: its length is unknown until deployment.
 */
export function countValues(selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[]): number {
  let count = 0;
  for (const selector of selectors) {
    for (const fieldSelector of selector.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[]) {
      for (const property of Object.values(OPERATOR_PROPERTY)) {
        const values = fieldSelector[property];
        if (Array.isArray(values)) count += Token.isUnresolved(values) ? 1 : values.length;
      }
    }
  }
  return count;
}
