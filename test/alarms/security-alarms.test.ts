import { Aws, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SecurityAlarmRule, SecurityAlarms, SecurityAlarmsOptions } from '../../src';
import { ENV, onlyResource, partitionArn, statementWithSid, statements, testApp, testStack } from '../util';

const CONTROL_TOWER_LOG_GROUP = 'aws-controltower/CloudTrailLogs';
const PREFIX = 'aws-controltower-CloudTrailLogs-';
const ACCOUNT_ALARMS = partitionArn(':cloudwatch:us-east-1:111111111111:alarm:*');

/** Security alarms on Control Tower's log group, imported by name. */
function synth(options: SecurityAlarmsOptions = {}, stack: Stack = testStack()) {
  const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTower', CONTROL_TOWER_LOG_GROUP);
  const alarms = new SecurityAlarms(stack, 'Alarms', { logGroup, emailSubscriptions: ['secops@example.com'], ...options });
  return {
    stack,
    alarms,
    /** Synthesized on first use, so that tests can add rules first. */
    get template() {
      return Template.fromStack(stack);
    },
  };
}

function alarmNamed(template: Template, name: string): any {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  if (found.length !== 1) throw new Error(`expected one alarm named ${name}, found ${found.length}`);
  return found[0].Properties;
}

function customRules(count: number): SecurityAlarmRule[] {
  return Array.from({ length: count }, (_, i) =>
    SecurityAlarmRule.custom({ id: `Custom${i}`, filterPattern: logs.FilterPattern.stringValue('$.eventName', '=', `Op${i}`) }),
  );
}

/** A rule built past custom()'s checks, as a subclass could. */
class UncheckedRule extends SecurityAlarmRule {
  constructor(id: string, pattern: string) {
    super(id, logs.FilterPattern.literal(pattern), 'Unchecked.');
  }
}

describe('metric filters and alarms', () => {
  test('by default one alarm per Security Hub and CIS control, and a metric filter per pattern counting into its metric', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Logs::MetricFilter', 18);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 17); // and the delivery heartbeat's two inputs
    for (const rule of SecurityAlarmRule.SECURITY_HUB_AND_CIS) {
      rule.filterPatterns.forEach((pattern, i) => {
        template.hasResourceProperties('AWS::Logs::MetricFilter', {
          LogGroupName: CONTROL_TOWER_LOG_GROUP,
          FilterName: i === 0 ? `${PREFIX}${rule.id}` : `${PREFIX}${rule.id}-${i + 1}`,
          FilterPattern: pattern.logPatternString,
          MetricTransformations: [
            { MetricNamespace: 'CloudTrailMetrics', MetricName: `${PREFIX}${rule.id}`, MetricValue: '1', DefaultValue: 0 },
          ],
        });
      });
    }
  });

  test('each alarm is the CIS recipe on its filter\'s metric, notifying the topic', () => {
    const { template } = synth();
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    expect(alarmNamed(template, `${PREFIX}RootAccountUsage`)).toEqual({
      AlarmName: `${PREFIX}RootAccountUsage`,
      AlarmDescription: 'The root user was used. (Security Hub CloudWatch.1; CIS AWS Foundations Benchmark v6.0.0 5.3)',
      Namespace: 'CloudTrailMetrics',
      MetricName: `${PREFIX}RootAccountUsage`,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ActionsEnabled: true,
      AlarmActions: [{ Ref: topic }],
    });
  });

  test('each rule lives under a construct named after its id', () => {
    const { alarms } = synth();
    const root = alarms.node.findChild('Rules').node.findChild('RootAccountUsage');
    expect(root.node.findChild('Filter')).toBeInstanceOf(logs.CfnMetricFilter);
    expect(root.node.findChild('Alarm')).toBeInstanceOf(cloudwatch.CfnAlarm);
    const routes = alarms.node.findChild('Rules').node.findChild('RouteTableChanges');
    expect(['Filter', 'Filter2'].map((id) => routes.node.findChild(id))).toEqual(alarms.alarms.find((a) => a.rule.id === 'RouteTableChanges')!.metricFilters);
    expect(alarms.alarms.map((a) => a.rule)).toEqual(SecurityAlarmRule.SECURITY_HUB_AND_CIS);
  });

  test('takes a profile, a prefix and a namespace', () => {
    const { template } = synth({ rules: SecurityAlarmRule.RECOMMENDED, alarmNamePrefix: 'org/', metricNamespace: 'Security' });
    template.resourceCountIs('AWS::Logs::MetricFilter', 19);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'org/SecurityServicesDisabled',
      MetricName: 'org/SecurityServicesDisabled',
      Namespace: 'Security',
    });
  });

  test('counts a rule listed twice once', () => {
    const { template } = synth({ rules: [...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS] });
    template.resourceCountIs('AWS::Logs::MetricFilter', 17); // 14, plus the CIS-only 5.1, 5.10 and 5.15
  });

  test('overrides change one rule\'s evaluation or turn it off', () => {
    const { template } = synth({
      overrides: [
        { rule: SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES, threshold: 5, period: Duration.minutes(15), evaluationPeriods: 2 },
        { rule: SecurityAlarmRule.UNAUTHORIZED_API_CALLS, enabled: false },
      ],
    });
    expect(alarmNamed(template, `${PREFIX}ConsoleAuthenticationFailures`)).toMatchObject({ Threshold: 5, Period: 900, EvaluationPeriods: 2 });
    expect(alarmNamed(template, `${PREFIX}RootAccountUsage`)).toMatchObject({ Threshold: 1, Period: 300, EvaluationPeriods: 1 });
    template.resourceCountIs('AWS::Logs::MetricFilter', 16); // both of UnauthorizedApiCalls's filters are gone
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `${PREFIX}UnauthorizedApiCalls` } })).toEqual({});
  });

  test('addRule adds a custom rule and returns its filter, alarm and metric', () => {
    const { stack, alarms } = synth({ rules: [] });
    const rule = SecurityAlarmRule.custom({ id: 'FlowLogsDeleted', filterPattern: logs.FilterPattern.stringValue('$.eventName', '=', 'DeleteFlowLogs') });
    const alarm = alarms.addRule(rule, { threshold: 2 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.eventName = "DeleteFlowLogs" }' });
    expect(alarmNamed(template, `${PREFIX}FlowLogsDeleted`)).toMatchObject({ Threshold: 2 });
    expect(alarm.rule).toBe(rule);
    expect(alarm.metricFilter.node.path).toBe('Stack/Alarms/Rules/FlowLogsDeleted/Filter');
    expect(alarm.cfnAlarm.node.path).toBe('Stack/Alarms/Rules/FlowLogsDeleted/Alarm');
    expect(alarm.alarmName).toBe(`${PREFIX}FlowLogsDeleted`);
    expect(stack.resolve(alarm.alarmArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(alarm.cfnAlarm), 'Arn'] });
    const metric = alarm.metric();
    expect(metric.namespace).toBe('CloudTrailMetrics');
    expect(metric.metricName).toBe(`${PREFIX}FlowLogsDeleted`);
    expect(metric.statistic).toBe('Sum');
    expect(metric.period.toSeconds()).toBe(300);
  });

  test('names alarms after a log group created in the app, whose name is a token, by construct', () => {
    const stack = testStack();
    const logGroup = new logs.LogGroup(stack, 'Group');
    new SecurityAlarms(stack, 'Alarms', { logGroup, emailSubscriptions: ['secops@example.com'] });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties.AlarmName);
    expect(names).toContainEqual(expect.stringMatching(/^Stack-Alarms-[A-Za-z0-9]+-RootAccountUsage$/));
  });
});

describe('notifications', () => {
  test('a topic encrypted with a dedicated, rotating key', () => {
    const { alarms, template } = synth();
    const key = onlyResource(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key.id, 'Arn'] } });
    expect(key.resource.Properties.EnableKeyRotation).toBe(true);
    expect(key.resource.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(statementWithSid(statements(key.resource, 'KeyPolicy'), 'DenyCreateGrantUnlessForAwsResource').Effect).toBe('Deny');
    expect(alarms.topicKey).toBeDefined();
  });

  test('the key lets CloudWatch alarms of this account use it: without it CloudWatch silently drops notifications', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudWatchAlarmsEncryptNotifications')).toEqual({
      Sid: 'CloudWatchAlarmsEncryptNotifications',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': ACCOUNT_ALARMS } },
    });
  });

  test('the key lets EventBridge use it, without the source conditions SNS documents as unsupported for EventBridge', () => {
    const { template } = synth();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'EventBridgeEncryptNotifications')).toEqual({
      Sid: 'EventBridgeEncryptNotifications',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    });
  });

  test('the topic policy: TLS only, this account\'s alarms, and the tamper rule alone among EventBridge rules', () => {
    const { template } = synth();
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    const rule = onlyResource(template, 'AWS::Events::Rule').id;
    const policy = onlyResource(template, 'AWS::SNS::TopicPolicy').resource;
    expect(policy.Properties.Topics).toEqual([{ Ref: topic }]);
    expect(statements(policy)).toEqual([
      {
        Sid: 'AllowPublishThroughSSLOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'CloudWatchAlarmsPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': ACCOUNT_ALARMS } },
      },
      {
        Sid: 'TamperDetectionRulePublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
      },
    ]);
  });

  test('subscribes the email addresses', () => {
    const { template } = synth({ emailSubscriptions: ['secops@example.com', 'audit@example.org'] });
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'audit@example.org', TopicArn: { Ref: topic } });
  });

  test('warns, acknowledgeably, when the topic has no subscription', () => {
    const { stack } = synth({ emailSubscriptions: [] });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Alarms',
      Match.stringLikeRegexp('no subscription.*Security Hub fails CloudWatch.1-14.*\\[ack: cdk-organization-trail:alarmTopicWithoutSubscription\\]'),
    );
  });

  test('does not warn when the topic has a subscription', () => {
    const { stack } = synth();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('counts a subscription added after construction, also from another stack', () => {
    const { stack, alarms } = synth({ emailSubscriptions: [] });
    alarms.topic!.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(new Stack(stack.node.scope as Construct, 'Pager', { env: ENV }), 'Queue')));
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('alarmTopicWithoutSubscription'));
    const later = synth({ emailSubscriptions: [] });
    later.alarms.topic!.addSubscription(new subscriptions.EmailSubscription('pager@example.com'));
    Annotations.fromStack(later.stack).hasNoWarning('*', Match.anyValue());
  });

  test('a topic of your own gets the publish statements, and its key the CloudWatch and EventBridge grants', () => {
    const stack = testStack();
    const masterKey = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const topic = new sns.Topic(stack, 'MyTopic', { masterKey });
    const { alarms, template } = synth({ topic }, stack);
    expect(alarms.topic).toBe(topic);
    expect(alarms.topicKey).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(alarmNamed(template, `${PREFIX}VpcChanges`).AlarmActions).toEqual([{ Ref: onlyResource(template, 'AWS::SNS::Topic').id }]);
    const sids = statements(onlyResource(template, 'AWS::SNS::TopicPolicy').resource).map((s) => s.Sid);
    expect(sids).toEqual(['CloudWatchAlarmsPublish', 'TamperDetectionRulePublish']);
    const keySids = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy').map((s) => s.Sid);
    expect(keySids).toEqual(expect.arrayContaining(['CloudWatchAlarmsEncryptNotifications', 'EventBridgeEncryptNotifications']));
  });

  test('an imported topic gets a warning listing the statements to add', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Central', 'arn:aws:sns:us-east-1:111111111111:security');
    synth({ topic }, stack);
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Alarms',
      Match.stringLikeRegexp('alarm topic is imported.*CloudWatchAlarmsPublish.*alarmTopicPolicyNotManaged'),
    );
  });

  test('alarm actions of your own replace the topic; tamper alerts then need a topic and say so', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:us-east-1:111111111111:pager');
    const { alarms, template } = synth({ alarmActions: [new actions.SnsAction(topic)], emailSubscriptions: undefined }, stack);
    expect(alarms.topic).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
    expect(alarmNamed(template, `${PREFIX}RootAccountUsage`).AlarmActions).toEqual(['arn:aws:sns:us-east-1:111111111111:pager']);
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Alarms',
      Match.stringLikeRegexp('Tamper alerts need an SNS topic.*\\[ack: cdk-organization-trail:tamperDetectionWithoutTopic\\]'),
    );
  });
});

describe('delivery heartbeat', () => {
  const incomingEvents = {
    Namespace: 'AWS/Logs',
    MetricName: 'IncomingLogEvents',
    Dimensions: [{ Name: 'LogGroupName', Value: CONTROL_TOWER_LOG_GROUP }],
    Statistic: 'Sum',
    Period: 3600,
    Threshold: 1,
    EvaluationPeriods: 1,
  };

  test('notifies when no event reaches the log group for an hour once delivery has started, and on recovery', () => {
    const { template, alarms } = synth();
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    const noEvents = alarmNamed(template, `${PREFIX}DeliveryHeartbeat`);
    const started = alarmNamed(template, `${PREFIX}DeliveryHeartbeat-DeliveryStarted`);
    // Silence is missing data: breaching.
    expect(noEvents).toMatchObject({ ...incomingEvents, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    // In ALARM from the first delivery on, and kept there while data is missing.
    expect(started).toMatchObject({ ...incomingEvents, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'ignore' });
    // Neither pages: their actions are listed (CT.CLOUDWATCH.PR.1) but disabled.
    for (const input of [noEvents, started]) {
      expect(input).toMatchObject({ ActionsEnabled: false, AlarmActions: [{ Ref: topic }] });
      expect(input.OKActions).toBeUndefined();
    }
    const composite = onlyResource(template, 'AWS::CloudWatch::CompositeAlarm');
    const ids = (name: string) => Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([, r]) => r.Properties.AlarmName === name)![0];
    expect(composite.resource.Properties).toEqual({
      AlarmName: `${PREFIX}DeliveryHeartbeat-Alert`,
      AlarmDescription: expect.stringMatching(/^No CloudTrail event reached the log group for 1 hour after delivery had started/),
      AlarmRule: {
        'Fn::Join': ['', [
          'ALARM("', { 'Fn::GetAtt': [ids(`${PREFIX}DeliveryHeartbeat`), 'Arn'] },
          '") AND ALARM("', { 'Fn::GetAtt': [ids(`${PREFIX}DeliveryHeartbeat-DeliveryStarted`), 'Arn'] }, '")',
        ]],
      },
      ActionsEnabled: true,
      AlarmActions: [{ Ref: topic }],
      OKActions: [{ Ref: topic }],
    });
    expect(alarms.heartbeat!.alarmName).toBe(`${PREFIX}DeliveryHeartbeat-Alert`);
  });

  test('with waitForFirstDelivery false, is one alarm that notifies itself, and pages on the first deployment', () => {
    const { template, alarms } = synth({ heartbeat: { waitForFirstDelivery: false } });
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    expect(alarmNamed(template, `${PREFIX}DeliveryHeartbeat`)).toMatchObject({
      ...incomingEvents,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      ActionsEnabled: true,
      AlarmActions: [{ Ref: topic }],
      OKActions: [{ Ref: topic }],
    });
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
    expect(alarms.heartbeat!.cfnArmedAlarm).toBeUndefined();
    expect(alarms.heartbeat!.alarmName).toBe(`${PREFIX}DeliveryHeartbeat`);
  });

  test('spends no metric filter', () => {
    const { template } = synth({ rules: [] });
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
  });

  test('takes a period, or can be turned off', () => {
    const { template: halfHour } = synth({ heartbeat: { period: Duration.minutes(30) } });
    expect(alarmNamed(halfHour, `${PREFIX}DeliveryHeartbeat`).Period).toBe(1800);
    expect(alarmNamed(halfHour, `${PREFIX}DeliveryHeartbeat-DeliveryStarted`).Period).toBe(1800);
    const { alarms, template } = synth({ heartbeat: { enabled: false } });
    expect(alarms.heartbeat).toBeUndefined();
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'IncomingLogEvents' } })).toEqual({});
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
  });
});

describe('tamper detection', () => {
  function pattern(template: Template): any {
    return onlyResource(template, 'AWS::Events::Rule').resource.Properties.EventPattern;
  }
  const clause = (template: Template, eventSource: string) =>
    pattern(template).detail.$or.filter((c: any) => c.eventSource[0] === eventSource);

  test('watches API calls recorded by CloudTrail, on the default bus', () => {
    const { template } = synth();
    const rule = onlyResource(template, 'AWS::Events::Rule').resource.Properties;
    expect(rule.EventBusName).toBeUndefined();
    expect(rule.State).toBe('ENABLED');
    expect(pattern(template)['detail-type']).toEqual(['AWS API Call via CloudTrail']);
  });

  test('without a trail to watch, reports logging, trail and selector changes on any trail', () => {
    const { template } = synth();
    expect(clause(template, 'cloudtrail.amazonaws.com')).toEqual([
      {
        eventSource: ['cloudtrail.amazonaws.com'],
        eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
      },
    ]);
  });

  test('watches the log group, the alarms by prefix, the topic and the topic key', () => {
    const { template } = synth();
    const topic = onlyResource(template, 'AWS::SNS::Topic').id;
    const key = onlyResource(template, 'AWS::KMS::Key').id;
    expect(clause(template, 'logs.amazonaws.com')).toEqual([
      {
        eventSource: ['logs.amazonaws.com'],
        eventName: [
          'DeleteLogGroup',
          'PutRetentionPolicy',
          'DeleteRetentionPolicy',
          'DisassociateKmsKey',
          'PutMetricFilter',
          'DeleteMetricFilter',
          'DeleteSubscriptionFilter',
        ],
        requestParameters: { logGroupName: [CONTROL_TOWER_LOG_GROUP] },
      },
    ]);
    expect(clause(template, 'monitoring.amazonaws.com')).toEqual([
      {
        eventSource: ['monitoring.amazonaws.com'],
        eventName: ['DeleteAlarms', 'DisableAlarmActions'],
        requestParameters: { alarmNames: [{ prefix: PREFIX }] },
      },
      {
        eventSource: ['monitoring.amazonaws.com'],
        eventName: ['PutMetricAlarm'],
        requestParameters: { alarmName: [{ prefix: PREFIX }] },
      },
    ]);
    const sns_ = clause(template, 'sns.amazonaws.com');
    expect(sns_[0].requestParameters).toEqual({ topicArn: [{ Ref: topic }] });
    expect(sns_[1]).toEqual({
      eventSource: ['sns.amazonaws.com'],
      eventName: ['Unsubscribe'],
      requestParameters: { subscriptionArn: [{ prefix: { 'Fn::Join': ['', [{ Ref: topic }, ':']] } }] },
    });
    expect(clause(template, 'kms.amazonaws.com')[0].resources).toEqual({ ARN: [{ 'Fn::GetAtt': [key, 'Arn'] }] });
  });

  test('sends a readable message to the topic, saying whether CloudFormation made the call and which stack deployed what is watched', () => {
    const { template } = synth();
    const target = onlyResource(template, 'AWS::Events::Rule').resource.Properties.Targets[0];
    expect(target.Arn).toEqual({ Ref: onlyResource(template, 'AWS::SNS::Topic').id });
    const paths = target.InputTransformer.InputPathsMap;
    expect(paths).toEqual({
      eventName: '$.detail.eventName',
      eventSource: '$.detail.eventSource',
      caller: '$.detail.userIdentity.arn',
      invokedBy: '$.detail.userIdentity.invokedBy',
      sourceIp: '$.detail.sourceIPAddress',
      account: '$.account',
      region: '$.region',
      time: '$.time',
      eventId: '$.detail.eventID',
    });
    // Rendered as EventBridge substitutes placeholders, on the record of a call CloudFormation made with the caller's
    // credentials (the fields the CloudTrail user guide defines for a call an AWS service makes on a user's behalf).
    const event = {
      account: '111111111111',
      region: 'us-east-1',
      time: '2026-12-02T10:00:00Z',
      detail: {
        eventName: 'PutBucketPolicy',
        eventSource: 's3.amazonaws.com',
        eventID: 'e1',
        sourceIPAddress: 'cloudformation.amazonaws.com',
        userIdentity: { arn: 'arn:aws:sts::111111111111:assumed-role/cdk-cfn-exec-role/AWSCloudFormation', invokedBy: 'cloudformation.amazonaws.com' },
      },
    };
    const at = (path: string) => path.slice(2).split('.').reduce((value: any, key) => value?.[key], event);
    const rendered = JSON.parse(String(target.InputTransformer.InputTemplate).replace(/<(\w+)>/g, (_, name) => at(paths[name])));
    expect(rendered).toBe(
      'CloudTrail tamper alert: PutBucketPolicy (s3.amazonaws.com) called by ' +
        'arn:aws:sts::111111111111:assumed-role/cdk-cfn-exec-role/AWSCloudFormation from cloudformation.amazonaws.com in account ' +
        '111111111111, Region us-east-1, at 2026-12-02T10:00:00Z. Called through AWS service: cloudformation.amazonaws.com ' +
        '(empty for a direct call; cloudformation.amazonaws.com for a CloudFormation deployment: what is watched here was ' +
        "deployed by stack Stack, whose events show whether the change was that stack's). Look up event e1 in CloudTrail event history.",
    );
  });

  test('can be turned off', () => {
    const { alarms, template } = synth({ tamperDetection: { enabled: false } });
    expect(alarms.tamperDetection).toBeUndefined();
    template.resourceCountIs('AWS::Events::Rule', 0);
    expect(statements(onlyResource(template, 'AWS::SNS::TopicPolicy').resource).map((s) => s.Sid)).not.toContain('TamperDetectionRulePublish');
  });
});

describe('dashboard', () => {
  test('is off by default', () => {
    synth().template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('shows every alarm, including rules added later and the heartbeat', () => {
    const { stack, alarms } = synth({ dashboard: true });
    alarms.addRule(SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES);
    const body = stack.resolve(onlyResource(Template.fromStack(stack), 'AWS::CloudWatch::Dashboard').resource.Properties.DashboardBody);
    const widgets = JSON.parse(body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '0')).join('')).widgets;
    const titles = widgets.filter((w: any) => w.type === 'metric').map((w: any) => w.properties.title);
    expect(titles).toEqual([...SecurityAlarmRule.SECURITY_HUB_AND_CIS.map((r) => r.id), 'DeliveryHeartbeat', 'CloudTrailSelectorChanges']);
    // Four alarms to a row of the 24-unit grid.
    expect(widgets.slice(1, 6).map((w: any) => [w.x, w.y])).toEqual([[0, 1], [6, 1], [12, 1], [18, 1], [0, 7]]);
  });
});

describe('alarms as references', () => {
  test('a composite alarm refers to the alarm resources, so that CloudFormation creates them first', () => {
    const { stack, alarms } = synth();
    const [rootUsage] = alarms.alarms;
    const composite = new cloudwatch.CompositeAlarm(stack, 'Composite', { alarmRule: cloudwatch.AlarmRule.anyOf(rootUsage, alarms.heartbeat!) });
    const compositeId = stack.getLogicalId(composite.node.defaultChild as cloudwatch.CfnCompositeAlarm);
    const rule = stack.resolve(Template.fromStack(stack).toJSON().Resources[compositeId].Properties.AlarmRule);
    const arns = rule['Fn::Join'][1].filter((part: unknown) => typeof part !== 'string');
    expect(arns).toEqual([
      { 'Fn::GetAtt': [stack.getLogicalId(rootUsage.cfnAlarm), 'Arn'] },
      { 'Fn::GetAtt': [stack.getLogicalId(alarms.heartbeat!.cfnCompositeAlarm!), 'Arn'] },
    ]);
  });

  test('actions are bound to the alarm itself, with its ARN already set', () => {
    const bound: Array<[cloudwatch.IAlarm, string]> = [];
    const action: cloudwatch.IAlarmAction = {
      bind: (_scope, alarm) => {
        bound.push([alarm, alarm.alarmArn]);
        return { alarmActionArn: 'arn:aws:sns:us-east-1:111111111111:pager' };
      },
    };
    const { alarms, template } = synth({ alarmActions: [action], emailSubscriptions: undefined });
    expect(bound.map(([alarm]) => alarm)).toEqual([...alarms.alarms, alarms.heartbeat]);
    expect(bound.every(([alarm, arn]) => arn !== undefined && arn === alarm.alarmArn)).toBe(true);
    expect(alarmNamed(template, `${PREFIX}RootAccountUsage`).AlarmActions).toEqual(['arn:aws:sns:us-east-1:111111111111:pager']);
  });

  test('alarms refer to the resource as IAlarmRef', () => {
    const { stack, alarms } = synth();
    const [rootUsage] = alarms.alarms;
    expect(stack.resolve(rootUsage.alarmRef.alarmName)).toEqual({ Ref: stack.getLogicalId(rootUsage.cfnAlarm) });
    const composite = stack.getLogicalId(alarms.heartbeat!.cfnCompositeAlarm!);
    expect(stack.resolve(alarms.heartbeat!.alarmRef)).toEqual({ alarmName: { Ref: composite }, alarmArn: { 'Fn::GetAtt': [composite, 'Arn'] } });
  });
});

describe('actions added later', () => {
  const PAGER = 'arn:aws:sns:us-east-1:111111111111:pager';
  const pager = (stack: Stack) => new actions.SnsAction(sns.Topic.fromTopicArn(stack, `Pager${stack.node.children.length}`, PAGER));

  test('each alarm is aws-cdk-lib\'s AlarmBase, and addAlarmAction, addOkAction, addInsufficientDataAction reach its resource', () => {
    const { stack, alarms } = synth();
    const [rootUsage] = alarms.alarms;
    expect(rootUsage).toBeInstanceOf(cloudwatch.AlarmBase);
    rootUsage.addAlarmAction(pager(stack));
    rootUsage.addOkAction(pager(stack));
    rootUsage.addInsufficientDataAction(pager(stack));
    const template = Template.fromStack(stack);
    const topic = { Ref: stack.getLogicalId(alarms.topic!.node.defaultChild as sns.CfnTopic) };
    expect(alarmNamed(template, `${PREFIX}RootAccountUsage`)).toEqual(
      expect.objectContaining({ AlarmActions: [topic, PAGER], OKActions: [PAGER], InsufficientDataActions: [PAGER] }),
    );
    // The other alarms keep only the topic
    const other = alarmNamed(template, `${PREFIX}VpcChanges`);
    expect([other.AlarmActions, other.OKActions, other.InsufficientDataActions]).toEqual([[topic], undefined, undefined]);
  });

  test('on the heartbeat, reach the alarm that notifies (also when delivery resumes), and its inputs list them disabled', () => {
    const { stack, alarms } = synth();
    alarms.heartbeat!.addAlarmAction(pager(stack));
    const template = Template.fromStack(stack);
    const topic = { Ref: stack.getLogicalId(alarms.topic!.node.defaultChild as sns.CfnTopic) };
    const composite = template.toJSON().Resources[stack.getLogicalId(alarms.heartbeat!.cfnCompositeAlarm!)].Properties;
    expect([composite.AlarmActions, composite.OKActions]).toEqual([[topic, PAGER], [topic, PAGER]]);
    for (const name of [`${PREFIX}DeliveryHeartbeat`, `${PREFIX}DeliveryHeartbeat-DeliveryStarted`]) {
      expect(alarmNamed(template, name)).toEqual(expect.objectContaining({ AlarmActions: [topic, PAGER], ActionsEnabled: false }));
    }
  });
});

describe('bad input', () => {
  test('fails the synthesis with more than 100 metric filters on one log group', () => {
    expect(() => synth({ rules: customRules(101) }).template).toThrow(
      /\[Stack\/Alarms\] rules: CloudWatch Logs allows at most 100 metric filters per log group, and the quota cannot be raised \(received "101 metric filters on one log group"\)\. Disable some rules/,
    );
  });

  test('accepts exactly 100, counting rules added later and the filters of other SecurityAlarms on the same log group', () => {
    const exactly = synth({ rules: customRules(100) });
    expect(exactly.alarms.alarms).toHaveLength(100);
    expect(() => exactly.template).not.toThrow();

    const added = synth({ rules: customRules(100) });
    added.alarms.addRule(SecurityAlarmRule.ROOT_ACCOUNT_USAGE);
    expect(() => added.template).toThrow(/101 metric filters on one log group/);

    const stack = testStack();
    synth({ rules: customRules(100) }, stack);
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Again', CONTROL_TOWER_LOG_GROUP);
    new SecurityAlarms(stack, 'More', { logGroup, alarmNamePrefix: 'more-', rules: [SecurityAlarmRule.ROOT_ACCOUNT_USAGE] });
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/More\] rules: .*\(received "101 metric filters on one log group"\)/);
  });

  test('fails with a pattern longer than 1024 characters', () => {
    expect(() => synth({ rules: [new UncheckedRule('Long', `{ $.eventName = "${'x'.repeat(1100)}" }`)] })).toThrow(
      /rules\[0\]\.filterPatterns\[0\]: is longer than the 1024 characters .*\(1120 characters\)"\)\. Split the rule/,
    );
  });

  test('fails with two rules of the same id', () => {
    const copy = SecurityAlarmRule.custom({ id: 'RootAccountUsage', filterPattern: logs.FilterPattern.allEvents() });
    expect(() => synth({ rules: [SecurityAlarmRule.ROOT_ACCOUNT_USAGE, copy] })).toThrow(
      /rules\[1\]: is the id of another rule as well \(received "RootAccountUsage"\)\. Give each custom rule an id of its own\./,
    );
  });

  test('fails when addRule adds a rule twice', () => {
    const { alarms } = synth();
    expect(() => alarms.addRule(SecurityAlarmRule.VPC_CHANGES)).toThrow(/addRule\(VpcChanges\): is already added \(received "VpcChanges"\)/);
  });

  test('fails the synthesis when two SecurityAlarms in one account and Region would name alarms alike', () => {
    const stack = testStack();
    synth({}, stack);
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Other', 'other');
    new SecurityAlarms(stack, 'Twin', { logGroup, alarmNamePrefix: PREFIX });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[Stack\/Twin\] heartbeat: is an alarm name already used by Stack\/Alarms\/DeliveryHeartbeat \(received "aws-controltower-CloudTrailLogs-DeliveryHeartbeat"\)\. Give each SecurityAlarms/,
    );
  });

  test('accepts the same names in another Region', () => {
    const app = testApp();
    for (const region of ['us-east-1', 'eu-west-1']) {
      const stack = new Stack(app, region, { env: { account: '111111111111', region } });
      synth({}, stack);
    }
    expect(() => app.synth()).not.toThrow();
  });

  test('fails when addRule would take the heartbeat\'s alarm name', () => {
    const { alarms } = synth();
    const rule = SecurityAlarmRule.custom({ id: 'DeliveryHeartbeat', filterPattern: logs.FilterPattern.allEvents() });
    expect(() => alarms.addRule(rule)).toThrow(/addRule\(DeliveryHeartbeat\): is an alarm name already used by heartbeat/);
  });

  test('fails when a custom rule would take the heartbeat\'s alarm name', () => {
    const rule = SecurityAlarmRule.custom({ id: 'DeliveryHeartbeat', filterPattern: logs.FilterPattern.allEvents() });
    expect(() => synth({ rules: [rule] })).toThrow(/rules\[0\]: is an alarm name already used by heartbeat \(received ".*DeliveryHeartbeat"\)/);
  });

  test('fails with invalid or repeated email addresses', () => {
    expect(() => synth({ emailSubscriptions: ['secops@example.com', 'secops at example.com', 'SecOps@example.com'] })).toThrow(
      /emailSubscriptions\[1\]: is not an email address \(received "secops at example.com"\)\. Give an address[\s\S]*emailSubscriptions\[2\]: is listed twice/,
    );
  });

  test('fails with email addresses but no topic to subscribe them to', () => {
    const action = new actions.SnsAction(sns.Topic.fromTopicArn(testStack(), 'T', 'arn:aws:sns:us-east-1:111111111111:t'));
    expect(() => synth({ alarmActions: [action] })).toThrow(/emailSubscriptions: there is no topic to subscribe to/);
  });

  test('fails with an empty list of alarm actions', () => {
    expect(() => synth({ alarmActions: [], emailSubscriptions: [] })).toThrow(/alarmActions: an alarm without actions notifies nobody.*\(received \[\]\)/);
  });

  test('fails with an override of a rule that is not listed, or overridden twice', () => {
    expect(() =>
      synth({
        overrides: [
          { rule: SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES, enabled: false },
          { rule: SecurityAlarmRule.VPC_CHANGES, threshold: 2 },
          { rule: SecurityAlarmRule.VPC_CHANGES, threshold: 3 },
        ],
      }),
    ).toThrow(/overrides\[0\]\.rule: is not one of the rules \(received "CloudTrailSelectorChanges"\)[\s\S]*overrides\[2\]\.rule: is overridden twice/);
  });

  test('fails with a threshold, period or evaluation count an alarm cannot have', () => {
    expect(() =>
      synth({ overrides: [{ rule: SecurityAlarmRule.VPC_CHANGES, threshold: 0, period: Duration.seconds(90), evaluationPeriods: 0.5 }] }),
    ).toThrow(
      /overrides\[0\]\.threshold: must be greater than 0.*\(received 0\)[\s\S]*overrides\[0\]\.period: .*\(received 1 minute 30 seconds\)\. Use whole minutes[\s\S]*overrides\[0\]\.evaluationPeriods: must be a whole number of at least 1 \(received 0.5\)/,
    );
    expect(() => synth({ heartbeat: { period: Duration.days(2) } })).toThrow(/heartbeat\.period: .*\(received 2 days\)/);
  });

  test('fails with a prefix or namespace CloudWatch rejects', () => {
    expect(() => synth({ alarmNamePrefix: 'org trail:' })).toThrow(/alarmNamePrefix: contains characters not allowed \(received "org trail:"\)/);
    expect(() => synth({ metricNamespace: 'AWS/CloudTrail' })).toThrow(/metricNamespace: must be 1 to 255 characters and not start with "AWS\/".*\(received "AWS\/CloudTrail"\)/);
    expect(() => synth({ alarmNamePrefix: 'p'.repeat(250) })).toThrow(/makes an alarm name longer than 255 characters/);
  });

  test('fails with a FIFO topic', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Fifo', { fifo: true, topicName: 'alarms' });
    expect(() => synth({ topic }, stack)).toThrow(/topic: is a FIFO topic, which CloudWatch alarms cannot publish to/);
  });

  test('reports every problem in one error', () => {
    expect(() => synth({ emailSubscriptions: ['nope'], metricNamespace: 'AWS/X' })).toThrow(
      /Invalid SecurityAlarms configuration at Stack\/Alarms:\n {2}- metricNamespace: [^\n]*\n {2}- emailSubscriptions\[0\]: /,
    );
  });
});

describe('unresolved values', () => {
  test('are not validated', () => {
    const stack = testStack();
    const logGroup = new logs.LogGroup(stack, 'Group');
    const alarms = new SecurityAlarms(stack, 'Alarms', {
      logGroup,
      alarmNamePrefix: `${Aws.STACK_NAME}-`,
      metricNamespace: Fn.importValue('namespace'),
      emailSubscriptions: [Fn.importValue('email'), Fn.importValue('email')],
    });
    expect(alarms.alarms).toHaveLength(15);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 2);
  });
});
