/**
 * The API calls that can blind, shorten or silence the audit trail, per kind of resource they act on, as CloudTrail
 * names them (`eventSource`, `eventName`). The one list that the tamper rule, the forwarding rules and the saved
 * investigations are derived from, so that what is detected, forwarded and investigated never drifts apart.
 *
 * Deleting log files one by one (`DeleteObject`, `DeleteObjects`) is an S3 data event: EventBridge and the log group
 * see it only when a trail records data events on the log bucket, which this library leaves out (each delivery would
 * be logged again). Versioning, Object Lock and the calls below, which change them, are what protect the files.
 */
export interface TamperCalls {
  /** The service endpoint CloudTrail records as `eventSource`. */
  readonly eventSource: string;
  /** The calls, as CloudTrail records them in `eventName`. */
  readonly eventNames: readonly string[];
  /**
   * The IAM actions that authorize each call, where a guardrail denies it: calls share actions (S3 authorizes
   * `DeleteBucketLifecycle` with `s3:PutLifecycleConfiguration`), and a call may need several (deleting a version
   * needs `s3:DeleteObjectVersion`).
   */
  readonly iamActions?: Readonly<Record<string, readonly string[]>>;
}

/** The kinds of resource the catalogue lists calls for. */
export type TamperKind = 'trail' | 'eventDataStore' | 'bucket' | 'logFiles' | 'key' | 'logGroup' | 'alarm' | 'topic' | 'organizationMembership';

export const TAMPER_CALLS: Readonly<Record<TamperKind, TamperCalls>> = {
  /** Stop, delete or narrow a trail: what it records, and whether it records at all. */
  trail: {
    eventSource: 'cloudtrail.amazonaws.com',
    eventNames: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
  },
  /** Stop, narrow or delete a CloudTrail Lake event data store. */
  eventDataStore: {
    eventSource: 'cloudtrail.amazonaws.com',
    eventNames: ['StopEventDataStoreIngestion', 'UpdateEventDataStore', 'DeleteEventDataStore'],
  },
  /**
   * Delete or empty the log bucket, or change who may read or delete its files, how long they live, and how they
   * are versioned, locked, encrypted, owned, replicated or logged. `PutBucketLifecycle` is how CloudTrail names
   * `PutBucketLifecycleConfiguration`.
   */
  bucket: {
    eventSource: 's3.amazonaws.com',
    eventNames: [
      'DeleteBucket',
      'PutBucketPolicy',
      'DeleteBucketPolicy',
      'PutBucketAcl',
      'PutBucketLifecycle',
      'DeleteBucketLifecycle',
      'PutBucketVersioning',
      'PutObjectLockConfiguration',
      'PutBucketEncryption',
      'DeleteBucketEncryption',
      'PutBucketOwnershipControls',
      'DeleteBucketOwnershipControls',
      'PutBucketPublicAccessBlock',
      'DeleteBucketPublicAccessBlock',
      'PutBucketReplication',
      'DeleteBucketReplication',
      'PutBucketLogging',
    ],
    iamActions: {
      DeleteBucket: ['s3:DeleteBucket'],
      PutBucketPolicy: ['s3:PutBucketPolicy'],
      DeleteBucketPolicy: ['s3:DeleteBucketPolicy'],
      PutBucketAcl: ['s3:PutBucketAcl'],
      PutBucketLifecycle: ['s3:PutLifecycleConfiguration'],
      DeleteBucketLifecycle: ['s3:PutLifecycleConfiguration'],
      PutBucketVersioning: ['s3:PutBucketVersioning'],
      PutObjectLockConfiguration: ['s3:PutBucketObjectLockConfiguration'],
      PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
      DeleteBucketEncryption: ['s3:PutEncryptionConfiguration'],
      PutBucketOwnershipControls: ['s3:PutBucketOwnershipControls'],
      DeleteBucketOwnershipControls: ['s3:PutBucketOwnershipControls'],
      PutBucketPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
      DeleteBucketPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
      PutBucketReplication: ['s3:PutReplicationConfiguration'],
      DeleteBucketReplication: ['s3:PutReplicationConfiguration'],
      PutBucketLogging: ['s3:PutBucketLogging'],
    },
  },
  /**
   * Delete log files, or shorten how long Object Lock keeps them. S3 data events: seen only by a trail that records
   * data events on the log bucket, which this library leaves out; so they are prevented by the guardrails, not
   * detected by the tamper rule.
   */
  logFiles: {
    eventSource: 's3.amazonaws.com',
    eventNames: ['DeleteObject', 'DeleteObjects', 'PutObjectRetention'],
    iamActions: {
      DeleteObject: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      DeleteObjects: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      PutObjectRetention: ['s3:PutObjectRetention', 's3:BypassGovernanceRetention'],
    },
  },
  /** Make the key unusable, or change who may use it: the log files cannot be read without it. */
  key: {
    eventSource: 'kms.amazonaws.com',
    eventNames: ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy', 'CreateGrant', 'DisableKeyRotation'],
    iamActions: {
      DisableKey: ['kms:DisableKey'],
      ScheduleKeyDeletion: ['kms:ScheduleKeyDeletion'],
      PutKeyPolicy: ['kms:PutKeyPolicy'],
      CreateGrant: ['kms:CreateGrant'],
      DisableKeyRotation: ['kms:DisableKeyRotation'],
    },
  },
  /** Delete the log group or what the alarms and retention depend on. */
  logGroup: {
    eventSource: 'logs.amazonaws.com',
    eventNames: [
      'DeleteLogGroup',
      'PutRetentionPolicy',
      'DeleteRetentionPolicy',
      'DisassociateKmsKey',
      'PutMetricFilter',
      'DeleteMetricFilter',
      'DeleteSubscriptionFilter',
    ],
  },
  /** Delete the alarms, or stop them from notifying (`PutMetricAlarm` can overwrite one with its actions off). */
  alarm: {
    eventSource: 'monitoring.amazonaws.com',
    eventNames: ['DeleteAlarms', 'DisableAlarmActions', 'PutMetricAlarm'],
  },
  /** Delete the alarm topic, change who may publish to it, or drop its subscriptions. */
  topic: {
    eventSource: 'sns.amazonaws.com',
    eventNames: ['DeleteTopic', 'SetTopicAttributes', 'RemovePermission', 'Unsubscribe'],
  },
  /** An account leaving the organization leaves the organization trail with it. */
  organizationMembership: {
    eventSource: 'organizations.amazonaws.com',
    eventNames: ['LeaveOrganization'],
    iamActions: { LeaveOrganization: ['organizations:LeaveOrganization'] },
  },
};
