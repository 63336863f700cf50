import { CheckRule, compliantIf } from '../check-rule';

export const TRAIL_CLOUDWATCH_LOGS: CheckRule = {
  id: 'TrailCloudWatchLogs',
  subject: 'trail',
  controls: 'CIS v1.4 3.4 (the metric filters of every CIS version need it); Security Hub CloudTrail.5; Control Tower CT.CLOUDTRAIL.PR.3',
  description: 'The trail delivers its events to a CloudWatch Logs log group through a role, so that metric filters and alarms can watch them.',
  fix: 'Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (cloudtrail.Trail: sendToCloudWatchLogs).',
  check(trail) {
    const missing = ['CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn'].filter((p) => trail.properties[p] === undefined);
    return compliantIf(missing.length === 0, ...missing);
  },
};
