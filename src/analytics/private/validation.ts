import { Duration } from 'aws-cdk-lib';
import { ANALYTICS_LIMITS } from '../../private/limits';
import { Problems, isResolved } from '../../private/validation';
import type { LakeEventDataStoreOptions } from '../lake-event-data-store';

export function validateGlueName(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value) || ANALYTICS_LIMITS.glueNamePattern.test(value)) return;
  problems.add(
    prop,
    value,
    'is not a name Athena can query without quoting',
    'Use 1 to 255 lowercase letters, digits or underscores, e.g. "cloudtrail_logs".',
  );
}

export function validateWorkGroupName(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value) || ANALYTICS_LIMITS.workGroupNamePattern.test(value)) return;
  problems.add(
    prop,
    value,
    'is not a valid Athena workgroup name',
    'Use 1 to 128 letters, digits, periods, underscores or hyphens.',
  );
}

export function validateAccountIds(problems: Problems, prop: string, values: string[] | undefined): void {
  if (values === undefined || !isResolved(values)) return;
  if (values.length === 0) {
    problems.add(prop, values, 'lists no account', 'Leave it out to name the account in each query, or list the account ids to project.');
    return;
  }
  const bad = values.filter((v) => isResolved(v) && !ANALYTICS_LIMITS.accountIdPattern.test(v));
  if (bad.length > 0) {
    problems.add(prop, bad, 'are not AWS account ids', 'Give each account id as its 12 digits, e.g. "111122223333".');
  }
}

export function validateRegions(problems: Problems, prop: string, values: string[] | undefined): void {
  if (values === undefined || !isResolved(values)) return;
  if (values.length === 0) {
    problems.add(prop, values, 'lists no Region', 'Leave it out to project every Region of the partition, or list the Regions.');
    return;
  }
  const bad = values.filter((v) => isResolved(v) && !ANALYTICS_LIMITS.regionPattern.test(v));
  if (bad.length > 0) {
    problems.add(prop, bad, 'are not AWS Region names', 'Use Region codes such as "us-east-1" or "eu-central-1".');
  }
}

/**
 * Checks a `YYYY-MM-DD` date that must not lie after `today`; returns it as `yyyy/MM/dd`, the form of CloudTrail's
 * S3 keys, or undefined when it is a token or invalid.
 */
export function validateStartDate(problems: Problems, prop: string, value: string, today: Date): string | undefined {
  if (!isResolved(value)) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
  if (!match || !date || date.getUTCFullYear() !== +match[1] || date.getUTCMonth() !== +match[2] - 1 || date.getUTCDate() !== +match[3]) {
    problems.add(prop, value, 'is not a date in the form YYYY-MM-DD', 'Give the first day to project, e.g. "2024-01-01".');
    return undefined;
  }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) {
    problems.add(
      prop,
      value,
      'lies in the future, so the table would project no day until then',
      'Use the day the trail started logging, or an earlier day.',
    );
    return undefined;
  }
  return `${match[1]}/${match[2]}/${match[3]}`;
}

export function validateEventDataStoreName(problems: Problems, prop: string, value: string | undefined): void {
  if (value === undefined || !isResolved(value) || ANALYTICS_LIMITS.eventDataStoreNamePattern.test(value)) return;
  problems.add(
    prop,
    value,
    'is not a valid event data store name',
    'Use 3 to 128 letters, digits, periods, underscores or hyphens.',
  );
}

/** Checks the retention of an event data store against the range of its billing mode. */
export function validateLakeRetention(problems: Problems, prop: string, value: Duration | undefined, billingMode: string): void {
  if (value === undefined || value.isUnresolved()) return;
  const min = ANALYTICS_LIMITS.lakeMinRetentionDays;
  const max = ANALYTICS_LIMITS.lakeMaxRetentionDays[billingMode];
  const days = value.toDays({ integral: false });
  if (!Number.isInteger(days) || days < min || (max !== undefined && days > max)) {
    problems.add(
      prop,
      value,
      `must be a whole number of days from ${min} to ${max} with ${billingMode}`,
      `Use Duration.days(n) with ${min} <= n <= ${max}${billingMode === 'FIXED_RETENTION_PRICING' ? ', or choose EXTENDABLE_RETENTION_PRICING (up to 3653 days)' : ''}.`,
    );
  }
}

/** Checks the options of an event data store; `prefix` names where they were given, e.g. `lake.`. */
export function validateLakeOptions(problems: Problems, options: LakeEventDataStoreOptions, prefix = ''): void {
  const billingMode = options.billingMode ?? 'EXTENDABLE_RETENTION_PRICING';
  validateEventDataStoreName(problems, `${prefix}eventDataStoreName`, options.eventDataStoreName);
  validateLakeRetention(problems, `${prefix}retention`, options.retention, billingMode);
}
