import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LakeBillingMode, LakeEventDataStore, LakeEventDataStoreProps } from '../../src';
import { onlyResource, statementWithSid, statements, testStack } from '../util';

function lake(props: LakeEventDataStoreProps = {}) {
  const stack = testStack();
  const store = new LakeEventDataStore(stack, 'Lake', props);
  return { stack, store, template: Template.fromStack(stack) };
}

describe('CloudTrail Lake event data store', () => {
  test('collects management events of every account and Region, encrypted with its own key, protected and retained', () => {
    const { template, store, stack } = lake();
    const key = onlyResource(template, 'AWS::KMS::Key');
    const eds = onlyResource(template, 'AWS::CloudTrail::EventDataStore');
    expect(eds.resource).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    expect(eds.resource.Properties).toEqual({
      Name: expect.stringMatching(/^[A-Za-z0-9._-]{3,128}$/),
      OrganizationEnabled: true,
      MultiRegionEnabled: true,
      IngestionEnabled: true,
      KmsKeyId: { 'Fn::GetAtt': [key.id, 'Arn'] },
      BillingMode: 'EXTENDABLE_RETENTION_PRICING',
      RetentionPeriod: 366,
      TerminationProtectionEnabled: true,
      AdvancedEventSelectors: [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
    });
    expect(key.resource).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate' });
    expect(key.resource.Properties.EnableKeyRotation).toBe(true);
    expect(store.node.defaultChild).toBe(store.eventDataStore);
    expect(stack.resolve(store.eventDataStoreArn)).toEqual({ 'Fn::GetAtt': [eds.id, 'EventDataStoreArn'] });
  });

  test('lets CloudTrail use the key without aws:SourceArn or aws:SourceAccount, which event data stores reject', () => {
    const { template } = lake();
    const policy = statements(onlyResource(template, 'AWS::KMS::Key').resource, 'KeyPolicy');
    expect(statementWithSid(policy, 'CloudTrailLakeEncrypt')).toEqual({
      Sid: 'CloudTrailLakeEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
    });
    expect(statementWithSid(policy, 'CloudTrailLakeDecrypt')).toMatchObject({ Action: 'kms:Decrypt', Principal: { Service: 'cloudtrail.amazonaws.com' } });
    expect(JSON.stringify(policy)).not.toMatch(/aws:SourceArn|aws:SourceAccount/);
    expect(statementWithSid(policy, 'DenyCreateGrantUnlessForAwsResource')).toBeDefined();
  });

  test('with fixed pricing, keeps events seven years by default', () => {
    const { template } = lake({ billingMode: LakeBillingMode.FIXED_RETENTION_PRICING });
    template.hasResourceProperties('AWS::CloudTrail::EventDataStore', {
      BillingMode: 'FIXED_RETENTION_PRICING',
      RetentionPeriod: 2557,
    });
  });

  test('passes name, retention, selectors, protection and removal policy through', () => {
    const selectors = [
      { name: 'Writes', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'readOnly', equalTo: ['false'] }] },
    ];
    const { template } = lake({
      eventDataStoreName: 'org-events',
      retention: Duration.days(3653),
      advancedEventSelectors: selectors,
      terminationProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template.hasResource('AWS::CloudTrail::EventDataStore', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Name: 'org-events',
        RetentionPeriod: 3653,
        TerminationProtectionEnabled: false,
        AdvancedEventSelectors: [
          { Name: 'Writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
        ],
      }),
    });
  });

  test('with an imported key, warns with the statements to add to its policy', () => {
    const stack = testStack();
    const encryptionKey = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/abcd');
    new LakeEventDataStore(stack, 'Lake', { encryptionKey });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CloudTrail::EventDataStore', { KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/abcd' });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Lake',
      Match.stringLikeRegexp('KMS key of the event data store is imported.*CloudTrailLakeEncrypt.*CloudTrailLakeDecrypt'),
    );
  });
});
