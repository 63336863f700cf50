import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { DataEvent } from './data-event';
import { InsightEventCategory } from './insight-event-category';
import { NetworkActivityEvent } from './network-activity-event';

/**
 * What a trail logs: management events, data events, network activity events and Insights events. The trail
 * renders advanced event selectors only (CloudFormation rejects a trail with both basic and advanced selectors).
 */
export interface EventSelectionOptions {
  /**
   * Which management events (control-plane operations such as `CreateBucket` or `AttachRolePolicy`) the trail logs.
   * Always rendered as an explicit advanced event selector, so the template states what is logged.
   * CIS 3.1 and Security Hub CloudTrail.1 require `ALL`. `NONE` makes a trail of data or network activity events
   * only, e.g. beside an AWS Control Tower trail that already logs management events.
   *
   * @default cloudtrail.ReadWriteType.ALL
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
   */
  readonly managementEvents?: cloudtrail.ReadWriteType;

  /**
   * Management event sources to leave out (`eventSource` NotEquals), to save the volume of AWS KMS or RDS Data API
   * events. Security Hub CloudTrail.1 and the AWS Config rule `cloudtrail-security-trail-enabled` then fail: a
   * warning says so.
   *
   * @default - no source is left out
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html#logging-management-events-exclude-kms
   */
  readonly excludeManagementEventSources?: cloudtrail.ManagementEventSources[];

  /**
   * Data events to log, e.g. `DataEvent.s3Objects([bucket])`; more can be added with `addDataEvents`.
   *
   * @default - no data events
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
   */
  readonly dataEvents?: DataEvent[];

  /**
   * Network activity events to log: calls through VPC endpoints, e.g. `NetworkActivityEvent.of('kms.amazonaws.com')`;
   * more can be added with `addNetworkActivityEvents`.
   *
   * @default - no network activity events
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
   */
  readonly networkActivityEvents?: NetworkActivityEvent[];

  /**
   * The CloudTrail Insights to turn on: unusual API call rates or API error rates. Insights are billed per event
   * analysed. API call rate Insights on management events need write management events; API error rate Insights
   * need read or write management events.
   *
   * @default - no Insights
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html
   */
  readonly insightTypes?: cloudtrail.InsightType[];

  /**
   * The events every Insights type in `insightTypes` analyses. Insights on data events need data events.
   *
   * @default [InsightEventCategory.MANAGEMENT]
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_InsightSelector.html
   */
  readonly insightEventCategories?: InsightEventCategory[];
}
