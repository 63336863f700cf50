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
 * The default prefix for alarms on a log group: its name made name-safe (`aws-controltower/CloudTrailLogs` becomes
 * `aws-controltower-CloudTrailLogs-`), or, when the name is only known at deploy time, a name unique to the construct.
 */
export function defaultAlarmNamePrefix(scope: IConstruct, logGroup: logs.ILogGroup): string {
  const name = logGroup.logGroupName;
  const base = isResolved(name)
    ? name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')
    : Names.uniqueResourceName(scope, { maxLength: 64, separator: '-' });
  return `${base}-`;
}

/**
 * What this app has claimed so far, per account and Region: alarm names (which are unique in an account and
 * Region) and the number of metric filters on each log group (at most 100). Keyed by the app, so that two stacks
 * deployed to the same environment are checked together.
 */
interface Claims {
  readonly alarmNames: Map<string, string>;
  readonly metricFilters: Map<string, number>;
}

const claimsByApp = new WeakMap<IConstruct, Claims>();

function claims(scope: IConstruct): Claims {
  const root = scope.node.root;
  let found = claimsByApp.get(root);
  if (!found) {
    found = { alarmNames: new Map(), metricFilters: new Map() };
    claimsByApp.set(root, found);
  }
  return found;
}

/** The account and Region the scope deploys to, or its stack when they are only known at deploy time. */
function environmentKey(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return isResolved(stack.account) && isResolved(stack.region) ? `${stack.account}/${stack.region}` : stack.node.path;
}

/** The construct path that already claimed this alarm name in the same environment, if any. */
export function alarmNameOwner(scope: IConstruct, alarmName: string): string | undefined {
  if (!isResolved(alarmName)) return undefined;
  return claims(scope).alarmNames.get(`${environmentKey(scope)} ${alarmName}`);
}

export function claimAlarmName(scope: IConstruct, alarmName: string): void {
  if (!isResolved(alarmName)) return;
  claims(scope).alarmNames.set(`${environmentKey(scope)} ${alarmName}`, scope.node.path);
}

/** Identifies a log group across imports: by name when known, else by construct. */
function logGroupKey(scope: IConstruct, logGroup: logs.ILogGroup): string {
  const name = logGroup.logGroupName;
  return isResolved(name) ? `${environmentKey(scope)} ${name}` : logGroup.node.path;
}

/** How many metric filters this app already puts on the log group. */
export function metricFilterCount(scope: IConstruct, logGroup: logs.ILogGroup): number {
  return claims(scope).metricFilters.get(logGroupKey(scope, logGroup)) ?? 0;
}

export function claimMetricFilter(scope: IConstruct, logGroup: logs.ILogGroup): void {
  const key = logGroupKey(scope, logGroup);
  const map = claims(scope).metricFilters;
  map.set(key, (map.get(key) ?? 0) + 1);
}
