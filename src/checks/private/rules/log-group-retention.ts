import { literalString } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';

/** A year, the least CIS-aligned retention AWS Config's cw-loggroup-retention-period-check accepts by default. */
const MINIMUM_DAYS = 365;

export const LOG_GROUP_RETENTION: CheckRule = {
  id: 'LogGroupRetention',
  subject: 'logGroup',
  controls: 'Security Hub CloudWatch.16; AWS Config cw-loggroup-retention-period-check (365 days); Control Tower CT.CLOUDWATCH.PR.2',
  description: "The trail's log group keeps events for at least a year, or never expires them.",
  fix: 'Set RetentionInDays to 365 or more, or leave it unset (logs.LogGroup: retention RetentionDays.ONE_YEAR or longer).',
  check(logGroup) {
    const retention = logGroup.properties.RetentionInDays;
    if (retention === undefined) return { status: 'compliant' };
    const days = Number(literalString(retention));
    if (Number.isNaN(days)) return unknown('RetentionInDays', 'RetentionInDays is a deploy-time value');
    return compliantIf(days >= MINIMUM_DAYS, 'RetentionInDays');
  },
};
