import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LakeEventDataStoreOptions } from './lake-event-data-store';

/**
 * Options for the query-ready logs of a trail: what an {@link OrganizationTrail} accepts as `analytics`.
 */
export interface TrailAnalyticsOptions {
  /**
   * Name of the Glue database: lowercase letters, digits and underscores, unique in the account and Region.
   *
   * @default - a name unique to this construct's path, in lowercase
   * @see https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html
   */
  readonly databaseName?: string;

  /**
   * Name of the Glue table over the log files: lowercase letters, digits and underscores.
   *
   * @default "cloudtrail_logs"
   */
  readonly tableName?: string;

  /**
   * Name of the Athena workgroup: 1 to 128 letters, digits, periods, underscores or hyphens.
   *
   * @default - a name unique to this construct's path
   */
  readonly workGroupName?: string;

  /**
   * The accounts the table projects, as 12-digit ids. Athena then reads every listed account unless a query names
   * one. Keep the list to a few dozen accounts (Athena's advice for enumerated projections).
   *
   * @default - accounts are injected: every query names the account it reads (`account = '111122223333'`), which
   * suits organizations of any size and accounts created later
   * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-dynamic-id-partitioning.html
   */
  readonly accountIds?: string[];

  /**
   * The Regions the table projects. Events of a Region missing here cannot be queried.
   *
   * @default - every Region of the stack's partition that this library knows (34 commercial Regions, the two
   * AWS GovCloud (US) Regions or the two China Regions); Regions launched later must be added here
   * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
   */
  readonly regions?: string[];

  /**
   * The first day the table projects, as `YYYY-MM-DD`; the last is always today. Not later than today.
   *
   * @default "2020-01-01"
   */
  readonly projectionStartDate?: string;

  /**
   * How long Athena query results stay in the results bucket.
   *
   * @default Duration.days(30)
   */
  readonly queryResultsExpiration?: Duration;

  /**
   * The most data one query may scan, in bytes (at least 10 MB): a guard against a query without a day range.
   *
   * @default - no limit
   * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html
   */
  readonly bytesScannedCutoffPerQuery?: number;

  /**
   * A CloudTrail Lake event data store for the organization, for organizations that already use CloudTrail Lake
   * (AWS closed it to new customers on 2026-05-31).
   *
   * @default - no event data store
   */
  readonly lake?: LakeEventDataStoreOptions;

  /**
   * What happens to the Glue database and table, the workgroup, the results bucket and its key when they leave the
   * stack.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
}
