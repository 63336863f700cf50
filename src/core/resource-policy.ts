import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { WARNING_PREFIX } from './defaults';

/** Anything with a resource policy: a bucket, a key, a topic. */
interface HasResourcePolicy {
  addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;
}

/**
 * Adds statements to a resource's policy. An imported resource's policy cannot be edited from this app: then warn,
 * with the statements the owner must add by hand.
 */
export function addToResourcePolicyOrWarn(
  scope: IConstruct,
  resource: HasResourcePolicy,
  statements: iam.PolicyStatement[],
  warningId: string,
  what: string,
  consequence = 'CloudTrail will fail to deliver',
): void {
  const missing = statements.filter((statement) => !resource.addToResourcePolicy(statement).statementAdded);
  if (missing.length === 0) return;
  const stack = Stack.of(scope);
  const json = missing.map((statement) => JSON.stringify(stack.resolve(statement.toStatementJson())));
  Annotations.of(scope).addWarningV2(
    `${WARNING_PREFIX}:${warningId}`,
    `The ${what} is imported, so its policy cannot be updated from this app. ` +
      `Add these statements to it, or ${consequence}: ${json.join(' ')}`,
  );
}
