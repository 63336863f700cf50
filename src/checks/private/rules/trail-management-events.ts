import { UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';
import { managementEvents } from '../event-selectors';

export const TRAIL_MANAGEMENT_EVENTS: CheckRule = {
  id: 'TrailManagementEvents',
  subject: 'trail',
  controls: 'CIS v5.0 3.1 (v6.0 4.1); Security Hub CloudTrail.1 (read and write, no excluded sources)',
  description: 'The trail records read and write management events from every event source (no ExcludeManagementEventSources, no eventSource field selector).',
  fix: 'Record management events with ReadWriteType All and no excluded sources (cloudtrail.Trail: managementEvents ReadWriteType.ALL, no excluded management event sources).',
  check(trail) {
    const coverage = managementEvents(trail);
    const property = trail.properties.AdvancedEventSelectors !== undefined ? 'AdvancedEventSelectors' : 'EventSelectors';
    if (coverage === UNKNOWN) return unknown(property, 'the event selectors hold deploy-time values');
    return compliantIf(coverage.allRead && coverage.allWrite, property);
  },
};
