import { Token } from 'aws-cdk-lib';
import { DEFAULTS } from '../../core/defaults';
import { LIMITS } from '../../core/limits';
import { Problems, isResolved, validateAlarmOptions, validateEmailAddresses, validateFilterPattern } from '../../core/validation';
import type { SecurityAlarmRuleOptions } from '../security-alarm';
import { SecurityAlarmRule } from '../security-alarm-rule';
import type { SecurityAlarmsOptions } from '../security-alarms';
import { HEARTBEAT_ID, securityAlarmName } from './naming';

/** A rule about to be added, with its options and the prop that named it (for error messages). */
export interface PlannedRule {
  readonly rule: SecurityAlarmRule;
  readonly options: SecurityAlarmRuleOptions;
  readonly prop: string;
}

/** The prefix of the alarm names: known, or only its longest length (a name derived from a construct path). */
export interface AlarmNamePrefix {
  readonly known?: string;
  readonly maxLength: number;
}

/**
 * Checks what the options of security alarms say on their own, before anything is built; `prefix` names where they
 * were given, e.g. `alarms.`. Alarm names shared with other constructs and the metric filter quota depend on the
 * app: SecurityAlarms checks them at synthesis. Returns the rules to add: enabled ones, in order, each rule once.
 */
export function validateSecurityAlarmsOptions(
  problems: Problems,
  options: SecurityAlarmsOptions,
  alarmNames: AlarmNamePrefix,
  prefix = '',
): PlannedRule[] {
  const at = (name: string) => `${prefix}${name}`;
  const namePrefix = options.alarmNamePrefix;
  if (namePrefix !== undefined && isResolved(namePrefix) && !LIMITS.alarmNamePrefixPattern.test(namePrefix)) {
    problems.add(at('alarmNamePrefix'), namePrefix, 'contains characters not allowed', 'Use letters, digits, ".", "_", "-" and "/".');
  }
  const namespace = options.metricNamespace;
  if (
    namespace !== undefined &&
    isResolved(namespace) &&
    (namespace.trim() === '' || namespace.length > 255 || namespace.startsWith('AWS/') || namespace.startsWith(':'))
  ) {
    problems.add(
      at('metricNamespace'),
      namespace,
      'must be 1 to 255 characters and not start with "AWS/", which AWS reserves, or with ":"',
      'Use a name such as "CloudTrailMetrics".',
    );
  }
  const rules = options.rules ?? SecurityAlarmRule[DEFAULTS.securityAlarmRules];
  const listed = new Set(rules.map((r) => r.id));
  const overridden = new Set<string>();
  (options.overrides ?? []).forEach((override, i) => {
    const id = override.rule.id;
    if (!listed.has(id)) {
      problems.add(at(`overrides[${i}].rule`), id, 'is not one of the rules', 'Add the rule to `rules`, or remove the override.');
    } else if (overridden.has(id)) {
      problems.add(at(`overrides[${i}].rule`), id, 'is overridden twice', 'Merge the two overrides into one.');
    }
    overridden.add(id);
  });
  if (options.heartbeat?.enabled ?? DEFAULTS.heartbeatEnabled) {
    validateAlarmOptions(problems, at('heartbeat'), { period: options.heartbeat?.period });
  }

  const overrides = new Map((options.overrides ?? []).map((o, i) => [o.rule.id, { ...o, prop: at(`overrides[${i}]`) }]));
  const seen = new Set<SecurityAlarmRule>();
  const planned: PlannedRule[] = [];
  rules.forEach((rule, i) => {
    if (seen.has(rule)) return;
    seen.add(rule);
    const override = overrides.get(rule.id);
    if (override?.enabled === false) return;
    planned.push({ rule, options: override ?? {}, prop: override?.prop ?? at(`rules[${i}]`) });
  });
  validateRuleOptions(problems, planned, new Map());
  const heartbeat = options.heartbeat?.enabled ?? DEFAULTS.heartbeatEnabled;
  validateAlarmNames(problems, options.alarmNamePrefix ?? alarmNames.known, alarmNames.maxLength, planned, heartbeat ? at('heartbeat') : undefined);

  if (options.alarmActions && options.alarmActions.length === 0) {
    problems.add(
      at('alarmActions'),
      [],
      'an alarm without actions notifies nobody (and fails CloudWatch.15 and CT.CLOUDWATCH.PR.1)',
      'Leave alarmActions out to notify the topic, or give at least one action.',
    );
  }
  const emails = options.emailSubscriptions ?? [];
  validateEmailAddresses(problems, at('emailSubscriptions'), emails);
  if (emails.length > 0 && options.alarmActions && !options.topic) {
    problems.add(
      at('emailSubscriptions'),
      emails,
      'there is no topic to subscribe to: alarmActions replace the default topic',
      'Give your own topic as `topic`, or subscribe the addresses to the destination of your alarmActions.',
    );
  }
  if (options.topic && !Token.isUnresolved(options.topic.fifo) && options.topic.fifo) {
    problems.add(at('topic'), options.topic.topicArn, 'is a FIFO topic, which CloudWatch alarms cannot publish to', 'Use a standard topic.');
  }
  return planned;
}

/** Checks rules about to be added: ids unique among them and the `existing` ones, pattern length, alarm options. */
export function validateRuleOptions(problems: Problems, planned: PlannedRule[], existing: Map<string, SecurityAlarmRule>): void {
  const ids = new Map(existing);
  for (const { rule, options, prop } of planned) {
    const other = ids.get(rule.id);
    if (other) {
      problems.add(prop, rule.id, other === rule ? 'is already added' : 'is the id of another rule as well', 'Give each custom rule an id of its own.');
    }
    ids.set(rule.id, rule);
    rule.filterPatterns.forEach((pattern, i) => validateFilterPattern(problems, `${prop}.filterPatterns[${i}]`, pattern));
    validateAlarmOptions(problems, prop, options, DEFAULTS.alarmPeriod);
  }
}

/**
 * Alarm names within one construct: each fits CloudWatch's 255 characters, and none is taken twice (a custom rule
 * with the heartbeat's id). `taken` holds names already in the construct, by the prop that set them.
 */
export function validateAlarmNames(
  problems: Problems,
  knownPrefix: string | undefined,
  prefixMaxLength: number,
  planned: PlannedRule[],
  heartbeatProp: string | undefined,
  taken = new Map<string, string>(),
): void {
  const names = new Map(taken);
  const check = (prop: string, suffix: string) => {
    const name = securityAlarmName(knownPrefix ?? '', suffix);
    if (knownPrefix !== undefined && !isResolved(knownPrefix)) return;
    const length = knownPrefix === undefined ? prefixMaxLength + suffix.length : name.length;
    if (length > LIMITS.maxAlarmNameLength) {
      problems.add(
        prop,
        knownPrefix === undefined ? suffix : name,
        knownPrefix === undefined
          ? `makes an alarm name that can be longer than ${LIMITS.maxAlarmNameLength} characters, after a prefix derived from the construct path (up to ${prefixMaxLength})`
          : `makes an alarm name longer than ${LIMITS.maxAlarmNameLength} characters`,
        'Shorten alarmNamePrefix or the rule id.',
      );
    }
    const owner = names.get(suffix);
    if (owner) {
      problems.add(prop, name, `is an alarm name already used by ${owner}`, 'Give each rule its own id.');
    }
    names.set(suffix, prop);
  };
  if (heartbeatProp) check(heartbeatProp, HEARTBEAT_ID);
  for (const { rule, prop } of planned) check(prop, rule.id);
}
