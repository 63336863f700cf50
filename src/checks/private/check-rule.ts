import { TemplateResource } from './app-templates';
import { DeliveryChains } from './delivery-chains';

/** What a rule judges: a trail, or a resource of a trail's delivery chain that the app deploys. */
export type Subject = 'trail' | 'bucket' | 'key' | 'logGroup' | 'alarmTopic';

/**
 * One check of the pack. Its id is reported as `CloudTrail-<id>`, and as `CloudTrail-<id>[<finding>]` where a rule
 * reports several findings on one resource (one per Security Hub control, say).
 */
export interface CheckRule {
  readonly id: string;
  readonly subject: Subject;
  /** The controls the rule serves, as auditors name them. */
  readonly controls: string;
  /** What a compliant resource looks like. */
  readonly description: string;
  /** How to comply, in aws-cdk-lib terms. */
  readonly fix: string;
  check(resource: TemplateResource, chains: DeliveryChains): Verdict;
}

/**
 * A rule's answer for one resource. `unknown` is for a value the templates do not fix (a parameter, a condition, a
 * resource outside the app): the pack reports it as a warning rather than guess either way.
 */
export type Verdict =
  | { readonly status: 'compliant' }
  | { readonly status: 'notApplicable' }
  | { readonly status: 'nonCompliant'; readonly findings: Finding[] }
  | { readonly status: 'unknown'; readonly property: string; readonly reason: string };

export interface Finding {
  /** The property at fault, as a path under the resource (`Properties/KMSKeyId`). */
  readonly property: string;
  /** A finding of its own id (`CloudWatch.3`), where a rule reports several. */
  readonly id?: string;
}

export const COMPLIANT: Verdict = { status: 'compliant' };
export const NOT_APPLICABLE: Verdict = { status: 'notApplicable' };

export function nonCompliant(...properties: string[]): Verdict {
  return { status: 'nonCompliant', findings: properties.map((property) => ({ property: `Properties/${property}` })) };
}

export function unknown(property: string, reason: string): Verdict {
  return { status: 'unknown', property: `Properties/${property}`, reason };
}

/** Compliant when the condition holds; non-compliant on these properties when not. */
export function compliantIf(condition: boolean, ...properties: string[]): Verdict {
  return condition ? COMPLIANT : nonCompliant(...properties);
}
