import * as iam from 'aws-cdk-lib/aws-iam';
import { logFilesPrefix } from './arns';
import { isResolved } from './validation';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/** What a log archive needs to know about a trail to let it, and only it, deliver. */
export interface TrailIdentity {
  /** ARN of the trail, for `aws:SourceArn`. */
  readonly trailArn: string;
  /** The account that owns the trail: the organization's management account. */
  readonly accountId: string;
  readonly organizationId: string;
  readonly s3KeyPrefix?: string;
}

/**
 * The bucket-policy statements CloudTrail needs for an organization trail: the ACL check, the management-account path
 * (used if the trail ever stops being an organization trail) and the organization path, each limited to this trail
 * (`aws:SourceArn`, which names the management account), the organization path also to the organization
 * (`aws:SourceOrgID`).
 */
export function cloudTrailBucketStatements(bucketArn: string, trail: TrailIdentity, sidSuffix = ''): iam.PolicyStatement[] {
  const principals = [new iam.ServicePrincipal(CLOUDTRAIL)];
  const thisTrail = { 'aws:SourceArn': trail.trailArn };
  const write = (sid: string, owner: string, extra: Record<string, string> = {}) =>
    new iam.PolicyStatement({
      sid: `${sid}${sidSuffix}`,
      principals,
      actions: ['s3:PutObject'],
      resources: [`${bucketArn}/${logFilesPrefix(trail.s3KeyPrefix, owner)}*`],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...thisTrail, ...extra } },
    });
  return [
    new iam.PolicyStatement({
      sid: `CloudTrailAclCheck${sidSuffix}`,
      principals,
      actions: ['s3:GetBucketAcl'],
      resources: [bucketArn],
      conditions: { StringEquals: thisTrail },
    }),
    write('CloudTrailAccountWrite', trail.accountId),
    // The organization's path is written only on behalf of that organization.
    write('CloudTrailOrganizationWrite', trail.organizationId, { 'aws:SourceOrgID': trail.organizationId }),
  ];
}

/**
 * The key-policy statements CloudTrail needs to encrypt log files: `GenerateDataKey*` only in the encryption context
 * of the owner's trails and only for this trail; `Decrypt` (the log bucket uses an S3 Bucket Key) and `DescribeKey`
 * for this trail.
 */
export function cloudTrailKeyStatements(trail: TrailIdentity, ownerTrailsArn: string, sidSuffix = ''): iam.PolicyStatement[] {
  const thisTrail = { 'aws:SourceArn': trail.trailArn };
  const statement = (sid: string, action: string, conditions: Record<string, Record<string, string>>) =>
    new iam.PolicyStatement({
      sid: `${sid}${sidSuffix}`,
      principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
      actions: [action],
      resources: ['*'],
      conditions,
    });
  return [
    statement('CloudTrailEncryptLogs', 'kms:GenerateDataKey*', {
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ownerTrailsArn },
      StringEquals: thisTrail,
    }),
    // With an S3 Bucket Key on the log bucket, CloudTrail needs Decrypt to create or update the trail (CloudTrail User
    // Guide, "Configure AWS KMS key policies for CloudTrail"). AWS's example has no condition; which encryption context
    // that call carries is not documented, so only the trail is pinned, as AWS recommends for every CloudTrail statement.
    statement('CloudTrailDecryptWithBucketKey', 'kms:Decrypt', { StringEquals: thisTrail }),
    statement('CloudTrailDescribeKey', 'kms:DescribeKey', { StringEquals: thisTrail }),
  ];
}

/**
 * CloudWatch Logs' regional service principals. The CloudWatch Logs guide shows only `logs.<region>.amazonaws.com`;
 * for the China Regions no AWS page settles whether the `.amazonaws.com.cn` form is also used (aws-cdk-lib's region
 * facts used that form there), so both are named: a principal that does not exist grants nothing.
 */
function cloudWatchLogsPrincipals(region: string): iam.IPrincipal[] {
  const names = [`logs.${region}.amazonaws.com`];
  // The China Regions are the ones named cn-*. (RegionInfo would say so too, but loading its fact table on first use
  // costs about 70 ms, a fifth of a whole synthesis of the default trail.)
  if (isResolved(region) && region.startsWith('cn-')) names.push(`logs.${region}.amazonaws.com.cn`);
  return names.map((name) => new iam.ServicePrincipal(name));
}

/** Lets CloudWatch Logs in `region` use the key for one log group only. */
export function cloudWatchLogsKeyStatement(region: string, logGroupArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'CloudWatchLogsEncryptLogGroup',
    principals: cloudWatchLogsPrincipals(region),
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    resources: ['*'],
    conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
  });
}

/**
 * Denies grants that are not for an AWS service acting on an AWS resource (Control Tower CT.KMS.PR.3): nobody can
 * hand the key to a principal outside its policy, while S3 Bucket Keys and CloudWatch Logs keep working.
 */
export function denyCreateGrantStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyCreateGrantUnlessForAwsResource',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * Lets S3 server access logging of `sourceBucketArn` write under `prefix` of the access-log bucket. Each source
 * bucket of one access-log bucket needs its own `sid`.
 */
export function serverAccessLogsStatement(
  accessLogsBucketArn: string,
  prefix: string,
  sourceBucketArn: string,
  accountId: string,
  sid = 'S3ServerAccessLogsDelivery',
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [`${accessLogsBucketArn}/${prefix}*`],
    conditions: {
      ArnLike: { 'aws:SourceArn': sourceBucketArn },
      StringEquals: { 'aws:SourceAccount': accountId },
    },
  });
}

/**
 * The log streams of an organization trail: the management account's, in the trail's home Region, and every member
 * account's (named `<org-id>_...`).
 */
export function organizationTrailLogStreams(logGroupArn: string, accountId: string, region: string, organizationId: string): string[] {
  return [
    `${logGroupArn}:log-stream:${accountId}_CloudTrail_${region}*`,
    `${logGroupArn}:log-stream:${organizationId}_*`,
  ];
}

/** What the CloudTrail delivery role may do: create and write the given log streams. */
export function logDeliveryStatements(streams: string[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'CloudTrailCreateLogStream', actions: ['logs:CreateLogStream'], resources: streams }),
    new iam.PolicyStatement({ sid: 'CloudTrailPutLogEvents', actions: ['logs:PutLogEvents'], resources: streams }),
  ];
}

const CLOUDWATCH = 'cloudwatch.amazonaws.com';
const EVENTBRIDGE = 'events.amazonaws.com';
const TOPIC_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*'];

/** Only alarms of this account and Region: the confused-deputy conditions CloudWatch supports. */
function fromAccountAlarms(accountId: string, alarmsArn: string): Record<string, Record<string, string>> {
  return { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': alarmsArn } };
}

/**
 * Lets CloudWatch alarms of this account publish to a topic encrypted with the key. Without it, CloudWatch cannot
 * encrypt the message and drops every notification without a trace.
 */
export function cloudWatchAlarmsKeyStatement(accountId: string, alarmsArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'CloudWatchAlarmsEncryptNotifications',
    principals: [new iam.ServicePrincipal(CLOUDWATCH)],
    actions: TOPIC_KEY_ACTIONS,
    resources: ['*'],
    conditions: fromAccountAlarms(accountId, alarmsArn),
  });
}

/**
 * Lets EventBridge rules publish to a topic encrypted with the key. SNS documents that `aws:SourceAccount`,
 * `aws:SourceArn` and `aws:SourceOrgID` are not supported for EventBridge in a key policy: the topic policy
 * carries the rule's ARN instead, and the key encrypts nothing but the alarm topic.
 */
export function eventBridgeKeyStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'EventBridgeEncryptNotifications',
    principals: [new iam.ServicePrincipal(EVENTBRIDGE)],
    actions: TOPIC_KEY_ACTIONS,
    resources: ['*'],
  });
}

/** Lets CloudWatch alarms of this account, and nothing else through CloudWatch, publish to the topic. */
export function cloudWatchAlarmsTopicPublishStatement(topicArn: string, accountId: string, alarmsArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'CloudWatchAlarmsPublish',
    principals: [new iam.ServicePrincipal(CLOUDWATCH)],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: fromAccountAlarms(accountId, alarmsArn),
  });
}

/** Lets one EventBridge rule publish to the topic. */
export function eventBridgeTopicPublishStatement(topicArn: string, ruleArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'TamperDetectionRulePublish',
    principals: [new iam.ServicePrincipal(EVENTBRIDGE)],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: { ArnEquals: { 'aws:SourceArn': ruleArn } },
  });
}
