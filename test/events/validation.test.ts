import { Lazy, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { selectors, trailWith } from './util';
import {
  DataEvent,
  FieldCondition,
  InsightEventCategory,
  NetworkActivityEvent,
  OrganizationTrailProps,
  SelectorField,
  SelectorOperator,
} from '../../src';

/** The message of the error constructing a trail with these props throws. */
function constructionError(props: Partial<OrganizationTrailProps>): string {
  try {
    trailWith(props);
  } catch (e) {
    return String(e);
  }
  throw new Error('expected the trail to throw');
}

/** The message of the error synthesizing a trail with these props throws. */
function synthesisError(props: Partial<OrganizationTrailProps>, more?: (trail: ReturnType<typeof trailWith>['trail']) => void): string {
  const { stack, trail } = trailWith(props);
  more?.(trail);
  try {
    Template.fromStack(stack);
  } catch (e) {
    return String(e);
  }
  throw new Error('expected synthesis to fail');
}

const eventNames = (n: number) => Array.from({ length: n }, (_, i) => `Operation${i}`);
const withCondition = (condition: FieldCondition) => ({ dataEvents: [DataEvent.ofResourceType('AWS::SNS::Topic', { conditions: [condition] })] });
const networkWithCondition = (condition: FieldCondition) => ({
  networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com', { conditions: [condition] })],
});

describe('CloudTrail limits', () => {
  // The management selector has 1 value; a data selector 2 (eventCategory, resources.type) plus its conditions.
  test('500 condition values across the selectors are accepted', () => {
    const { stack } = trailWith(withCondition(FieldCondition.equalTo(SelectorField.EVENT_NAME, eventNames(497))));
    expect(selectors(stack)).toHaveLength(2);
  });

  test('fails with more than 500 condition values across the selectors', () => {
    const message = synthesisError(withCondition(FieldCondition.equalTo(SelectorField.EVENT_NAME, eventNames(498))));
    expect(message).toMatch(/dataEvents: exceed CloudTrail's limit of 500 values .*\(received "501 condition values in 2 advanced event selectors"\)\. Log fewer resources/);
  });

  test('fails when data events added later bring the values over 500', () => {
    const message = synthesisError({}, (trail) => {
      trail.addDataEvents(DataEvent.ofResourceType('AWS::SNS::Topic', { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, eventNames(400))] }));
      trail.addDataEvents(DataEvent.ofResourceType('AWS::SQS::Queue', { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, eventNames(100))] }));
    });
    expect(message).toMatch(/received "505 condition values in 3 advanced event selectors"/);
  });

  test('a list token counts as one value and passes through', () => {
    const names = Token.asList(Lazy.list({ produce: () => ['Publish'] }));
    const { stack } = trailWith(withCondition(FieldCondition.equalTo(SelectorField.EVENT_NAME, names)));
    expect(selectors(stack)[1].FieldSelectors).toContainEqual({ Field: 'eventName', Equals: ['Publish'] });
  });
});

describe('fields and operators', () => {
  test('fails on a resources.type condition: a data selector has exactly one resources.type', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.RESOURCES_TYPE, ['AWS::SQS::Queue'])));
    expect(message).toMatch(
      /dataEvents\[0\] \(DataEvent.ofResourceType\)\.conditions\[0\]: cannot filter on resources.type: a data selector has exactly one resources.type.*\(received "resources.type"\)\. Remove this condition; use another factory/,
    );
  });

  test('fails on an eventCategory condition, which the factory sets', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.EVENT_CATEGORY, ['Management'])));
    expect(message).toMatch(/dataEvents\[0\] \(DataEvent.ofResourceType\)\.conditions\[0\]: cannot filter on eventCategory.*\(received "eventCategory"\)\. Remove this condition/);
  });

  test('fails on readOnly with an operator other than Equals', () => {
    const message = constructionError(withCondition(FieldCondition.notEqualTo(SelectorField.READ_ONLY, ['true'])));
    expect(message).toMatch(/conditions\[0\]: CloudTrail compares readOnly with Equals only \(received "NotEquals"\)\. Use SelectorOperator.EQUALS\./);
  });

  test('fails on sessionCredentialFromConsole with an operator other than Equals or NotEquals', () => {
    const message = constructionError(withCondition(FieldCondition.startsWith(SelectorField.SESSION_CREDENTIAL_FROM_CONSOLE, ['t'])));
    expect(message).toMatch(/CloudTrail compares sessionCredentialFromConsole with Equals or NotEquals only \(received "StartsWith"\)\. Use SelectorOperator.EQUALS or NOT_EQUALS\./);
  });

  test('fails on errorCode with an operator other than Equals', () => {
    const message = constructionError(networkWithCondition(FieldCondition.notEqualTo(SelectorField.ERROR_CODE, ['VpceAccessDenied'])));
    expect(message).toMatch(/networkActivityEvents\[0\] \(NetworkActivityEvent.of\)\.conditions\[0\]: CloudTrail compares errorCode with Equals only \(received "NotEquals"\)/);
  });

  test('fails on a "*" wildcard in a value', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Get*'])));
    expect(message).toMatch(/conditions\[0\]: CloudTrail selectors take no "\*" wildcards \(received "Get\*"\)\. Match the beginning or the end of the value with the StartsWith or EndsWith operators instead\./);
  });

  test('fails on a field CloudTrail does not filter data events on', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.VPC_ENDPOINT_ID, ['vpce-1'])));
    expect(message).toMatch(/conditions\[0\]: CloudTrail does not filter data events on this field \(received "vpcEndpointId"\)\. Use one of: eventName, eventSource, eventType, readOnly, resources.ARN, sessionCredentialFromConsole, userIdentity.arn\./);
  });

  test('fails on a field CloudTrail does not filter network activity events on', () => {
    const message = constructionError(networkWithCondition(FieldCondition.startsWith(SelectorField.RESOURCES_ARN, ['arn:aws:kms:'])));
    expect(message).toMatch(/networkActivityEvents\[0\].*conditions\[0\]: CloudTrail does not filter network activity events on this field \(received "resources.ARN"\)\. Use one of: eventName, errorCode, vpcEndpointId\./);
  });

  test('fails on an eventSource condition of network activity events, which has one event source', () => {
    const message = constructionError(networkWithCondition(FieldCondition.equalTo(SelectorField.EVENT_SOURCE, ['s3.amazonaws.com'])));
    expect(message).toMatch(/conditions\[0\]: cannot filter on eventSource: a network activity selector has exactly one eventSource.*\(received "eventSource"\)/);
  });

  test('fails on a condition without values', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.EVENT_NAME, [])));
    expect(message).toMatch(/conditions\[0\]: has no values, so it matches nothing \(received \[\]\)\. Give at least one value, or remove the condition\./);
  });

  test('fails on a readOnly value other than "true" or "false"', () => {
    const message = constructionError(withCondition(FieldCondition.equalTo(SelectorField.READ_ONLY, ['yes'])));
    expect(message).toMatch(/conditions\[0\]: readOnly is either "true" or "false" \(received "yes"\)\. Use "true" or "false"\./);
  });

  test('fails on an errorCode other than VpceAccessDenied', () => {
    const message = constructionError(networkWithCondition(FieldCondition.equalTo(SelectorField.ERROR_CODE, ['AccessDenied'])));
    expect(message).toMatch(/only on the error code VpceAccessDenied \(received "AccessDenied"\)\. Use the onlyAccessDenied option instead\./);
  });

  test('fails on the readOnly option together with a readOnly condition', () => {
    const message = constructionError({
      dataEvents: [DataEvent.allLambdaInvocations({ readOnly: true, conditions: [FieldCondition.equalTo(SelectorField.READ_ONLY, ['true'])] })],
    });
    expect(message).toMatch(/dataEvents\[0\] \(DataEvent.allLambdaInvocations\)\.conditions: is given together with the readOnly option \(received "a readOnly condition"\)\. Keep one/);
  });

  test('fails on the onlyAccessDenied option together with an errorCode condition', () => {
    const message = constructionError({
      networkActivityEvents: [
        NetworkActivityEvent.of('kms.amazonaws.com', {
          onlyAccessDenied: true,
          conditions: [FieldCondition.of(SelectorField.ERROR_CODE, SelectorOperator.EQUALS, ['VpceAccessDenied'])],
        }),
      ],
    });
    expect(message).toMatch(/\.conditions: is given together with the onlyAccessDenied option \(received "an errorCode condition"\)/);
  });

  test('tokens pass through unvalidated', () => {
    const type = Lazy.string({ produce: () => 'AWS::SNS::Topic' });
    const name = Lazy.string({ produce: () => 'Get*' });
    const { stack } = trailWith({
      dataEvents: [DataEvent.ofResourceType(type, { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, [name])] })],
    });
    expect(selectors(stack)[1].FieldSelectors).toContainEqual({ Field: 'resources.type', Equals: ['AWS::SNS::Topic'] });
  });
});

describe('factories', () => {
  test('fails on a malformed resource type', () => {
    const message = constructionError({ dataEvents: [DataEvent.ofResourceType('SNS::Topic')] });
    expect(message).toMatch(
      /dataEvents\[0\] \(DataEvent.ofResourceType\)\.resourceType: is not a CloudTrail data resource type \(received "SNS::Topic"\)\. Use the resources.type value .*"AWS::SNS::Topic"/,
    );
  });

  test.each([
    ['s3Objects', 'buckets', 'allS3Objects', () => DataEvent.s3Objects([])],
    ['lambdaInvocations', 'functions', 'allLambdaInvocations', () => DataEvent.lambdaInvocations([])],
    ['dynamoDbItems', 'tables', 'allDynamoDbItems', () => DataEvent.dynamoDbItems([])],
  ])('fails on %s with no %s', (factory, list, all, event) => {
    const message = constructionError({ dataEvents: [event()] });
    expect(message).toContain(
      `dataEvents[0] (DataEvent.${factory}).${list}: is empty: no ${list} to log data events of (received []). ` +
        `Give at least one, or use DataEvent.${all}() to log them all.`,
    );
  });

  test.each([
    ['/exports/', 'starts with "/", but object keys do not', 'Use "exports/".'],
    ['exports/*', 'CloudTrail selectors take no "*" wildcards', 'Give the literal start of the keys'],
    ['', 'is empty', 'Leave it out to log every object of the buckets.'],
  ])('fails on the object prefix %j', (objectPrefix, problem, fix) => {
    const message = constructionError({ dataEvents: [DataEvent.s3Objects([], { objectPrefix })] });
    expect(message).toContain(`dataEvents[0] (DataEvent.s3Objects).objectPrefix: ${problem} (received ${JSON.stringify(objectPrefix)}). ${fix}`);
  });

  test('fails on a network event source that is not an AWS service', () => {
    const message = constructionError({ networkActivityEvents: [NetworkActivityEvent.of('kms')] });
    expect(message).toMatch(/networkActivityEvents\[0\] \(NetworkActivityEvent.of\)\.eventSource: is not the event source of an AWS service \(received "kms"\)\. Use .*"kms.amazonaws.com"/);
  });

  test('fails on an empty list of VPC endpoints', () => {
    const message = constructionError({ networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com', { vpcEndpoints: [] as ec2.IVpcEndpoint[] })] });
    expect(message).toMatch(/\.vpcEndpoints: is empty: no VPC endpoint to log calls through \(received \[\]\)\. Give at least one, or leave it out/);
  });

  test('addDataEvents fails at once, naming the argument', () => {
    const { trail } = trailWith();
    expect(() => trail.addDataEvents(DataEvent.allS3Objects(), DataEvent.ofResourceType('AWS::SNS'))).toThrow(
      /Invalid OrganizationTrail.addDataEvents configuration:\n {2}- events\[1\] \(DataEvent.ofResourceType\)\.resourceType: is not a CloudTrail data resource type \(received "AWS::SNS"\)/,
    );
  });

  test('addNetworkActivityEvents fails at once, naming the argument', () => {
    const { trail } = trailWith();
    expect(() => trail.addNetworkActivityEvents(NetworkActivityEvent.of('KMS.amazonaws.com'))).toThrow(
      /Invalid OrganizationTrail.addNetworkActivityEvents configuration:\n {2}- events\[0\] \(NetworkActivityEvent.of\)\.eventSource/,
    );
  });

  test('every problem of the props is reported in one error', () => {
    const message = constructionError({
      dataEvents: [DataEvent.s3Objects([]), DataEvent.ofResourceType('bad')],
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_CALL_RATE],
    });
    expect(message.match(/^ {2}- /gm)).toHaveLength(3);
    expect(message).toMatch(/dataEvents\[0\].*\n.*dataEvents\[1\]|dataEvents\[1\].*\n.*dataEvents\[0\]/);
  });
});

describe('management events', () => {
  test('fails on managementEvents NONE without data or network activity events', () => {
    const message = synthesisError({ managementEvents: cloudtrail.ReadWriteType.NONE });
    expect(message).toMatch(
      /managementEvents: leaves the trail with nothing to log: it has no data events and no network activity events \(received "None"\)\. Add dataEvents or networkActivityEvents, or log management events\./,
    );
  });

  test('managementEvents NONE is valid once data events are added later', () => {
    const { stack, trail } = trailWith({ managementEvents: cloudtrail.ReadWriteType.NONE });
    trail.addDataEvents(DataEvent.allLambdaInvocations());
    expect(selectors(stack)).toHaveLength(1);
  });

  test('fails on excluded sources with managementEvents NONE', () => {
    const message = constructionError({
      managementEvents: cloudtrail.ReadWriteType.NONE,
      excludeManagementEventSources: [cloudtrail.ManagementEventSources.KMS],
      dataEvents: [DataEvent.allLambdaInvocations()],
    });
    expect(message).toMatch(/excludeManagementEventSources: excludes sources of management events, which managementEvents NONE does not log at all \(received \["kms.amazonaws.com"\]\)\. Remove excludeManagementEventSources/);
  });

  test('fails on a source excluded twice', () => {
    const kms = cloudtrail.ManagementEventSources.KMS;
    const message = constructionError({ excludeManagementEventSources: [kms, kms] });
    expect(message).toMatch(/excludeManagementEventSources: is given twice \(received "kms.amazonaws.com"\)\. Give each source once\./);
  });
});

describe('Insights', () => {
  test.each([cloudtrail.ReadWriteType.READ_ONLY, cloudtrail.ReadWriteType.NONE])(
    'fails on API call rate Insights with managementEvents %s, which logs no write management events',
    (managementEvents) => {
      const message = constructionError({
        managementEvents,
        dataEvents: [DataEvent.allLambdaInvocations()],
        insightTypes: [cloudtrail.InsightType.API_CALL_RATE],
      });
      expect(message).toContain(
        `insightTypes: API call rate Insights analyse write management events, which the trail does not log (received "ApiCallRateInsight with managementEvents ${managementEvents}"). ` +
          'Set managementEvents to ALL or WRITE_ONLY, or remove InsightType.API_CALL_RATE.',
      );
    },
  );

  test('fails on API error rate Insights with managementEvents NONE', () => {
    const message = constructionError({
      managementEvents: cloudtrail.ReadWriteType.NONE,
      dataEvents: [DataEvent.allLambdaInvocations()],
      insightTypes: [cloudtrail.InsightType.API_ERROR_RATE],
    });
    expect(message).toMatch(/insightTypes: API error rate Insights analyse read or write management events.*\(received "ApiErrorRateInsight with managementEvents None"\)\. Set managementEvents to ALL, READ_ONLY or WRITE_ONLY/);
  });

  test('fails on an Insights type given twice', () => {
    const message = constructionError({ insightTypes: [cloudtrail.InsightType.API_ERROR_RATE, cloudtrail.InsightType.API_ERROR_RATE] });
    expect(message).toMatch(/insightTypes: is given twice \(received "ApiErrorRateInsight"\)\. Give each Insights type once\./);
  });

  test('fails on Insights on data events without data events', () => {
    const message = synthesisError({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE], insightEventCategories: [InsightEventCategory.DATA] });
    expect(message).toMatch(/insightEventCategories: include Data, but the trail logs no data events for Insights to analyse \(received \["Data"\]\)\. Add dataEvents, or remove InsightEventCategory.DATA\./);
  });

  test('Insights on data events are valid once data events are added later', () => {
    const { stack, trail } = trailWith({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE], insightEventCategories: [InsightEventCategory.DATA] });
    trail.addDataEvents(DataEvent.allLambdaInvocations());
    expect(selectors(stack)).toHaveLength(2);
  });

  test('fails on insightEventCategories without insightTypes', () => {
    const message = constructionError({ insightEventCategories: [InsightEventCategory.MANAGEMENT] });
    expect(message).toMatch(/insightEventCategories: is set but insightTypes is not \(received \["Management"\]\)\. Add insightTypes, or remove insightEventCategories\./);
  });

  test('fails on empty insightEventCategories', () => {
    const message = constructionError({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE], insightEventCategories: [] });
    expect(message).toMatch(/insightEventCategories: is empty, so Insights analyse nothing \(received \[\]\)\. Leave it out for management events, or list the categories\./);
  });

  test('fails on an Insights event category given twice', () => {
    const message = constructionError({
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE],
      insightEventCategories: [InsightEventCategory.MANAGEMENT, InsightEventCategory.MANAGEMENT],
    });
    expect(message).toMatch(/insightEventCategories: is given twice \(received "Management"\)\. Give each category once\./);
  });
});
