import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationTrail, OrganizationTrailProps } from '../../src';
import { ORG_ID, onlyResource, testStack } from '../util';

/** A trail with these props in a fresh test stack; the security alarms, another feature with warnings of its own, are off. */
export function trailWith(props: Partial<OrganizationTrailProps> = {}, stack: Stack = testStack()): { stack: Stack; trail: OrganizationTrail } {
  const trail = new OrganizationTrail(stack, 'Trail', {
    organizationId: ORG_ID,
    trailName: 'org-trail',
    alarms: { enabled: false },
    ...props,
  });
  return { stack, trail };
}

/** The trail's properties in the synthesized template. */
export function trailProperties(stack: Stack): any {
  return onlyResource(Template.fromStack(stack), 'AWS::CloudTrail::Trail').resource.Properties;
}

/** The trail's advanced event selectors. */
export function selectors(stack: Stack): any[] {
  return trailProperties(stack).AdvancedEventSelectors;
}

/** The field selectors of the one advanced event selector with this name. */
export function fieldsOf(stack: Stack, name: string): any[] {
  const found = selectors(stack).filter((s) => s.Name === name);
  if (found.length !== 1) throw new Error(`expected one selector named ${name}, found ${found.length}`);
  return found[0].FieldSelectors;
}

export const MANAGEMENT_SELECTOR = { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
