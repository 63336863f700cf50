import { isObject, literalString, UNKNOWN } from './app-templates';
import { wildcardRegex } from '../../core/wildcard';

/** One statement of a resource policy as the template states it. */
export interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: unknown;
  readonly Resource?: unknown;
}

/** The statements of a policy document, or UNKNOWN when a condition (`Fn::If`) or a parameter shapes them. */
export function statementsOf(document: unknown): Statement[] | typeof UNKNOWN {
  if (!isObject(document)) return UNKNOWN;
  const statements = document.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return list.every((s) => isObject(s) && !('Fn::If' in s)) ? (list as Statement[]) : UNKNOWN;
}

export function isAllow(statement: Statement): boolean {
  return literalString(statement.Effect) === 'Allow';
}

export function isDeny(statement: Statement): boolean {
  return literalString(statement.Effect) === 'Deny';
}

/** Whether the statement names this service principal (`cloudtrail.amazonaws.com`, say). */
export function namesService(statement: Statement, service: string): boolean {
  const principal = statement.Principal;
  return isObject(principal) && asList(principal.Service).some((s) => literalString(s) === service);
}

/** Whether the statement's principal is everyone: `"*"` or `{ "AWS": "*" }`. */
export function namesEveryone(statement: Statement): boolean {
  const principal = statement.Principal;
  if (literalString(principal) === '*') return true;
  return isObject(principal) && asList(principal.AWS).some((p) => literalString(p) === '*');
}

/**
 * Whether the statement's actions include `action`, directly or through a wildcard (`kms:GenerateDataKey*`,
 * `kms:*`, `*`). Action names are case-insensitive in IAM.
 */
export function allowsAction(statement: Statement, action: string): boolean {
  return asList(statement.Action).some((a) => {
    const text = literalString(a);
    return text !== undefined && wildcardRegex(text.toLowerCase()).test(action.toLowerCase());
  });
}

/** The condition keys the statement tests, lower-cased, under any operator. */
export function conditionKeys(statement: Statement): Set<string> {
  const keys = new Set<string>();
  if (isObject(statement.Condition)) {
    for (const operands of Object.values(statement.Condition)) {
      if (isObject(operands)) Object.keys(operands).forEach((k) => keys.add(k.toLowerCase()));
    }
  }
  return keys;
}

/** The values a condition key is compared with under one operator, as text (undefined where not literal). */
export function conditionValues(statement: Statement, operator: string, key: string): Array<string | undefined> {
  if (!isObject(statement.Condition)) return [];
  for (const [op, operands] of Object.entries(statement.Condition)) {
    if (op.toLowerCase() !== operator.toLowerCase() || !isObject(operands)) continue;
    for (const [k, v] of Object.entries(operands)) if (k.toLowerCase() === key.toLowerCase()) return asList(v).map(literalString);
  }
  return [];
}

export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
