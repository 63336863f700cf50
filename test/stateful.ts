import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** Resource types whose replacement loses data: a changed logical ID means CloudFormation replaces the resource. */
export const STATEFUL_TYPES = [
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::CloudTrail::EventDataStore',
  'AWS::Glue::Database',
  'AWS::Glue::Table',
];

/** The stateful resources of a stack: logical ID to resource type. */
export function statefulResources(stack: Stack): Record<string, string> {
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
  const result: Record<string, string> = {};
  for (const [id, resource] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
    if (!STATEFUL_TYPES.includes(resource.Type)) continue;
    result[id] = resource.Type;
  }
  return result;
}
