import { Duration } from 'aws-cdk-lib';
import { ANALYTICS_DEFAULTS } from '../../core/defaults';
import { ANALYTICS_LIMITS } from '../../core/limits';
import { Problems, isResolved, validateRemovalPolicy, wholeDays } from '../../core/validation';
import type { LakeEventDataStoreOptions } from '../lake-event-data-store';
import type { TrailAnalyticsOptions } from '../trail-analytics-options';

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
  const selectors = options.advancedEventSelectors;
  if (selectors !== undefined && isResolved(selectors) && (selectors.length === 0 || selectors.length > ANALYTICS_LIMITS.lakeMaxSelectors)) {
    problems.add(
      `${prefix}advancedEventSelectors`,
      `${selectors.length} selectors`,
      `an event data store takes 1 to ${ANALYTICS_LIMITS.lakeMaxSelectors} advanced event selectors`,
      'Leave it out for every management event, or merge conditions into fewer selectors.',
    );
  }
  validateRemovalPolicy(problems, `${prefix}removalPolicy`, options.removalPolicy);
}

/** Athena refuses a per-query scan limit below 10 MB. */
const MIN_BYTES_SCANNED_CUTOFF = 10 * 1024 * 1024;

/**
 * Checks the options of query-ready logs; `prefix` names where they were given, e.g. `analytics.`. Returns the first
 * projected day as `yyyy/MM/dd`, or undefined when it is a token or invalid.
 */
export function validateTrailAnalyticsOptions(problems: Problems, options: TrailAnalyticsOptions, prefix = ''): string | undefined {
  validateGlueName(problems, `${prefix}databaseName`, options.databaseName);
  validateGlueName(problems, `${prefix}tableName`, options.tableName);
  validateWorkGroupName(problems, `${prefix}workGroupName`, options.workGroupName);
  validateAccountIds(problems, `${prefix}accountIds`, options.accountIds);
  validateRegions(problems, `${prefix}regions`, options.regions);
  const start = options.projectionStartDate ?? ANALYTICS_DEFAULTS.projectionStartDate;
  const startDay = validateStartDate(problems, `${prefix}projectionStartDate`, start, new Date());
  wholeDays(problems, `${prefix}queryResultsExpiration`, options.queryResultsExpiration);
  const cutoff = options.bytesScannedCutoffPerQuery;
  if (cutoff !== undefined && isResolved(cutoff) && (!Number.isInteger(cutoff) || cutoff < MIN_BYTES_SCANNED_CUTOFF)) {
    problems.add(
      `${prefix}bytesScannedCutoffPerQuery`,
      cutoff,
      `must be a whole number of bytes of at least ${MIN_BYTES_SCANNED_CUTOFF} (10 MB)`,
      'Use e.g. 10 * 1024 ** 3 for 10 GB, or leave it out for no limit.',
    );
  }
  validateRemovalPolicy(problems, `${prefix}removalPolicy`, options.removalPolicy);
  if (options.lake) validateLakeOptions(problems, options.lake, `${prefix}lake.`);
  return startDay;
}
