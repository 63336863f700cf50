import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DetectionTest } from '../../src';
import { testStack } from '../util';

const record = {
  eventVersion: '1.09',
  userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/Admin/jane', accountId: '111111111111' },
  eventTime: '2026-11-30T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'PutBucketPolicy',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.10',
  requestParameters: { bucketName: 'example-trail-logs', size: 12 },
  resources: [{ ARN: 'arn:aws:s3:::example-trail-logs', type: 'AWS::S3::Bucket' }, { ARN: 'arn:aws:s3:::other', type: 'AWS::S3::Object' }],
  eventID: 'aaaaaaaa-0000-0000-0000-000000000001',
  readOnly: false,
  eventType: 'AwsApiCall',
  recipientAccountId: '111111111111',
};

const matches = (detail: object, envelope: object = {}) => DetectionTest.eventPatternMatches({ ...envelope, detail }, record);

describe('EventBridge event patterns on CloudTrail records as EventBridge delivers them', () => {
  test('the envelope: detail-type from the event type, source from the service, the record as detail', () => {
    expect(DetectionTest.eventBridgeEvent(record)).toEqual({
      'version': '0',
      'id': record.eventID,
      'detail-type': 'AWS API Call via CloudTrail',
      'source': 'aws.s3',
      'account': '111111111111',
      'time': record.eventTime,
      'region': 'us-east-1',
      'resources': [],
      'detail': record,
    });
    const signIn = DetectionTest.eventBridgeEvent({ ...record, eventSource: 'signin.amazonaws.com', eventType: 'AwsConsoleSignIn' });
    expect([signIn['detail-type'], signIn.source]).toEqual(['AWS Console Sign In via CloudTrail', 'aws.signin']);
    expect(DetectionTest.eventBridgeEvent({ ...record, eventSource: 'monitoring.amazonaws.com' }).source).toBe('aws.cloudwatch');
    const insight = DetectionTest.eventBridgeEvent({ eventVersion: '1.07', eventType: 'AwsCloudTrailInsight', insightDetails: { eventSource: 'ec2.amazonaws.com' } });
    expect([insight['detail-type'], insight.source]).toEqual(['AWS Insight via CloudTrail', 'aws.cloudtrail']);
    expect(() => DetectionTest.eventBridgeEvent({ eventName: 'x' })).toThrow(/has a string eventSource; this one has undefined/);
  });

  test.each([
    [{ eventName: ['PutBucketPolicy'] }, true],
    [{ eventName: ['DeleteBucket', 'PutBucketPolicy'] }, true],
    [{ eventName: ['putbucketpolicy'] }, false],
    [{ eventName: [{ prefix: 'PutBucket' }] }, true],
    [{ eventName: [{ prefix: { 'equals-ignore-case': 'putbucket' } }] }, true],
    [{ eventName: [{ suffix: 'Policy' }] }, true],
    [{ eventName: [{ suffix: 'Acl' }] }, false],
    [{ eventName: [{ 'equals-ignore-case': 'PUTBUCKETPOLICY' }] }, true],
    [{ eventName: [{ wildcard: 'Put*Policy' }] }, true],
    [{ eventName: [{ 'anything-but': 'PutBucketPolicy' }] }, false],
    [{ eventName: [{ 'anything-but': ['DeleteBucket'] }] }, true],
    [{ eventName: [{ 'anything-but': { prefix: 'Put' } }] }, false],
    [{ requestParameters: { size: [{ numeric: ['>', 10, '<=', 12] }] } }, true],
    [{ requestParameters: { size: [{ numeric: ['>', 12] }] } }, false],
    [{ requestParameters: { size: [12] } }, true],
    [{ sourceIPAddress: [{ cidr: '203.0.113.0/24' }] }, true],
    [{ sourceIPAddress: [{ cidr: '198.51.100.0/24' }] }, false],
    [{ errorCode: [{ exists: false }] }, true],
    [{ errorCode: [{ exists: true }] }, false],
    [{ requestParameters: { bucketName: [{ exists: true }] } }, true],
    [{ userIdentity: { type: ['AssumedRole'] }, requestParameters: { bucketName: ['example-trail-logs'] } }, true],
    [{ userIdentity: { type: ['Root'] } }, false],
    [{ missing: { nested: ['x'] } }, false],
  ])('%j matches: %s', (detail, expected) => {
    expect(matches(detail)).toBe(expected);
  });

  test('an array in the event matches if one element does; a nested pattern must hold in one element', () => {
    expect(matches({ resources: { ARN: ['arn:aws:s3:::other'] } })).toBe(true);
    expect(matches({ resources: { ARN: ['arn:aws:s3:::example-trail-logs'], type: ['AWS::S3::Bucket'] } })).toBe(true);
    // Both values occur, but in different elements.
    expect(matches({ resources: { ARN: ['arn:aws:s3:::other'], type: ['AWS::S3::Bucket'] } })).toBe(false);
  });

  test('$or, at any level', () => {
    expect(matches({ $or: [{ eventName: ['DeleteBucket'] }, { requestParameters: { bucketName: ['example-trail-logs'] } }] })).toBe(true);
    expect(matches({ $or: [{ eventName: ['DeleteBucket'] }, { errorCode: [{ exists: true }] }] })).toBe(false);
  });

  test('the envelope fields are matched too', () => {
    expect(matches({}, { 'source': ['aws.s3'], 'detail-type': ['AWS API Call via CloudTrail'] })).toBe(true);
    expect(matches({}, { source: ['aws.kms'] })).toBe(false);
  });

  test('anything-but on a field the event lacks is not guessed, unless the rest decides', () => {
    expect(() => matches({ errorCode: [{ 'anything-but': 'AccessDenied' }] })).toThrow(/does not document: "anything-but" on detail\.errorCode/);
    expect(matches({ eventName: ['DeleteBucket'], errorCode: [{ 'anything-but': 'AccessDenied' }] })).toBe(false);
  });

  test('parseRecord reads a record from its JSON text, and refuses what is not one', () => {
    expect(DetectionTest.parseRecord(JSON.stringify(record))).toEqual(record);
    expect(() => DetectionTest.parseRecord('{"eventName": ')).toThrow(/A CloudTrail record is JSON text; this is not JSON/);
    expect(() => DetectionTest.parseRecord('[1, 2]')).toThrow(/A CloudTrail record is a JSON object \(received \[1,2\]\)/);
  });

  test.each([
    [{ eventName: 'PutBucketPolicy' }, /a list of values or filters/],
    [{ eventName: [{ regex: 'x' }] }, /"regex" is not a content filter/],
    [{ eventName: [{ prefix: 'a', suffix: 'b' }] }, /has one key/],
    [{ requestParameters: { size: [{ numeric: ['>'] }] } }, /operator and number pairs/],
  ])('%j is refused with a clear error', (detail, error) => {
    expect(() => matches(detail)).toThrow(error);
  });

  describe('eventRuleMatches: a rule with deploy-time values', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const rule = new events.CfnRule(stack, 'Rule', {
      state: 'ENABLED',
      eventPattern: { detail: { requestParameters: { bucketName: [bucket.bucketName] }, resources: { ARN: events.Match.prefix(bucket.bucketArn) } } },
    });
    const deployTimeValues = { [bucket.bucketName]: 'example-trail-logs', [bucket.bucketArn]: 'arn:aws:s3:::example-trail-logs' };

    test('matches with the values named', () => {
      expect(DetectionTest.eventRuleMatches(rule, record, { deployTimeValues })).toBe(true);
      expect(DetectionTest.eventRuleMatches(rule, { ...record, requestParameters: { bucketName: 'other' } }, { deployTimeValues })).toBe(false);
    });

    test('names the value it lacks', () => {
      expect(() => DetectionTest.eventRuleMatches(rule, record)).toThrow(/known only at deploy time: \{"Ref":"Bucket83908E77"\}/);
    });

    test('needs a deploy-time value only where it decides', () => {
      const kms = { ...record, eventSource: 'kms.amazonaws.com', requestParameters: {}, resources: [] };
      const scoped = new events.CfnRule(stack, 'Scoped', { state: 'ENABLED', eventPattern: { source: ['aws.s3'], detail: { requestParameters: { bucketName: [bucket.bucketName] } } } });
      expect(DetectionTest.eventRuleMatches(scoped, kms)).toBe(false);
      expect(() => DetectionTest.eventRuleMatches(scoped, record)).toThrow(/known only at deploy time/);
    });

    test('read-only events reach only rules that opt in to them', () => {
      const readOnly = { ...record, readOnly: true };
      expect(DetectionTest.eventRuleMatches(rule, readOnly, { deployTimeValues })).toBe(false);
      const optedIn = new events.CfnRule(stack, 'AllManagementEvents', { state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', eventPattern: rule.eventPattern });
      expect(DetectionTest.eventRuleMatches(optedIn, readOnly, { deployTimeValues })).toBe(true);
      const disabled = new events.CfnRule(stack, 'Disabled', { state: 'DISABLED', eventPattern: rule.eventPattern });
      expect(DetectionTest.eventRuleMatches(disabled, record, { deployTimeValues })).toBe(false);
    });
  });
});
