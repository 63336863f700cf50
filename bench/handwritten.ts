import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';

/**
 * What a competent user writes without the library, with aws-cdk-lib's L2 constructs: the default OrganizationTrail's
 * resources with the same policies, names and descriptions (key and policy, log bucket and access-log bucket, bucket
 * policies, encrypted log group, delivery role, trail, encrypted topic, the Security Hub alarm rules, an alarm for
 * when delivery stops and an EventBridge rule for tampering). It does not load the library: the filter patterns are
 * the published Security Hub texts, copied as such a user would copy them from the documentation.
 */
export function handwrittenOrganizationTrail(stack: Stack, organizationId: string): void {
  const trailName = 'organization-trail';
  const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
  const logGroupName = `cloudtrail/${trailName}`;
  const fromTrail = { StringEquals: { 'aws:SourceArn': trailArn } };

  const key = new kms.Key(stack, 'TrailKey', {
    description: 'Encrypts AWS CloudTrail log files',
    enableKeyRotation: true,
    alias: `alias/cloudtrail/${trailName}`,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  denyGrantsToAnythingButAwsResources(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailEncryptLogs',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        ...fromTrail,
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }),
        },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailDescribeKey',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: fromTrail,
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }) } },
    }),
  );

  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: true,
    lifecycleRules: [
      {
        id: 'Expiration',
        expiration: Duration.days(2557),
        noncurrentVersionExpiration: Duration.days(365),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const bucket = new s3.Bucket(stack, 'TrailBucket', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: true,
    objectLockEnabled: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'trail-bucket/',
    lifecycleRules: [
      {
        id: 'TieringAndExpiration',
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(365) },
        ],
        expiration: Duration.days(2557),
        noncurrentVersionExpiration: Duration.days(365),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // EventBridge notifications on the L1: the L2 option deploys a Lambda-backed custom resource.
  for (const b of [accessLogs, bucket]) {
    (b.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyOutsideOrganization',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailAclCheck',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: fromTrail,
    }),
  );
  for (const [sid, prefix, orgCondition] of [
    ['CloudTrailAccountWrite', stack.account, {}],
    ['CloudTrailOrganizationWrite', organizationId, { 'aws:SourceOrgID': organizationId }],
  ] as const) {
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`AWSLogs/${prefix}/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn, ...orgCondition } },
      }),
    );
  }

  const logGroup = new logs.LogGroup(stack, 'TrailLogs', {
    logGroupName,
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  new cloudtrail.Trail(stack, 'Trail', {
    trailName,
    isOrganizationTrail: true,
    orgId: organizationId,
    bucket,
    encryptionKey: key,
    sendToCloudWatchLogs: true,
    cloudWatchLogGroup: logGroup,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableFileValidation: true,
  });

  const alarmArns = stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const fromAlarms = { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': alarmArns } };
  const topicKey = new kms.Key(stack, 'TopicKey', {
    description: 'Encrypts the CloudTrail security alarm notifications',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  denyGrantsToAnythingButAwsResources(topicKey);
  topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsEncryptNotifications',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: fromAlarms,
    }),
  );
  topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'EventBridgeEncryptNotifications',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  const topic = new sns.Topic(stack, 'AlarmTopic', { displayName: 'CloudTrail security alarms', masterKey: topicKey, enforceSSL: true });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: fromAlarms,
    }),
  );
  topic.addSubscription(new subscriptions.EmailSubscription('security-team@example.com'));
  const action = new actions.SnsAction(topic);

  for (const [id, { pattern, alsoCounted = [], description }] of Object.entries(SECURITY_HUB_AND_CIS_RULES)) {
    // Each text an auditor's tool looks for is a filter of its own, all counting into one metric and one alarm.
    const [filter] = [pattern, ...alsoCounted].map((text, i) => new logs.MetricFilter(stack, `${id}Filter${i === 0 ? '' : i + 1}`, {
      logGroup,
      filterName: `${trailName}-${id}${i === 0 ? '' : `-${i + 1}`}`,
      filterPattern: logs.FilterPattern.literal(text),
      metricNamespace: 'CloudTrailMetrics',
      metricName: `${trailName}-${id}`,
      metricValue: '1',
      defaultValue: 0,
    }));
    const alarm = new cloudwatch.Alarm(stack, `${id}Alarm`, {
      alarmName: `${trailName}-${id}`,
      alarmDescription: description,
      metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
  }

  // Silence is the failure: alarm when no event reaches the log group for an hour, and say when delivery resumes.
  // The heartbeat pages only once delivery has started: silence AND "delivery started", as a composite alarm.
  const incomingEvents = new cloudwatch.Metric({
    namespace: 'AWS/Logs',
    metricName: 'IncomingLogEvents',
    dimensionsMap: { LogGroupName: logGroup.logGroupName },
    statistic: 'Sum',
    period: Duration.hours(1),
  });
  const noEvents = new cloudwatch.Alarm(stack, 'DeliveryHeartbeat', {
    alarmName: `${trailName}-DeliveryHeartbeat`,
    alarmDescription: `No CloudTrail event reached the log group for 1 hour. Its actions are disabled: ${trailName}-DeliveryHeartbeat-Alert notifies, once delivery has started.`,
    metric: incomingEvents,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    actionsEnabled: false,
  });
  const started = new cloudwatch.Alarm(stack, 'DeliveryStarted', {
    alarmName: `${trailName}-DeliveryHeartbeat-DeliveryStarted`,
    alarmDescription: 'In ALARM once CloudTrail has delivered to the log group, and kept there. Its actions are disabled.',
    metric: incomingEvents,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    actionsEnabled: false,
  });
  noEvents.addAlarmAction(action);
  started.addAlarmAction(action);
  const heartbeat = new cloudwatch.CompositeAlarm(stack, 'DeliveryHeartbeatAlert', {
    compositeAlarmName: `${trailName}-DeliveryHeartbeat-Alert`,
    alarmDescription: 'No CloudTrail event reached the log group for 1 hour after delivery had started.',
    alarmRule: cloudwatch.AlarmRule.allOf(noEvents, started),
  });
  heartbeat.addAlarmAction(action);
  heartbeat.addOkAction(action);

  // Tampering with the trail or what it depends on reaches the topic within seconds through EventBridge.
  const trailOperations = ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'];
  const keyOperations = ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy', 'CreateGrant', 'DisableKeyRotation'];
  const keys = [key, topicKey];
  new events.Rule(stack, 'TamperDetection', {
    description: 'Alerts within seconds when the organization trail or what it depends on is tampered with',
    eventPattern: {
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        $or: [
          { eventSource: ['cloudtrail.amazonaws.com'], eventName: trailOperations, requestParameters: { name: [trailName, trailArn] } },
          { eventSource: ['cloudtrail.amazonaws.com'], eventName: trailOperations, requestParameters: { trailName: [trailName, trailArn] } },
          {
            eventSource: ['s3.amazonaws.com'],
            eventName: [
              'DeleteBucket', 'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketLifecycle',
              'DeleteBucketLifecycle', 'PutBucketVersioning', 'PutObjectLockConfiguration', 'PutBucketEncryption',
              'DeleteBucketEncryption', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls',
              'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'PutBucketReplication',
              'DeleteBucketReplication', 'PutBucketLogging',
            ],
            requestParameters: { bucketName: [bucket.bucketName, accessLogs.bucketName] },
          },
          { eventSource: ['kms.amazonaws.com'], eventName: keyOperations, resources: { ARN: keys.map((k) => k.keyArn) } },
          { eventSource: ['kms.amazonaws.com'], eventName: keyOperations, requestParameters: { keyId: keys.flatMap((k) => [k.keyId, k.keyArn]) } },
          {
            eventSource: ['logs.amazonaws.com'],
            eventName: [
              'DeleteLogGroup', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'DisassociateKmsKey', 'PutMetricFilter',
              'DeleteMetricFilter', 'DeleteSubscriptionFilter',
            ],
            requestParameters: { logGroupName: [logGroup.logGroupName] },
          },
          { eventSource: ['monitoring.amazonaws.com'], eventName: ['DeleteAlarms', 'DisableAlarmActions'], requestParameters: { alarmNames: [{ prefix: `${trailName}-` }] } },
          { eventSource: ['monitoring.amazonaws.com'], eventName: ['PutMetricAlarm'], requestParameters: { alarmName: [{ prefix: `${trailName}-` }] } },
          { eventSource: ['sns.amazonaws.com'], eventName: ['DeleteTopic', 'SetTopicAttributes', 'RemovePermission'], requestParameters: { topicArn: [topic.topicArn] } },
          { eventSource: ['sns.amazonaws.com'], eventName: ['Unsubscribe'], requestParameters: { subscriptionArn: [{ prefix: `${topic.topicArn}:` }] } },
        ],
      },
    },
    targets: [
      new targets.SnsTopic(topic, {
        message: events.RuleTargetInput.fromText(
          `${events.EventField.fromPath('$.detail.eventName')} on ${events.EventField.fromPath('$.detail.eventSource')} ` +
            `by ${events.EventField.fromPath('$.detail.userIdentity.arn')} from ${events.EventField.fromPath('$.detail.sourceIPAddress')} ` +
            `in account ${events.EventField.fromPath('$.account')}, ${events.EventField.fromPath('$.region')}`,
        ),
      }),
    ],
  });
}

/** Only AWS services may be granted use of a key: nobody can hand it to a principal outside the key policy. */
function denyGrantsToAnythingButAwsResources(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyCreateGrantUnlessForAwsResource',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
}

/**
 * Security Hub's CloudWatch.1 to CloudWatch.14 controls and CIS's 5.15: the published filter patterns, the texts
 * CIS and the scanners look for beside them, and what each alarm means.
 */
const SECURITY_HUB_AND_CIS_RULES: Record<string, { pattern: string; alsoCounted?: string[]; description: string }> = {
  RootAccountUsage: {
    pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    description: 'The root user was used. (Security Hub CloudWatch.1; CIS AWS Foundations Benchmark v6.0.0 5.3)',
  },
  UnauthorizedApiCalls: {
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    alsoCounted: ['{ ($.errorCode="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }'],
    description: 'API calls were refused as unauthorized or access denied. (Security Hub CloudWatch.2; CIS AWS Foundations Benchmark v6.0.0 5.1)',
  },
  ConsoleSignInWithoutMfa: {
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    description: 'An IAM user signed in to the console without MFA. (Security Hub CloudWatch.3; CIS AWS Foundations Benchmark v6.0.0 5.2)',
  },
  IamPolicyChanges: {
    pattern: '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
    description: 'An IAM policy was created, changed, attached, detached or deleted. (Security Hub CloudWatch.4; CIS AWS Foundations Benchmark v6.0.0 5.4)',
  },
  CloudTrailConfigurationChanges: {
    pattern: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
    description: 'A CloudTrail trail was created, updated, deleted, started or stopped. (Security Hub CloudWatch.5; CIS AWS Foundations Benchmark v6.0.0 5.5)',
  },
  ConsoleAuthenticationFailures: {
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    description: 'A console sign-in failed authentication. (Security Hub CloudWatch.6; CIS AWS Foundations Benchmark v6.0.0 5.6)',
  },
  KmsKeyDisabledOrScheduledForDeletion: {
    pattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    description: 'A KMS key was disabled or scheduled for deletion. (Security Hub CloudWatch.7; CIS AWS Foundations Benchmark v6.0.0 5.7)',
  },
  S3BucketPolicyChanges: {
    pattern: '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
    description: 'An S3 bucket ACL, policy, CORS, lifecycle or replication configuration changed. (Security Hub CloudWatch.8; CIS AWS Foundations Benchmark v6.0.0 5.8)',
  },
  ConfigChanges: {
    pattern: '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    description: 'An AWS Config recorder or delivery channel was stopped, changed or deleted. (Security Hub CloudWatch.9; CIS AWS Foundations Benchmark v6.0.0 5.9)',
  },
  SecurityGroupChanges: {
    pattern: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
    alsoCounted: ['{($.eventSource=ec2.amazonaws.com) && (($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup) || ($.eventName=ModifySecurityGroupRules))}'],
    description: 'A security group or one of its rules was created, changed or deleted. (Security Hub CloudWatch.10; CIS AWS Foundations Benchmark v4.0.0 4.10)',
  },
  NaclChanges: {
    pattern: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
    description: 'A network ACL or one of its entries or associations changed. (Security Hub CloudWatch.11; CIS AWS Foundations Benchmark v6.0.0 5.11)',
  },
  NetworkGatewayChanges: {
    pattern: '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
    description: 'A customer or internet gateway was created, attached, detached or deleted. (Security Hub CloudWatch.12; CIS AWS Foundations Benchmark v6.0.0 5.12)',
  },
  RouteTableChanges: {
    pattern: '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
    alsoCounted: ['{($.eventSource=ec2.amazonaws.com) && (($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable))}'],
    description: 'A route table, route or route table association changed. (Security Hub CloudWatch.13; CIS AWS Foundations Benchmark v6.0.0 5.13)',
  },
  VpcChanges: {
    pattern: '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
    description: 'A VPC, VPC attribute or VPC peering connection changed. (Security Hub CloudWatch.14; CIS AWS Foundations Benchmark v6.0.0 5.14)',
  },
  OrganizationsChanges: {
    pattern:
      '{($.eventSource=organizations.amazonaws.com) && (($.eventName=AcceptHandshake) || ($.eventName=AttachPolicy) || ($.eventName=CreateAccount) || ' +
      '($.eventName=CreateOrganizationalUnit) || ($.eventName=CreatePolicy) || ($.eventName=DeclineHandshake) || ($.eventName=DeleteOrganization) || ' +
      '($.eventName=DeleteOrganizationalUnit) || ($.eventName=DeletePolicy) || ($.eventName=DetachPolicy) || ($.eventName=DisablePolicyType) || ' +
      '($.eventName=EnablePolicyType) || ($.eventName=InviteAccountToOrganization) || ($.eventName=LeaveOrganization) || ($.eventName=MoveAccount) || ' +
      '($.eventName=RemoveAccountFromOrganization) || ($.eventName=UpdatePolicy) || ($.eventName=UpdateOrganizationalUnit) || ' +
      '($.eventName=CancelHandshake) || ($.eventName=CreateOrganization) || ($.eventName=EnableAllFeatures))}',
    description: 'The organization, its accounts, organizational units, policies or handshakes changed. (CIS AWS Foundations Benchmark v6.0.0 5.15)',
  },
};
