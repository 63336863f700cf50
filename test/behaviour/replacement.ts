import { ResourceImpact, fullDiff } from '@aws-cdk/cloudformation-diff';
import { STATEFUL_TYPES } from '../stateful';

/** What holds the audit log or reads it, and the trail itself: never to be replaced or dropped by accident. */
const WATCHED_TYPES = [...STATEFUL_TYPES, 'AWS::CloudTrail::Trail', 'AWS::Athena::WorkGroup'];

const HARMFUL = new Set<ResourceImpact>([
  ResourceImpact.WILL_REPLACE,
  ResourceImpact.MAY_REPLACE,
  ResourceImpact.WILL_DESTROY,
  ResourceImpact.WILL_ORPHAN,
]);

/**
 * What deploying `after` over `before` does to stateful resources, as the cdk CLI's diff engine decides it from the
 * CloudFormation resource specification (which property changes replace a resource): one line per resource that
 * would be replaced, destroyed or orphaned, e.g. `TrailLogArchiveBucket00D019D6 AWS::S3::Bucket WILL_REPLACE`.
 */
export function statefulHarm(before: any, after: any): string[] {
  const diff = fullDiff(before, after);
  const harm: string[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    const type = change.oldResourceType ?? change.newResourceType;
    if (type && WATCHED_TYPES.includes(type) && HARMFUL.has(change.changeImpact)) harm.push(`${logicalId} ${type} ${change.changeImpact}`);
  });
  return harm.sort();
}
