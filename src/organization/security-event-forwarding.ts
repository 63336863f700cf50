import { Names } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DEFAULTS } from '../core/defaults';
import { ForwardingRules } from './private/forwarding-rules';
import { CENTRAL_EVENT_BUS_PARAMETER, synthesizeMemberTemplate } from './private/member-stack';
import { Problems, isResolved, pathOf, validateOrganizationId } from '../core/validation';

/**
 * Properties of a {@link SecurityEventForwarding}.
 */
export interface SecurityEventForwardingProps {
  /**
   * The id of the AWS Organizations organization, e.g. `o-a1b2c3d4e5`. Only its accounts may put events on the
   * central event bus.
   */
  readonly organizationId: string;

  /**
   * The organizational units (`ou-...`) or the organization root (`r-...`) whose accounts forward their events. The
   * StackSet deploys to every account in them, and automatically to accounts that join them later.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
   */
  readonly organizationalUnitIds: string[];

  /**
   * The Regions to watch in each account: every Region your accounts use, and us-east-1, where sign-in and AWS
   * Organizations events arrive.
   */
  readonly regions: string[];

  /**
   * Name of the central event bus.
   *
   * @default "organization-security-events"
   */
  readonly eventBusName?: string;

  /**
   * Name of the StackSet.
   *
   * @default - a name unique to this construct's path
   */
  readonly stackSetName?: string;

  /**
   * Whether this stack is deployed in a delegated administrator account for CloudFormation StackSets rather than in
   * the management account.
   *
   * @default false
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-delegated-admin.html
   */
  readonly delegatedAdministrator?: boolean;
}

/**
 * Forwards security-critical CloudTrail events (root sign-ins and API calls, calls that stop or narrow CloudTrail
 * logging, an account leaving the organization) from every account and Region of an organization to a central
 * event bus in near real time, where rules of your own can alert on them. An organization trail's CloudWatch Logs
 * delivery lags by minutes; these events do not.
 *
 * The forwarding rules reach every member account through a CloudFormation StackSet with service-managed
 * permissions and automatic deployment to the given organizational units. Its template is synthesized from a CDK
 * stack of this library. Service-managed StackSets never deploy to the management account, so this construct also
 * creates the rules in its own account, in its own Region. The central bus's policy admits only the organization's
 * accounts (`aws:PrincipalOrgID`).
 *
 * Prerequisites: trusted access for CloudFormation StackSets in AWS Organizations
 * (`aws cloudformation activate-organizations-access`), and CloudTrail logging management events in every account
 * and Region (an organization trail does).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html
 */
export class SecurityEventForwarding extends Construct {
  /** The central event bus that receives the events. Add rules to it to alert. */
  public readonly eventBus: events.EventBus;

  /** The StackSet that deploys the forwarding rules to the member accounts. */
  public readonly stackSet: cloudformation.CfnStackSet;

  /** The CloudFormation template (JSON) the StackSet deploys to each account and Region. */
  public readonly memberTemplate: string;

  /** The forwarding rules of this stack's own account and Region. */
  public readonly localRules: events.CfnRule[];

  /** The role those rules use to put events on the central bus. */
  public readonly localRole: iam.Role;

  /** The permissions of {@link localRole}: `events:PutEvents` on the central bus. */
  public readonly localPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SecurityEventForwardingProps) {
    validate(props, pathOf(scope, id));
    super(scope, id);

    this.eventBus = new events.EventBus(this, 'EventBus', { eventBusName: props.eventBusName ?? DEFAULTS.securityEventBusName });
    this.eventBus.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationAccountsPutEvents',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [this.eventBus.eventBusArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      }),
    );

    const local = new ForwardingRules(this, 'LocalForwarding', this.eventBus.eventBusArn);
    this.localRules = local.rules;
    this.localRole = local.role;
    this.localPolicy = local.policy;

    this.memberTemplate = synthesizeMemberTemplate();
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: props.stackSetName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      description: 'Forwards security-critical CloudTrail events of every account and Region to the central event bus',
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.delegatedAdministrator ? 'DELEGATED_ADMIN' : 'SELF',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      managedExecution: { Active: true },
      capabilities: ['CAPABILITY_IAM'],
      operationPreferences: DEFAULTS.stackSetOperationPreferences,
      parameters: [{ parameterKey: CENTRAL_EVENT_BUS_PARAMETER, parameterValue: this.eventBus.eventBusArn }],
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: props.organizationalUnitIds }, regions: props.regions }],
      templateBody: this.memberTemplate,
    });
    // The bus and its policy exist before the first account forwards to it.
    this.stackSet.node.addDependency(this.eventBus);
  }
}

function validate(props: SecurityEventForwardingProps, path: string): void {
  const problems = new Problems('SecurityEventForwarding', path);
  validateOrganizationId(problems, 'organizationId', props.organizationId);
  if (props.organizationalUnitIds.length === 0) {
    problems.add('organizationalUnitIds', [], 'is empty: the StackSet would deploy nowhere', 'Give the root id (r-...) or organizational unit ids (ou-...).');
  }
  for (const ou of props.organizationalUnitIds.filter(isResolved)) {
    if (!/^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/.test(ou)) {
      problems.add('organizationalUnitIds', ou, 'is not an organizational unit id or root id', 'Use the ids shown by `aws organizations list-roots` or `list-organizational-units-for-parent`.');
    }
  }
  if (props.regions.length === 0) {
    problems.add('regions', [], 'is empty: the StackSet would deploy nowhere', 'List the Regions your accounts use, including us-east-1.');
  }
  for (const region of props.regions.filter(isResolved)) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      problems.add('regions', region, 'is not a Region name', 'Use names such as "us-east-1".');
    }
  }
  for (const [prop, values] of [['organizationalUnitIds', props.organizationalUnitIds], ['regions', props.regions]] as const) {
    const resolved = values.filter(isResolved);
    resolved.filter((v, i) => resolved.indexOf(v) !== i).forEach((v) => problems.add(prop, v, 'is listed twice', 'List each once.'));
  }
  const bus = props.eventBusName;
  if (bus !== undefined && isResolved(bus) && (!/^[A-Za-z0-9._-]{1,256}$/.test(bus) || bus === 'default')) {
    problems.add('eventBusName', bus, 'is not a name EventBridge accepts for a custom event bus', 'Use up to 256 letters, digits, ".", "_" or "-", other than "default".');
  }
  const name = props.stackSetName;
  if (name !== undefined && isResolved(name) && !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
    problems.add('stackSetName', name, 'is not a name CloudFormation accepts for a StackSet', 'Start with a letter; use up to 128 letters, digits and hyphens.');
  }
  problems.throwIfAny();
}
