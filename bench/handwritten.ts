import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { SecurityAlarmRule } from '../lib';

/**
 * What a competent user writes without the library, with aws-cdk-lib's L2 constructs: the same resources as the
 * default OrganizationTrail (key and policies, log bucket and access-log bucket, bucket policy, encrypted log group,
 * delivery role, trail, encrypted topic, the Security Hub alarm rules). The filter patterns are the published texts,
 * taken from the library's catalogue as such a user would copy them from the Security Hub documentation.
 */
export function handwrittenOrganizationTrail(stack: Stack, organizationId: string): void {
  const trailName = 'organization-trail';
  const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
  const logGroupName = `cloudtrail/${trailName}`;

  const key = new kms.Key(stack, 'TrailKey', { enableKeyRotation: true, alias: `alias/cloudtrail/${trailName}` });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*' }) } },
    }),
  );

  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(2557) }],
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
    serverAccessLogsBucket: accessLogs,
    lifecycleRules: [
      {
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(365) },
        ],
        expiration: Duration.days(2557),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });

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

  const topicKey = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
  topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  const topic = new sns.Topic(stack, 'AlarmTopic', { masterKey: topicKey, enforceSSL: true });
  topic.addSubscription(new subscriptions.EmailSubscription('security-team@example.com'));
  const action = new actions.SnsAction(topic);

  for (const rule of SecurityAlarmRule.SECURITY_HUB) {
    const filter = new logs.MetricFilter(stack, `${rule.id}Filter`, {
      logGroup,
      filterPattern: rule.filterPattern,
      metricNamespace: 'CloudTrailMetrics',
      metricName: rule.id,
      metricValue: '1',
      defaultValue: 0,
    });
    const alarm = new cloudwatch.Alarm(stack, `${rule.id}Alarm`, {
      metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
  }
}
