import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationTrail } from '../../src';
import { INVESTIGATIONS } from '../../src/analytics/private/investigations';
import { TAMPER_CALLS } from '../../src/core/tamper-calls';
import { SECURITY_EVENT_PATTERNS } from '../../src/organization/private/security-events';
import { ORG_ID, onlyResource, testStack } from '../util';

/** The calls a pattern's clauses name, per event source. */
function callsBySource(clauses: any[]): Record<string, string[]> {
  const calls: Record<string, string[]> = {};
  for (const clause of clauses) {
    for (const source of clause.eventSource) (calls[source] ??= []).push(...clause.eventName);
  }
  return Object.fromEntries(Object.entries(calls).map(([source, names]) => [source, [...new Set(names)].sort()]));
}

const sorted = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();

describe('one catalogue of tamper-relevant calls', () => {
  test('the tamper rule of a trail watches every call of the catalogue for its trail, buckets, key, log group, alarms and topic', () => {
    const stack = testStack();
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    const rule = onlyResource(Template.fromStack(stack), 'AWS::Events::Rule').resource;
    expect(callsBySource(rule.Properties.EventPattern.detail.$or)).toEqual({
      'cloudtrail.amazonaws.com': sorted(TAMPER_CALLS.trail.eventNames),
      's3.amazonaws.com': sorted(TAMPER_CALLS.bucket.eventNames),
      'kms.amazonaws.com': sorted(TAMPER_CALLS.key.eventNames),
      'logs.amazonaws.com': sorted(TAMPER_CALLS.logGroup.eventNames),
      'monitoring.amazonaws.com': sorted(TAMPER_CALLS.alarm.eventNames),
      'sns.amazonaws.com': sorted(TAMPER_CALLS.topic.eventNames),
    });
  });

  test('forwarding sends every trail and event data store tamper call, and leaving the organization', () => {
    expect(SECURITY_EVENT_PATTERNS.TrailTampering.pattern.detail).toEqual({
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: [...TAMPER_CALLS.trail.eventNames, ...TAMPER_CALLS.eventDataStore.eventNames],
    });
    expect(SECURITY_EVENT_PATTERNS.LeaveOrganization.pattern.detail).toEqual({
      eventSource: ['organizations.amazonaws.com'],
      eventName: [...TAMPER_CALLS.organizationMembership.eventNames],
    });
  });

  test('the investigations ask about the same calls', () => {
    const byId = Object.fromEntries(INVESTIGATIONS.map((i) => [i.id, i]));
    const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
    expect(byId.TrailTampering.where).toContain(`eventname IN (${quoted([...TAMPER_CALLS.trail.eventNames, ...TAMPER_CALLS.eventDataStore.eventNames])})`);
    const keyWhere = byId.KeyChanges.where.find((w) => w.startsWith('eventname IN'))!;
    for (const name of TAMPER_CALLS.key.eventNames) expect(keyWhere).toContain(`'${name}'`);
  });
});
