/**
 * The events CloudTrail Insights analyses to establish a baseline and detect unusual activity.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html
 */
export enum InsightEventCategory {
  /**
   * Management events. API call rate Insights analyse write management events, so the trail must log them; API
   * error rate Insights analyse read and write management events, so the trail must log at least one of the two.
   */
  MANAGEMENT = 'Management',
  /** Data events: the trail must log data events. */
  DATA = 'Data',
}
