import { Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OrganizationTrail, SecurityAlarmRule, SecurityAlarms } from '../src';
import { ENV, ORG_ID } from './util';

/**
 * The configurations every validator must pass with zero unacknowledged findings. Each builds one stack; features
 * add their options to `everything` (or a configuration of their own) so that the validators see them.
 */
export const CONFIGURATIONS: Record<string, (scope: Construct, id: string) => Stack> = {
  /** What a user writes first. */
  defaults: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    return stack;
  },

  /** Every option turned away from its default. */
  everything: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      trailName: 'org-trail',
      s3KeyPrefix: 'org/logs',
      cloudWatchLogsRetention: logs.RetentionDays.FIVE_YEARS,
      logBucket: {
        transitionToInfrequentAccessAfter: Duration.days(30),
        transitionToGlacierAfter: Duration.days(180),
        expiration: Duration.days(3650),
        noncurrentVersionExpiration: Duration.days(90),
      },
      alarms: {
        rules: SecurityAlarmRule.RECOMMENDED,
        overrides: [
          { rule: SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES, threshold: 5, period: Duration.minutes(15) },
          { rule: SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED, evaluationPeriods: 2 },
        ],
        emailSubscriptions: ['secops@example.com'],
        heartbeat: { period: Duration.minutes(30) },
        dashboard: true,
      },
    });
    return stack;
  },

  /** Security alarms on a log group the app does not own, such as Control Tower's. */
  controlTowerAlarms: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTowerLogs', 'aws-controltower/CloudTrailLogs');
    new SecurityAlarms(stack, 'Alarms', {
      logGroup,
      rules: [...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS],
      emailSubscriptions: ['secops@example.com'],
    });
    return stack;
  },

  /** A key and a bucket of the user's own, in the same app. */
  bringYourOwn: (scope, id) => {
    const stack = new Stack(scope, id, { env: ENV });
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'Bucket', {
      encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
    });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, bucket, encryptionKey });
    return stack;
  },
};
