import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SECURITY_EVENT_PATTERNS } from './security-events';

/**
 * EventBridge rules on an account's default event bus that send the security-critical CloudTrail events to a central
 * event bus, through a role EventBridge assumes (required for a bus in another account or Region), with a customer
 * managed policy allowing `events:PutEvents` on that bus only.
 */
export class ForwardingRules extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;
  public readonly rules: events.CfnRule[];

  constructor(scope: Construct, id: string, centralEventBusArn: string) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: 'Lets EventBridge forward security events to the central event bus',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Put security events on the central event bus',
      statements: [new iam.PolicyStatement({ sid: 'PutOnCentralBus', actions: ['events:PutEvents'], resources: [centralEventBusArn] })],
      roles: [this.role],
    });
    this.rules = Object.entries(SECURITY_EVENT_PATTERNS).map(([name, { description, pattern }]) => {
      const rule = new events.CfnRule(this, name, {
        description: `Forwards to the central security event bus: ${description}`,
        state: 'ENABLED',
        eventPattern: pattern,
        targets: [{ id: 'CentralEventBus', arn: centralEventBusArn, roleArn: this.role.roleArn }],
      });
      rule.node.addDependency(this.policy);
      return rule;
    });
  }
}
