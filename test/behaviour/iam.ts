import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { Deployment } from './deployment';

/** The organization of every test account but the outsider's. */
export const ORGANIZATIONS: Record<string, string> = {
  111111111111: 'o-a1b2c3d4e5',
  222222222222: 'o-a1b2c3d4e5',
  333333333333: 'o-a1b2c3d4e5',
  444444444444: 'o-a1b2c3d4e5',
  555555555555: 'o-a1b2c3d4e5',
  999999999999: 'o-zz99zz99zz',
};

/** What an administrator's identity policy allows: everything. */
export const ADMINISTRATOR = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface AccessRequest {
  /** A service principal (`cloudtrail.amazonaws.com`) or an IAM principal's ARN. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The request context AWS documents for this call; the principal's own keys are added. */
  readonly context?: Record<string, string | string[]>;
  /** The principal's identity policies when it is not a role of the app (e.g. ADMINISTRATOR). */
  readonly identityPolicies?: any[];
}

/**
 * Decides a request with iam-simulate against the deployment's resource policy for the resource and the principal's
 * identity policies, as IAM evaluates same- and cross-account requests.
 *
 * Where the evaluator differs from AWS, and what this does about it:
 * - Its checked mode keeps only context keys it knows for the action, and it does not recognise
 *   `kms:EncryptionContext:<key>` (it matches variable keys by `/` only), so it would drop them and deny every
 *   CloudTrail and CloudWatch Logs key use. The checked run here only validates the request (the action exists, the
 *   ARN fits it); the decision comes from the unchecked run, which evaluates every key given.
 * - It cannot model service-principal semantics beyond the policy text (which principal AWS evaluates when a service
 *   calls another on its behalf, as S3 does for CloudTrail's Bucket Key), KMS grants, `iam:PassRole`, or SCPs the app
 *   does not define: requests are written with the principal and context AWS documents.
 */
export async function decide(deployment: Deployment, request: AccessRequest): Promise<Decision> {
  const isService = !request.principal.startsWith('arn:');
  const principalAccount = isService ? undefined : request.principal.split(':')[4];
  const context: Record<string, string | string[]> = {
    'aws:SecureTransport': 'true',
    'aws:PrincipalIsAWSService': isService ? 'true' : 'false',
    ...(isService ? { 'aws:PrincipalServiceName': request.principal } : {}),
    ...(principalAccount ? { 'aws:PrincipalAccount': principalAccount, 'aws:PrincipalArn': request.principal } : {}),
    ...(principalAccount && ORGANIZATIONS[principalAccount] ? { 'aws:PrincipalOrgID': ORGANIZATIONS[principalAccount] } : {}),
    ...request.context,
  };
  const identityPolicies = [
    ...deployment.identityPoliciesOf(request.principal),
    ...(request.identityPolicies ?? []).map((policy, i) => ({ name: `given${i}`, policy })),
  ];
  const resourcePolicy = deployment.resourcePolicyFor(request.resource);
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: deployment.accountOf(request.resource) },
      contextVariables: context,
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const checked = await runSimulation({ ...simulation, resourcePolicy }, { simulationMode: 'Strict' });
  if (checked.resultType === 'error') throw new Error(`invalid request ${JSON.stringify(request)}: ${JSON.stringify(checked.errors)}`);
  // A named resource policy: the evaluator's unchecked entry point reads the policy's name for its explanation.
  const named = resourcePolicy && { __validated: true, policyDocument: resourcePolicy, metadata: { name: 'resource policy' } };
  return runUnsafeSimulation({ ...simulation, resourcePolicy: named }, { simulationMode: 'Strict' }) as Decision;
}
