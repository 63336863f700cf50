import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DataEvent, FieldCondition, InsightEventCategory, NetworkActivityEvent, SelectorField } from '../../src';
import { testStack } from '../util';
import { MANAGEMENT_SELECTOR, fieldsOf, selectors, trailProperties, trailWith } from './util';

describe('management events', () => {
  test('by default, one basic selector logs read and write management events, and nothing else', () => {
    const { stack } = trailWith();
    const properties = trailProperties(stack);
    // The form auditors' tools read: Powerpipe's CIS queries skip a trail without basic selectors.
    expect(properties.EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true }]);
    expect(properties.AdvancedEventSelectors).toBeUndefined();
    expect(properties.InsightSelectors).toBeUndefined();
  });

  test.each([
    [cloudtrail.ReadWriteType.READ_ONLY, 'ReadOnly'],
    [cloudtrail.ReadWriteType.WRITE_ONLY, 'WriteOnly'],
  ])('%s alone is a basic selector of that type', (managementEvents, readWriteType) => {
    const { stack } = trailWith({ managementEvents });
    expect(trailProperties(stack).EventSelectors).toEqual([{ ReadWriteType: readWriteType, IncludeManagementEvents: true }]);
  });

  test('excluded sources alone stay a basic selector', () => {
    const { stack } = trailWith({
      excludeManagementEventSources: [cloudtrail.ManagementEventSources.KMS, cloudtrail.ManagementEventSources.RDS_DATA_API],
    });
    expect(trailProperties(stack).EventSelectors).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
    ]);
  });

  describe('beside data events, as the first advanced selector', () => {
    const dataEvents = [DataEvent.allLambdaInvocations()];

    test('ALL is the default selector, and no basic selector is left', () => {
      const { stack } = trailWith({ managementEvents: cloudtrail.ReadWriteType.ALL, dataEvents });
      expect(selectors(stack)[0]).toEqual(MANAGEMENT_SELECTOR);
      expect(trailProperties(stack).EventSelectors).toBeUndefined();
    });

    test.each([
      [cloudtrail.ReadWriteType.READ_ONLY, 'true'],
      [cloudtrail.ReadWriteType.WRITE_ONLY, 'false'],
    ])('%s filters on readOnly = %s', (managementEvents, readOnly) => {
      const { stack } = trailWith({ managementEvents, dataEvents });
      expect(fieldsOf(stack, 'Management events')).toEqual([
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'readOnly', Equals: [readOnly] },
      ]);
    });

    test('excluded sources become eventSource NotEquals', () => {
      const { stack } = trailWith({
        dataEvents,
        excludeManagementEventSources: [cloudtrail.ManagementEventSources.KMS, cloudtrail.ManagementEventSources.RDS_DATA_API],
      });
      expect(fieldsOf(stack, 'Management events')).toEqual([
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
      ]);
    });
  });

  test('NONE leaves out the management selector: a data-events-only trail', () => {
    const { stack } = trailWith({ managementEvents: cloudtrail.ReadWriteType.NONE, dataEvents: [DataEvent.allLambdaInvocations()] });
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Data events: AWS::Lambda::Function']);
  });

  test('NONE with only network activity events is a valid trail', () => {
    const { stack } = trailWith({
      managementEvents: cloudtrail.ReadWriteType.NONE,
      networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com')],
    });
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Network activity events: kms.amazonaws.com']);
  });
});

describe('network activity events', () => {
  const KMS = 'Network activity events: kms.amazonaws.com';

  test('select one event source each', () => {
    const { stack } = trailWith({
      networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com'), NetworkActivityEvent.of('s3.amazonaws.com')],
    });
    expect(fieldsOf(stack, KMS)).toEqual([
      { Field: 'eventCategory', Equals: ['NetworkActivity'] },
      { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
    ]);
    expect(fieldsOf(stack, 'Network activity events: s3.amazonaws.com')).toContainEqual({ Field: 'eventSource', Equals: ['s3.amazonaws.com'] });
  });

  test('onlyAccessDenied keeps the calls an endpoint policy denied', () => {
    const { stack } = trailWith({ networkActivityEvents: [NetworkActivityEvent.of('kms.amazonaws.com', { onlyAccessDenied: true })] });
    expect(fieldsOf(stack, KMS)).toContainEqual({ Field: 'errorCode', Equals: ['VpceAccessDenied'] });
  });

  test('vpcEndpoints and conditions narrow to endpoints and operations', () => {
    const stack = testStack();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', {
      vpcEndpointId: 'vpce-0123456789abcdef0',
      port: 443,
    });
    trailWith(
      {
        networkActivityEvents: [
          NetworkActivityEvent.of('kms.amazonaws.com', {
            vpcEndpoints: [endpoint],
            conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Decrypt'])],
          }),
        ],
      },
      stack,
    );
    expect(fieldsOf(stack, KMS)).toEqual([
      { Field: 'eventCategory', Equals: ['NetworkActivity'] },
      { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
      { Field: 'vpcEndpointId', Equals: ['vpce-0123456789abcdef0'] },
      { Field: 'eventName', Equals: ['Decrypt'] },
    ]);
  });

  test('addNetworkActivityEvents after construction is rendered too', () => {
    const { stack, trail } = trailWith();
    trail.addNetworkActivityEvents(NetworkActivityEvent.of('secretsmanager.amazonaws.com'));
    expect(selectors(stack).map((s) => s.Name)).toEqual(['Management events', 'Network activity events: secretsmanager.amazonaws.com']);
  });
});

describe('Insights', () => {
  test('each type analyses management events by default', () => {
    const { stack } = trailWith({ insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE] });
    expect(trailProperties(stack).InsightSelectors).toEqual([
      { InsightType: 'ApiCallRateInsight', EventCategories: ['Management'] },
      { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management'] },
    ]);
  });

  test('analyse the event categories given', () => {
    const { stack } = trailWith({
      dataEvents: [DataEvent.allLambdaInvocations()],
      insightTypes: [cloudtrail.InsightType.API_ERROR_RATE],
      insightEventCategories: [InsightEventCategory.MANAGEMENT, InsightEventCategory.DATA],
    });
    expect(trailProperties(stack).InsightSelectors).toEqual([{ InsightType: 'ApiErrorRateInsight', EventCategories: ['Management', 'Data'] }]);
  });

  test('on data events only, need no management events', () => {
    const { stack } = trailWith({
      managementEvents: cloudtrail.ReadWriteType.NONE,
      dataEvents: [DataEvent.allLambdaInvocations()],
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE],
      insightEventCategories: [InsightEventCategory.DATA],
    });
    expect(trailProperties(stack).InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight', EventCategories: ['Data'] }]);
  });

  test('error rate Insights work with read-only management events', () => {
    const { stack } = trailWith({ managementEvents: cloudtrail.ReadWriteType.READ_ONLY, insightTypes: [cloudtrail.InsightType.API_ERROR_RATE] });
    expect(trailProperties(stack).InsightSelectors).toHaveLength(1);
  });

  test('an empty list turns Insights off', () => {
    const { stack } = trailWith({ insightTypes: [] });
    expect(trailProperties(stack).InsightSelectors).toBeUndefined();
  });
});
