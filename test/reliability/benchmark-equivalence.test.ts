import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { handwrittenOrganizationTrail } from '../../bench/handwritten';
import { OrganizationTrail } from '../../src';
import { ENV, ORG_ID } from '../util';

/**
 * The benchmark compares the default trail with a hand-written equivalent; the comparison is fair only while both
 * deploy the same resources. The CloudTrail L2 the hand-written code uses attaches an inline policy to the delivery
 * role where the library attaches a managed one.
 */
describe('the benchmark hand-written equivalent', () => {
  const resourceTypes = (build: (stack: Stack) => void): Record<string, number> => {
    // The hand-written code logs server access with a bucket policy, which needs this flag (new CDK projects set it).
    const app = new App({ builtinCloudFormationValidation: false, context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
    const stack = new Stack(app, 'Bench', { env: ENV });
    build(stack);
    const counts: Record<string, number> = {};
    for (const resource of Object.values<any>(Template.fromStack(stack).toJSON().Resources)) {
      counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    }
    return counts;
  };

  test('deploys the same resources as the default trail, type for type', () => {
    const { 'AWS::IAM::Policy': inline, ...handwritten } = resourceTypes((stack) => handwrittenOrganizationTrail(stack, ORG_ID));
    const { 'AWS::IAM::ManagedPolicy': managed, ...library } = resourceTypes((stack) => {
      new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, alarms: { emailSubscriptions: ['security-team@example.com'] } });
    });
    expect(inline).toBe(1);
    expect(managed).toBe(1);
    expect(library).toEqual(handwritten);
    expect(library['AWS::CloudWatch::Alarm']).toBe(17);
    expect(library['AWS::CloudWatch::CompositeAlarm']).toBe(1);
    expect(Object.keys(library).filter((type) => type.startsWith('Custom::') || type.includes('Lambda'))).toEqual([]);
  });
});
