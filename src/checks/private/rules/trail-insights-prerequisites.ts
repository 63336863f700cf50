import { isObject, literalString, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, NOT_APPLICABLE, unknown } from '../check-rule';
import { managementEvents, recordsDataEvents } from '../event-selectors';
import { asList } from '../policy-statements';

export const TRAIL_INSIGHTS_PREREQUISITES: CheckRule = {
  id: 'TrailInsightsPrerequisites',
  subject: 'trail',
  controls: 'CloudTrail Insights prerequisites (CloudTrail User Guide, "Working with CloudTrail Insights")',
  description: 'A trail with Insights records what they analyse: API call rate Insights need write management events, API error rate Insights read or write ones, Insights on data events some data events.',
  fix: 'Record the management (or data) events the Insights types analyse, or remove the Insights types the trail cannot feed.',
  check(trail) {
    const selectors = asList(trail.properties.InsightSelectors);
    if (selectors.length === 0) return NOT_APPLICABLE;
    const coverage = managementEvents(trail);
    if (coverage === UNKNOWN) return unknown('InsightSelectors', 'the event selectors hold deploy-time values');
    const fed = selectors.every((selector) => {
      if (!isObject(selector)) return false;
      const type = literalString(selector.InsightType);
      const categories = asList(selector.EventCategories).map(literalString);
      const onManagement = categories.length === 0 || categories.includes('Management');
      const onData = categories.includes('Data');
      const managementFed = !onManagement || (type === 'ApiCallRateInsight' ? coverage.someWrite : coverage.someRead || coverage.someWrite);
      return managementFed && (!onData || recordsDataEvents(trail));
    });
    return compliantIf(fed, 'InsightSelectors');
  },
};
