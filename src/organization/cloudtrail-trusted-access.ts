import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeNoResourceLevelPermissions } from '../core/acknowledgements';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * Enables trusted access for AWS CloudTrail in AWS Organizations, the prerequisite of every organization trail
 * created through the API (and so through CloudFormation), the same as
 * `aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com`.
 *
 * Opt-in, and **deploys a Lambda-backed custom resource** (aws-cdk-lib's AwsCustomResource), since CloudFormation has
 * no resource for it. Deploy it in the management account, before the trail (`trail.node.addDependency(access)`).
 * Deleting it leaves trusted access enabled: disabling it would stop every organization trail. The Lambda function
 * is the AwsCustomResource provider shared by the stack; its role has a customer managed policy allowing only this
 * one call for this one service principal.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-an-organizational-trail-prepare.html
 */
export class CloudTrailTrustedAccess extends Construct {
  /** The custom resource that calls `organizations:EnableAWSServiceAccess`. */
  public readonly customResource: cr.AwsCustomResource;

  /** The role of the custom resource's Lambda function. */
  public readonly role: iam.Role;

  /** The permissions of {@link role}. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Enables trusted access for CloudTrail in AWS Organizations',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Enable trusted access for CloudTrail in AWS Organizations',
      statements: [
        new iam.PolicyStatement({
          sid: 'EnableCloudTrailTrustedAccess',
          actions: ['organizations:EnableAWSServiceAccess'],
          // AWS Organizations has no resource-level permissions for this action; the condition narrows it.
          resources: ['*'],
          conditions: { StringEquals: { 'organizations:ServicePrincipal': CLOUDTRAIL } },
        }),
      ],
      roles: [this.role],
    });
    const enable: cr.AwsSdkCall = {
      service: 'Organizations',
      action: 'enableAWSServiceAccess',
      parameters: { ServicePrincipal: CLOUDTRAIL },
      physicalResourceId: cr.PhysicalResourceId.of(`trusted-access-${CLOUDTRAIL}`),
    };
    this.customResource = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::CloudTrailTrustedAccess',
      onCreate: enable,
      onUpdate: enable,
      role: this.role,
      installLatestAwsSdk: false,
    });
    this.customResource.node.addDependency(this.policy);

    acknowledgeNoResourceLevelPermissions(this.policy, 'organizations:EnableAWSServiceAccess', 'organizations:ServicePrincipal');
    // The provider function is a singleton at the stack's root, shared by every AwsCustomResource of the stack.
    const provider = Stack.of(this).node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) acknowledge(provider, 'customResourceFunction');
  }
}
