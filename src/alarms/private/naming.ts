import { Names, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { isResolved } from '../../core/validation';

/**
 * The one naming scheme of the security alarms: the alarm, its metric and its metric filter are all named
 * `<prefix><rule id>`. Rule ids never change between releases, so neither do the names.
 */
export function securityAlarmName(prefix: string, ruleId: string): string {
  return `${prefix}${ruleId}`;
}

/** Name of the delivery heartbeat alarm, in the same scheme. */
export const HEARTBEAT_ID = 'DeliveryHeartbeat';

/**
 * The default prefix for alarms on a log group whose name is known at synth time: the name made name-safe
 * (`aws-controltower/CloudTrailLogs` becomes `aws-controltower-CloudTrailLogs-`). Undefined for a name known only at
 * deploy time: {@link uniqueAlarmNamePrefix} then names the alarms after the construct.
 */
export function alarmNamePrefixOf(logGroup: logs.ILogGroup): string | undefined {
  const name = logGroup.logGroupName;
  return isResolved(name) ? `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}-` : undefined;
}

/** The longest prefix {@link uniqueAlarmNamePrefix} gives. */
export const UNIQUE_PREFIX_MAX_LENGTH = 65;

/** A prefix unique to the construct, for alarms on a log group whose name is known only at deploy time. */
export function uniqueAlarmNamePrefix(scope: IConstruct): string {
  return `${Names.uniqueResourceName(scope, { maxLength: UNIQUE_PREFIX_MAX_LENGTH - 1, separator: '-' })}-`;
}

/**
 * Where alarms are unique: the account and Region a scope deploys to, or its stack when they are only known at
 * deploy time.
 */
export function environmentKey(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return isResolved(stack.account) && isResolved(stack.region) ? `${stack.account}/${stack.region}` : stack.node.path;
}

/** Identifies a log group across imports: by name in its environment when known, else by construct. */
export function logGroupKey(scope: IConstruct, logGroup: logs.ILogGroup): string {
  const name = logGroup.logGroupName;
  return isResolved(name) ? `${environmentKey(scope)} ${name}` : logGroup.node.path;
}
