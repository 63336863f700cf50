import { ALARM_TOPIC_KEY } from './alarm-topic-key';
import { BUCKET_ACCESS_LOGGING } from './bucket-access-logging';
import { BUCKET_CLOUDTRAIL_SOURCE_ARN } from './bucket-cloudtrail-source-arn';
import { BUCKET_LIFECYCLE } from './bucket-lifecycle';
import { BUCKET_NO_PUBLIC_ALLOW } from './bucket-no-public-allow';
import { BUCKET_OWNERSHIP_ENFORCED } from './bucket-ownership-enforced';
import { BUCKET_PUBLIC_ACCESS_BLOCKED } from './bucket-public-access-blocked';
import { BUCKET_TLS_ONLY } from './bucket-tls-only';
import { BUCKET_VERSIONED } from './bucket-versioned';
import { KEY_BUCKET_KEY_DECRYPT } from './key-bucket-key-decrypt';
import { KEY_CLOUDTRAIL_CONDITIONS } from './key-cloudtrail-conditions';
import { KEY_ROTATION } from './key-rotation';
import { LOG_GROUP_ENCRYPTED } from './log-group-encrypted';
import { LOG_GROUP_RETENTION } from './log-group-retention';
import { LOG_GROUP_SECURITY_HUB_ALARMS } from './log-group-security-hub-alarms';
import { TRAIL_CLOUDWATCH_LOGS } from './trail-cloudwatch-logs';
import { TRAIL_DELIVERY_CHAIN_IN_APP } from './trail-delivery-chain-in-app';
import { TRAIL_ENCRYPTED } from './trail-encrypted';
import { TRAIL_INSIGHTS_PREREQUISITES } from './trail-insights-prerequisites';
import { TRAIL_LOG_FILE_VALIDATION } from './trail-log-file-validation';
import { TRAIL_MANAGEMENT_EVENTS } from './trail-management-events';
import { TRAIL_MULTI_REGION } from './trail-multi-region';
import { TRAIL_S3_DATA_EVENTS_EXCLUDE_TRAIL_BUCKETS } from './trail-s3-data-events-exclude-trail-buckets';
import { CheckRule } from '../check-rule';

/** The pack's rules, in the order of the delivery chain: trail, bucket, key, log group and its alarms. */
export const RULES: CheckRule[] = [
  TRAIL_MULTI_REGION,
  TRAIL_MANAGEMENT_EVENTS,
  TRAIL_LOG_FILE_VALIDATION,
  TRAIL_ENCRYPTED,
  TRAIL_CLOUDWATCH_LOGS,
  TRAIL_S3_DATA_EVENTS_EXCLUDE_TRAIL_BUCKETS,
  TRAIL_INSIGHTS_PREREQUISITES,
  TRAIL_DELIVERY_CHAIN_IN_APP,
  BUCKET_PUBLIC_ACCESS_BLOCKED,
  BUCKET_TLS_ONLY,
  BUCKET_VERSIONED,
  BUCKET_OWNERSHIP_ENFORCED,
  BUCKET_ACCESS_LOGGING,
  BUCKET_LIFECYCLE,
  BUCKET_CLOUDTRAIL_SOURCE_ARN,
  BUCKET_NO_PUBLIC_ALLOW,
  KEY_ROTATION,
  KEY_CLOUDTRAIL_CONDITIONS,
  KEY_BUCKET_KEY_DECRYPT,
  LOG_GROUP_ENCRYPTED,
  LOG_GROUP_RETENTION,
  LOG_GROUP_SECURITY_HUB_ALARMS,
  ALARM_TOPIC_KEY,
];
