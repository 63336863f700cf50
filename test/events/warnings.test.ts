import { Annotations as CoreAnnotations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataEvent, FieldCondition, NetworkActivityEvent, SelectorField } from '../../src';
import { testStack } from '../util';
import { trailWith } from './util';

const ack = (id: string) => `\\[ack: cdk-organization-trail:${id}\\]`;

describe('compliance warnings', () => {
  test.each([
    [cloudtrail.ManagementEventSources.KMS, 'kms.amazonaws.com'],
    [cloudtrail.ManagementEventSources.RDS_DATA_API, 'rdsdata.amazonaws.com'],
  ])('excluding %s fails CloudTrail.1 and cloudtrail-security-trail-enabled', (source, name) => {
    const { stack } = trailWith({ excludeManagementEventSources: [source] });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`leaves out ${name}: Security Hub CloudTrail.1 .*cloudtrail-security-trail-enabled and CloudTrailChecks. CloudTrail-TrailManagementEvents fail.*${ack('managementEventSourcesExcluded')}`),
    );
  });

  test.each([cloudtrail.ReadWriteType.READ_ONLY, cloudtrail.ReadWriteType.WRITE_ONLY])('managementEvents %s fails CloudTrail.1', (managementEvents) => {
    const { stack } = trailWith({ managementEvents });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`managementEvents is ${managementEvents}: Security Hub CloudTrail.1.*${ack('managementEventsNotAll')}`),
    );
  });

  test('the default trail warns about nothing', () => {
    const { stack } = trailWith();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('cost warnings', () => {
  test.each([
    ['AWS::S3::Object', () => DataEvent.allS3Objects()],
    ['AWS::Lambda::Function', () => DataEvent.allLambdaInvocations()],
    ['AWS::DynamoDB::Table', () => DataEvent.allDynamoDbItems()],
    ['AWS::SNS::Topic', () => DataEvent.ofResourceType('AWS::SNS::Topic', { readOnly: false })],
  ])('data events of every %s resource of the organization', (type, event) => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [event()] });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`Data events of every ${type} resource are logged in every account.*${ack('organizationWideDataEvents')}`),
    );
  });

  test('data events narrowed to resources are not organization-wide', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Audit', 'audit');
    const { trail } = trailWith(
      {
        sendToCloudWatchLogs: false,
        dataEvents: [
          DataEvent.s3Objects([bucket]),
          DataEvent.ofResourceType('AWS::SNS::Topic', {
            conditions: [FieldCondition.startsWith(SelectorField.RESOURCES_ARN, ['arn:aws:sns:us-east-1:111111111111:'])],
          }),
        ],
      },
      stack,
    );
    CoreAnnotations.of(trail).acknowledgeWarning('cdk-organization-trail:cloudWatchLogsOff', 'This test delivers to S3 only');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('data events delivered to CloudWatch Logs, once per trail', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Audit', 'audit');
    const { trail } = trailWith({ dataEvents: [DataEvent.s3Objects([bucket])] }, stack);
    trail.addDataEvents(DataEvent.s3Objects([bucket]));
    const warnings = Annotations.fromStack(stack).findWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`CloudWatch Logs too, where ingestion is billed per GB.*${ack('dataEventsToCloudWatchLogs')}`),
    );
    expect(warnings).toHaveLength(1);
  });

  test('network activity events alone do not warn about CloudWatch Logs', () => {
    const { stack } = trailWith({ networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com')] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('Insights are billed per event analysed', () => {
    const { stack } = trailWith({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE] });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`Insights \\(ApiCallRateInsight, ApiErrorRateInsight\\) are billed per 100,000 events analysed.*${ack('insightsCost')}`),
    );
  });

  test('warnings can be acknowledged', () => {
    const { stack, trail } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.allLambdaInvocations()] });
    CoreAnnotations.of(trail).acknowledgeWarning('cdk-organization-trail:organizationWideDataEvents', 'Lambda invocations are the audit scope');
    CoreAnnotations.of(trail).acknowledgeWarning('cdk-organization-trail:cloudWatchLogsOff', 'This trail delivers to S3 only');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('feedback loop and resource types', () => {
  test('S3 data events on the trail\'s own bucket warn', () => {
    const { stack, trail } = trailWith({ sendToCloudWatchLogs: false });
    trail.addDataEvents(DataEvent.s3Objects([trail.bucket]));
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`include a bucket the trail writes to.*feedback loop.*${ack('trailBucketDataEvents')}`),
    );
  });

  test('all S3 data events without the exclusion of the trail\'s buckets warn', () => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.allS3Objects({ excludeTrailBuckets: false })] });
    Annotations.fromStack(stack).hasWarning('/Stack/Trail', Match.stringLikeRegexp(ack('trailBucketDataEvents')));
  });

  test('all S3 data events without the exclusion but kept to other named buckets by Equals or StartsWith do not warn; EndsWith does', () => {
    const kept = (operator: 'equalTo' | 'startsWith' | 'endsWith', values: string[]) => {
      const condition = FieldCondition[operator](SelectorField.RESOURCES_ARN, values);
      const dataEvents = [DataEvent.allS3Objects({ excludeTrailBuckets: false, conditions: [condition] })];
      const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents });
      return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(ack('trailBucketDataEvents')));
    };
    expect(kept('equalTo', ['arn:aws:s3:::payments-bucket/ledger.csv'])).toHaveLength(0);
    expect(kept('startsWith', ['arn:aws:s3:::payments-bucket/', 'arn:aws:s3:::claims-bucket/'])).toHaveLength(0);
    // A prefix that stops before a bucket name keeps every bucket, the trail's too; log files end like any object.
    expect(kept('startsWith', ['arn:aws:s3:::pay'])).toHaveLength(1);
    expect(kept('endsWith', ['.json.gz'])).toHaveLength(1);
  });

  test('all S3 data events with the default exclusion do not warn about the loop', () => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.allS3Objects()] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(ack('trailBucketDataEvents')))).toHaveLength(0);
  });

  test('an unknown but well-formed resource type only warns', () => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.ofResourceType('AWS::NewService::Widget')] });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Trail',
      Match.stringLikeRegexp(`AWS::NewService::Widget is not among the data resource types this library knows Check.*${ack('unknownDataResourceType')}`),
    );
  });

  test.each([
    ['AWS::S3::Objects', 'AWS::S3::Object'],
    ['AWS::Lambda::Functoin', 'AWS::Lambda::Function'],
    ['AWS::DynamoDB::Tabel', 'AWS::DynamoDB::Table'],
  ])('a misspelt %s suggests %s', (type, suggestion) => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.ofResourceType(type)] });
    Annotations.fromStack(stack).hasWarning('/Stack/Trail', Match.stringLikeRegexp(`${type} is not among .*: did you mean ${suggestion}\\?`));
  });

  test.each(['AWS::S3Express::Object', 'AWS::Bedrock::AgentAlias', 'AWS::SQS::Queue', 'AWS::DynamoDB::Stream'])('%s is a known type', (type) => {
    const { stack } = trailWith({ sendToCloudWatchLogs: false, dataEvents: [DataEvent.ofResourceType(type)] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(ack('unknownDataResourceType')))).toHaveLength(0);
  });
});
