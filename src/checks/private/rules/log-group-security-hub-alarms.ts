import { SecurityAlarmRule } from '../../../alarms';
import { literalBoolean, literalString } from '../app-templates';
import { CheckRule, COMPLIANT, Verdict } from '../check-rule';
import { asList } from '../policy-statements';

export const LOG_GROUP_SECURITY_HUB_ALARMS: CheckRule = {
  id: 'LogGroupSecurityHubAlarms',
  subject: 'logGroup',
  controls: 'Security Hub CloudWatch.1-14; CIS v1.4 4.1-4.14 (v6.0 section 5)',
  description: "The trail's log group has, for each of Security Hub's CloudWatch.1-14, a metric filter whose pattern is the published text byte for byte, and an alarm on that filter's metric with an enabled alarm action. Security Hub compares the text exactly: an equivalent pattern fails it. A finding names each control that is not met.",
  fix: 'Add the missing metric filters with the published patterns and alarms with an SNS action (this library: SecurityAlarms with SecurityAlarmRule.SECURITY_HUB_AND_CIS, the OrganizationTrail default).',
  check(logGroup, chains): Verdict {
    const filters = chains.metricFilters(logGroup);
    const missing = SecurityAlarmRule.SECURITY_HUB.filter((rule) => {
      const published = rule.filterPattern.logPatternString;
      return !filters.some((filter) =>
        literalString(filter.properties.FilterPattern) === published &&
        chains.alarmsOn(filter).some((alarm) =>
          asList(alarm.properties.AlarmActions).length > 0 && literalBoolean(alarm.properties.ActionsEnabled) !== false));
    });
    if (missing.length === 0) return COMPLIANT;
    return { status: 'nonCompliant', findings: missing.map((rule) => ({ property: 'Properties', id: rule.securityHubControlId })) };
  },
};
