import { literalBoolean, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';

export const TRAIL_MULTI_REGION: CheckRule = {
  id: 'TrailMultiRegion',
  subject: 'trail',
  controls: 'CIS v5.0 3.1 (v6.0 4.1); Security Hub CloudTrail.1; AWS Config multi-region-cloudtrail-enabled',
  description: 'The trail records every Region, with the events of global services (IAM, STS, CloudFront).',
  fix: 'Set IsMultiRegionTrail to true and leave IncludeGlobalServiceEvents unset or true (cloudtrail.Trail: isMultiRegionTrail and includeGlobalServiceEvents, both true by default).',
  check(trail) {
    const multiRegion = literalBoolean(trail.properties.IsMultiRegionTrail);
    // CloudTrail includes global service events unless told not to, and refuses a multi-Region trail without them.
    const globalEvents = literalBoolean(trail.properties.IncludeGlobalServiceEvents) ?? true;
    if (multiRegion === UNKNOWN) return unknown('IsMultiRegionTrail', 'IsMultiRegionTrail is a deploy-time value');
    if (globalEvents === UNKNOWN) return unknown('IncludeGlobalServiceEvents', 'IncludeGlobalServiceEvents is a deploy-time value');
    return multiRegion !== true ? compliantIf(false, 'IsMultiRegionTrail') : compliantIf(globalEvents, 'IncludeGlobalServiceEvents');
  },
};
