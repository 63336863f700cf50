import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { OrganizationTrail, OrganizationTrailProps, SecurityAlarmRule } from '../../src';
import { ORG_ID, partitionArn, statements, testStack } from '../util';

const TRAIL_ARN = partitionArn(':cloudtrail:us-east-1:111111111111:trail/org-trail');

function synth(props: Partial<OrganizationTrailProps> = {}) {
  const stack = testStack();
  const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', ...props });
  return { stack, trail, template: Template.fromStack(stack) };
}

/** The logical id of the resource at this construct path under the stack. */
function idOf(template: Template, type: string, path: string): string {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(path.replace(/\//g, '')));
  if (found.length !== 1) throw new Error(`expected one ${type} under ${path}, found ${found.length}`);
  return found[0][0];
}

describe('an organization trail', () => {
  test('has the Security Hub and CIS alarms on its log group by default, named after the trail', () => {
    const { trail, template } = synth();
    const logGroup = idOf(template, 'AWS::Logs::LogGroup', 'Trail/CloudWatchLogs/LogGroup');
    template.resourceCountIs('AWS::Logs::MetricFilter', 18);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logGroup },
      FilterName: 'org-trail-RootAccountUsage',
      FilterPattern: SecurityAlarmRule.ROOT_ACCOUNT_USAGE.filterPattern.logPatternString,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'org-trail-DeliveryHeartbeat' });
    expect(trail.securityAlarms?.alarms).toHaveLength(15);
    expect(trail.securityAlarms?.logGroup).toBe(trail.logGroup);
  });

  test('exposes the alarm topic, encrypted with a key of its own, not the log files\' key', () => {
    const { trail, template } = synth();
    expect(trail.alarmTopic).toBeDefined();
    expect(trail.alarmTopic).toBe(trail.securityAlarms?.topic);
    const topicKey = idOf(template, 'AWS::KMS::Key', 'Trail/Alarms/TopicKey');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [topicKey, 'Arn'] } });
    const trailKey = template.findResources('AWS::KMS::Key')[idOf(template, 'AWS::KMS::Key', 'Trail/Key')];
    expect(statements(trailKey, 'KeyPolicy').map((s) => s.Sid)).not.toContain('CloudWatchAlarmsEncryptNotifications');
  });

  test('the tamper rule watches this trail by name and ARN, its buckets and its key', () => {
    const { template } = synth();
    const clauses = Object.values(template.findResources('AWS::Events::Rule'))[0].Properties.EventPattern.detail.$or;
    const trailClauses = clauses.filter((c: any) => c.eventSource[0] === 'cloudtrail.amazonaws.com');
    expect(trailClauses.map((c: any) => c.requestParameters)).toEqual([
      { name: ['org-trail', TRAIL_ARN] },
      { trailName: ['org-trail', TRAIL_ARN] },
    ]);
    const bucketClause = clauses.find((c: any) => c.eventSource[0] === 's3.amazonaws.com');
    expect(bucketClause.requestParameters.bucketName).toEqual([
      { Ref: idOf(template, 'AWS::S3::Bucket', 'Trail/LogArchive/Bucket') },
      { Ref: idOf(template, 'AWS::S3::Bucket', 'Trail/LogArchive/AccessLogsBucket') },
    ]);
    expect(bucketClause.eventName).toEqual(expect.arrayContaining(['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle']));
    const keyClause = clauses.find((c: any) => c.eventSource[0] === 'kms.amazonaws.com');
    expect(keyClause.resources.ARN).toEqual([
      { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'Trail/Key'), 'Arn'] },
      { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'Trail/Alarms/TopicKey'), 'Arn'] },
    ]);
    expect(keyClause.eventName).toEqual(['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy', 'CreateGrant', 'DisableKeyRotation']);
  });

  test('adds the buckets and keys you name to those watched', () => {
    const stack = testStack();
    const extraBucket = s3.Bucket.fromBucketName(stack, 'Config', 'config-bucket');
    const extraKey = kms.Key.fromKeyArn(stack, 'ConfigKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      alarms: { tamperDetection: { buckets: [extraBucket], encryptionKeys: [extraKey] } },
    });
    const clauses = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule'))[0].Properties.EventPattern.detail.$or;
    expect(clauses.find((c: any) => c.eventSource[0] === 's3.amazonaws.com').requestParameters.bucketName).toContain('config-bucket');
    expect(clauses.find((c: any) => c.eventSource[0] === 'kms.amazonaws.com').resources.ARN).toContain(extraKey.keyArn);
  });

  test('takes the alarm options', () => {
    const { template } = synth({
      alarms: { rules: SecurityAlarmRule.CIS, alarmNamePrefix: 'security/', emailSubscriptions: ['secops@example.com'] },
    });
    template.resourceCountIs('AWS::Logs::MetricFilter', 15);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'security/OrganizationsChanges' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'secops@example.com' });
  });

  test('deploys no Lambda function and no custom resource with its alarms', () => {
    const { template } = synth({ alarms: { rules: SecurityAlarmRule.RECOMMENDED, emailSubscriptions: ['a@example.com'], dashboard: true } });
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.values(template.toJSON().Resources).filter((r: any) => r.Type.startsWith('Custom::'))).toEqual([]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('leaves the alarms out with enabled: false', () => {
    const { trail, template } = synth({ alarms: { enabled: false } });
    expect(trail.securityAlarms).toBeUndefined();
    expect(trail.alarmTopic).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('has no alarms without CloudWatch Logs', () => {
    const { trail, template } = synth({ sendToCloudWatchLogs: false });
    expect(trail.securityAlarms).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(() => synth({ sendToCloudWatchLogs: false, alarms: { enabled: false } })).not.toThrow();
  });

  test('fails when alarms are configured while sendToCloudWatchLogs is false', () => {
    expect(() => synth({ sendToCloudWatchLogs: false, alarms: { emailSubscriptions: ['secops@example.com'] } })).toThrow(
      /alarms: are set while sendToCloudWatchLogs is false: the alarms watch the CloudWatch Logs log group \(received "security alarm options"\)\. Remove alarms/,
    );
  });

  test('keeps the construct paths of the trail\'s own resources when alarms are toggled', () => {
    const ids = (props: Partial<OrganizationTrailProps>) =>
      Object.keys(synth(props).template.toJSON().Resources).filter((id) => !id.startsWith('TrailAlarms'));
    expect(ids({ alarms: { enabled: false } })).toEqual(ids({}));
  });
});
