import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataEvent, FieldCondition, SelectorField, SelectorOperator } from '../../src';
import { testStack } from '../util';
import { MANAGEMENT_SELECTOR, fieldsOf, selectors, trailProperties, trailWith } from './util';

const S3 = 'Data events: AWS::S3::Object';
const LAMBDA = 'Data events: AWS::Lambda::Function';
const DYNAMODB = 'Data events: AWS::DynamoDB::Table';

const category = { Field: 'eventCategory', Equals: ['Data'] };
const type = (t: string) => ({ Field: 'resources.type', Equals: [t] });

describe('S3 objects', () => {
  test('allS3Objects logs every bucket except the trail bucket and its access-log bucket', () => {
    // Given / When
    const { stack, trail } = trailWith({ dataEvents: [DataEvent.allS3Objects()] });
    // Then
    expect(fieldsOf(stack, S3)).toEqual([
      category,
      type('AWS::S3::Object'),
      {
        Field: 'resources.ARN',
        NotStartsWith: [
          stack.resolve(`${trail.bucket.bucketArn}/`),
          stack.resolve(`${trail.logArchive!.accessLogsBucket.bucketArn}/`),
        ],
      },
    ]);
  });

  test('allS3Objects excludes a bucket of the user\'s own when the trail delivers there', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Central');
    trailWith({ bucket, dataEvents: [DataEvent.allS3Objects()] }, stack);
    expect(fieldsOf(stack, S3)).toContainEqual({ Field: 'resources.ARN', NotStartsWith: [stack.resolve(`${bucket.bucketArn}/`)] });
  });

  test('allS3Objects excludes further buckets, after the trail\'s', () => {
    const stack = testStack();
    const other = new s3.Bucket(stack, 'VpcFlowLogs');
    const { trail } = trailWith({ dataEvents: [DataEvent.allS3Objects({ excludeBuckets: [other] })] }, stack);
    expect(fieldsOf(stack, S3)[2]).toEqual({
      Field: 'resources.ARN',
      NotStartsWith: [
        stack.resolve(`${trail.bucket.bucketArn}/`),
        stack.resolve(`${trail.logArchive!.accessLogsBucket.bucketArn}/`),
        stack.resolve(`${other.bucketArn}/`),
      ],
    });
  });

  test('allS3Objects with excludeTrailBuckets false logs every bucket without a resources.ARN condition', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allS3Objects({ excludeTrailBuckets: false })] });
    expect(fieldsOf(stack, S3)).toEqual([category, type('AWS::S3::Object')]);
  });

  test('allS3Objects takes readOnly: write events only', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allS3Objects({ readOnly: false })] });
    expect(fieldsOf(stack, S3)).toContainEqual({ Field: 'readOnly', Equals: ['false'] });
  });

  test('s3Objects logs the objects of the buckets, with StartsWith on each bucket ARN and "/"', () => {
    const stack = testStack();
    const a = new s3.Bucket(stack, 'A');
    const b = s3.Bucket.fromBucketName(stack, 'B', 'audit-exports');
    trailWith({ dataEvents: [DataEvent.s3Objects([a, b])] }, stack);
    expect(fieldsOf(stack, S3)).toEqual([
      category,
      type('AWS::S3::Object'),
      { Field: 'resources.ARN', StartsWith: [stack.resolve(`${a.bucketArn}/`), stack.resolve(`${b.bucketArn}/`)] },
    ]);
  });

  test('s3Objects takes an object prefix and readOnly', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Audit', 'audit');
    trailWith({ dataEvents: [DataEvent.s3Objects([bucket], { objectPrefix: 'exports/', readOnly: true })] }, stack);
    expect(fieldsOf(stack, S3)).toEqual([
      category,
      type('AWS::S3::Object'),
      { Field: 'resources.ARN', StartsWith: [stack.resolve(`${bucket.bucketArn}/exports/`)] },
      { Field: 'readOnly', Equals: ['true'] },
    ]);
  });
});

describe('Lambda invocations', () => {
  test('allLambdaInvocations selects the resource type only', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allLambdaInvocations()] });
    expect(fieldsOf(stack, LAMBDA)).toEqual([category, type('AWS::Lambda::Function')]);
  });

  test('lambdaInvocations names each function by its exact ARN', () => {
    const stack = testStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:111111111111:function:payments');
    trailWith({ dataEvents: [DataEvent.lambdaInvocations([fn], { readOnly: false })] }, stack);
    expect(fieldsOf(stack, LAMBDA)).toEqual([
      category,
      type('AWS::Lambda::Function'),
      { Field: 'resources.ARN', Equals: ['arn:aws:lambda:us-east-1:111111111111:function:payments'] },
      { Field: 'readOnly', Equals: ['false'] },
    ]);
  });
});

describe('DynamoDB items', () => {
  test('allDynamoDbItems selects the resource type only', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allDynamoDbItems()] });
    expect(fieldsOf(stack, DYNAMODB)).toEqual([category, type('AWS::DynamoDB::Table')]);
  });

  test('dynamoDbItems names each table by its exact ARN', () => {
    const stack = testStack();
    const table = new dynamodb.TableV2(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    trailWith({ dataEvents: [DataEvent.dynamoDbItems([table])] }, stack);
    expect(fieldsOf(stack, DYNAMODB)).toEqual([
      category,
      type('AWS::DynamoDB::Table'),
      { Field: 'resources.ARN', Equals: [stack.resolve(table.tableArn)] },
    ]);
  });
});

describe('any resource type and conditions', () => {
  test('ofResourceType renders each operator under its CloudFormation name', () => {
    const f = SelectorField;
    const { stack } = trailWith({
      dataEvents: [
        DataEvent.ofResourceType('AWS::SNS::Topic', {
          conditions: [
            FieldCondition.equalTo(f.EVENT_NAME, ['Publish']),
            FieldCondition.notEqualTo(f.EVENT_TYPE, ['AwsServiceEvent']),
            FieldCondition.startsWith(f.RESOURCES_ARN, ['arn:aws:sns:us-east-1:111111111111:alerts']),
            FieldCondition.notStartsWith(f.USER_IDENTITY_ARN, ['arn:aws:sts::111111111111:assumed-role/Deployer/']),
            FieldCondition.endsWith(f.EVENT_SOURCE, ['.amazonaws.com']),
            FieldCondition.notEndsWith(f.RESOURCES_ARN, ['-test']),
            FieldCondition.of(f.SESSION_CREDENTIAL_FROM_CONSOLE, SelectorOperator.NOT_EQUALS, ['true']),
          ],
        }),
      ],
    });
    expect(fieldsOf(stack, 'Data events: AWS::SNS::Topic')).toEqual([
      category,
      type('AWS::SNS::Topic'),
      { Field: 'eventName', Equals: ['Publish'] },
      { Field: 'eventType', NotEquals: ['AwsServiceEvent'] },
      { Field: 'resources.ARN', StartsWith: ['arn:aws:sns:us-east-1:111111111111:alerts'], NotEndsWith: ['-test'] },
      { Field: 'userIdentity.arn', NotStartsWith: ['arn:aws:sts::111111111111:assumed-role/Deployer/'] },
      { Field: 'eventSource', EndsWith: ['.amazonaws.com'] },
      { Field: 'sessionCredentialFromConsole', NotEquals: ['true'] },
    ]);
  });

  test('conditions on the factory\'s field join its field selector; repeated values are given once', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Audit', 'audit');
    const condition = FieldCondition.notStartsWith(SelectorField.RESOURCES_ARN, [`${bucket.bucketArn}/tmp/`]);
    trailWith({ dataEvents: [DataEvent.s3Objects([bucket], { conditions: [condition, condition] })] }, stack);
    const arn = fieldsOf(stack, S3).filter((f) => f.Field === 'resources.ARN');
    expect(arn).toEqual([
      { Field: 'resources.ARN', StartsWith: [stack.resolve(`${bucket.bucketArn}/`)], NotStartsWith: [stack.resolve(`${bucket.bucketArn}/tmp/`)] },
    ]);
  });

  test('every data event is its own selector, after the management events, in the order given', () => {
    const { stack } = trailWith({
      dataEvents: [DataEvent.allLambdaInvocations(), DataEvent.allS3Objects(), DataEvent.ofResourceType('AWS::SQS::Queue')],
    });
    expect(selectors(stack).map((s) => s.Name)).toEqual([
      'Management events',
      LAMBDA,
      S3,
      'Data events: AWS::SQS::Queue',
    ]);
    expect(selectors(stack)[0]).toEqual(MANAGEMENT_SELECTOR);
  });

  test('selectors of the same resource type get numbered names', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allS3Objects({ readOnly: false }), DataEvent.allS3Objects({ readOnly: true })] });
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Management events', S3, `${S3} (2)`]);
  });

  test('addDataEvents after construction is rendered too', () => {
    const { stack, trail } = trailWith({ dataEvents: [DataEvent.allLambdaInvocations()] });
    trail.addDataEvents(DataEvent.ofResourceType('AWS::SNS::Topic'), DataEvent.allDynamoDbItems());
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Management events', LAMBDA, 'Data events: AWS::SNS::Topic', DYNAMODB]);
  });

  test('addDataEvents after the selectors were first resolved is rendered too', () => {
    const { stack, trail } = trailWith();
    // Something resolved the trail early, e.g. an aspect or a first synthesis: management events only, a basic selector.
    expect(stack.resolve(trail.trail.eventSelectors)).toHaveLength(1);
    expect(stack.resolve(trail.trail.advancedEventSelectors)).toBeUndefined();
    trail.addDataEvents(DataEvent.allLambdaInvocations());
    expect(stack.resolve(trail.trail.eventSelectors)).toBeUndefined();
    expect(stack.resolve(trail.trail.advancedEventSelectors)).toHaveLength(2);
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Management events', LAMBDA]);
  });

  test('a trail with data events has no basic event selectors', () => {
    const { stack } = trailWith({ dataEvents: [DataEvent.allS3Objects(), DataEvent.allLambdaInvocations()] });
    expect(trailProperties(stack).EventSelectors).toBeUndefined();
  });

  test('the factories expose the resource type', () => {
    expect(DataEvent.allS3Objects().resourceType).toBe('AWS::S3::Object');
    expect(DataEvent.lambdaInvocations([]).resourceType).toBe('AWS::Lambda::Function');
    expect(DataEvent.dynamoDbItems([]).resourceType).toBe('AWS::DynamoDB::Table');
    expect(DataEvent.ofResourceType('AWS::S3Express::Object').resourceType).toBe('AWS::S3Express::Object');
  });
});
