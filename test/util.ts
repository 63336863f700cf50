import { App, Environment, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The management account and Region every test stack is deployed to. */
export const ENV = { account: '111111111111', region: 'us-east-1' } as const;
export const ORG_ID = 'o-a1b2c3d4e5';

/**
 * A stack with a fixed environment in an app without aws-cdk-lib's built-in CloudFormation validation: unit tests
 * assert on templates; the validator suites (validators.test.ts) run every validator.
 */
export function testStack(id = 'Stack', env: Environment = ENV): Stack {
  return new Stack(testApp(), id, { env });
}

/** An app for stacks of several environments, as {@link testStack} makes them. */
export function testApp(): App {
  return new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
}

/** The one resource of a type in a template, with its logical id. */
export function onlyResource(template: Template, type: string): { id: string; resource: any } {
  const found = Object.entries(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  const [id, resource] = found[0];
  return { id, resource };
}

/** The statements of a policy document, resolved. */
export function statements(resource: any, property = 'PolicyDocument'): any[] {
  return resource.Properties[property].Statement;
}

/** The statement with this Sid. */
export function statementWithSid(list: any[], sid: string): any {
  const found = list.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement with Sid ${sid} among ${list.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** `arn:${Partition}:...` as aws-cdk-lib renders it. */
export function partitionArn(rest: string): any {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}
