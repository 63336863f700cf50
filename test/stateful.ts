import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

/** Resource types whose replacement loses data: a changed logical ID means CloudFormation replaces the resource. */
export const STATEFUL_TYPES = [
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::CloudTrail::EventDataStore',
  'AWS::Glue::Database',
  'AWS::Glue::Table',
];

/** The stacks a configuration built: the construct itself, or the stacks under it. */
export function stacksOf(scope: IConstruct): Stack[] {
  return scope.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}

/** The stateful resources under a construct: `<stack>/<logical ID>` (or the logical ID, for one stack) to resource type. */
export function statefulResources(scope: IConstruct): Record<string, string> {
  const stacks = stacksOf(scope);
  const result: Record<string, string> = {};
  for (const stack of stacks) {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
    for (const [id, resource] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
      if (!STATEFUL_TYPES.includes(resource.Type)) continue;
      result[stacks.length === 1 ? id : `${stack.node.id}/${id}`] = resource.Type;
    }
  }
  return result;
}
