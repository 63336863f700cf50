import { Outcome, Undecided, allOf, anyOf, decided } from './undecided';
import { wildcardRegex } from '../../core/wildcard';

/**
 * An evaluator of EventBridge event patterns, the grammar AWS documents: a field matches when its value is one of
 * the listed values (`null` included), or passes one of the content filters `prefix`, `suffix`, `equals-ignore-case`,
 * `wildcard`, `anything-but`, `numeric`, `exists` and `cidr`; nested objects match nested fields; `$or` lists
 * alternatives. When the event holds an array, the field matches if any element does; a nested pattern matches an
 * array of objects if one element matches all of it.
 *
 * Where the outcome depends on behaviour AWS does not document (`anything-but` on a field the event lacks), or on a
 * value known only at deploy time, and the rest of the pattern does not decide it, it throws {@link Undecided}.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 */
export function eventPatternMatches(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error(`An event pattern is a JSON object (received ${JSON.stringify(pattern)}).`);
  return decided(objectMatches(pattern, event, ''));
}

const ABSENT = Symbol('absent');

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objectMatches(pattern: Record<string, unknown>, event: unknown, path: string): Outcome {
  return allOf(Object.entries(pattern).map(([key, expected]) => {
    if (key === '$or') {
      if (!Array.isArray(expected)) throw new Error(`${path || 'the pattern'}: $or takes a list of patterns.`);
      return anyOf(expected.map((alternative) => objectMatches(alternative as Record<string, unknown>, event, path)));
    }
    const fieldPath = path ? `${path}.${key}` : key;
    const actual = isObject(event) && key in event ? event[key] : ABSENT;
    if (expected instanceof Undecided) return expected;
    if (isObject(expected)) {
      const candidates = Array.isArray(actual) ? actual : [actual];
      return anyOf(candidates.map((candidate) => isObject(candidate) && objectMatches(expected, candidate, fieldPath)));
    }
    if (!Array.isArray(expected)) {
      throw new Error(`${fieldPath}: a field's pattern is a list of values or filters (received ${JSON.stringify(expected)}).`);
    }
    return fieldMatches(expected, actual, fieldPath);
  }));
}

function fieldMatches(expected: unknown[], actual: unknown, path: string): Outcome {
  if (actual === ABSENT) {
    return anyOf(expected.map((value) => absentMatches(value, path)));
  }
  const values = Array.isArray(actual) ? actual : [actual];
  return anyOf(expected.flatMap((value) => values.map((one) => valueMatches(value, one, path))));
}

/** A value of the pattern known only at deploy time, wherever it sits in a filter. */
function unresolvedIn(filter: unknown): Undecided | undefined {
  if (filter instanceof Undecided) return filter;
  if (Array.isArray(filter)) return filter.map(unresolvedIn).find((u) => u !== undefined);
  if (isObject(filter)) return Object.values(filter).map(unresolvedIn).find((u) => u !== undefined);
  return undefined;
}

function absentMatches(filter: unknown, path: string): Outcome {
  if (!isObject(filter)) return false;
  if ('exists' in filter) return filter.exists === false;
  if ('anything-but' in filter) {
    return Undecided.undocumented(`"anything-but" on ${path}, which the event lacks`, 'Add the field to the event, or add an "exists" filter.');
  }
  return false;
}

function valueMatches(filter: unknown, actual: unknown, path: string): Outcome {
  const unresolved = unresolvedIn(filter);
  if (unresolved) return unresolved;
  if (!isObject(filter)) return filter === actual;
  const [name, argument] = singleEntry(filter, path);
  switch (name) {
    case 'exists':
      return argument === true;
    case 'prefix':
      return textFilter(argument, actual, (a, b) => a.startsWith(b), path);
    case 'suffix':
      return textFilter(argument, actual, (a, b) => a.endsWith(b), path);
    case 'equals-ignore-case':
      return typeof actual === 'string' && typeof argument === 'string' && actual.toLowerCase() === argument.toLowerCase();
    case 'wildcard':
      return typeof actual === 'string' && typeof argument === 'string' && wildcardRegex(argument).test(actual);
    case 'anything-but':
      return !anythingButExcludes(argument, actual, path);
    case 'numeric':
      return typeof actual === 'number' && numericMatches(argument, actual, path);
    case 'cidr':
      return typeof actual === 'string' && typeof argument === 'string' && inCidr(actual, argument);
    default:
      throw new Error(`${path}: ${JSON.stringify(name)} is not a content filter EventBridge documents.`);
  }
}

function singleEntry(filter: Record<string, unknown>, path: string): [string, unknown] {
  const entries = Object.entries(filter);
  if (entries.length !== 1) throw new Error(`${path}: a content filter has one key (received ${JSON.stringify(filter)}).`);
  return entries[0];
}

/** `prefix` and `suffix` take a string, or `{ "equals-ignore-case": string }`. */
function textFilter(argument: unknown, actual: unknown, test: (a: string, b: string) => boolean, path: string): boolean {
  if (typeof actual !== 'string') return false;
  if (typeof argument === 'string') return test(actual, argument);
  if (isObject(argument) && typeof argument['equals-ignore-case'] === 'string') {
    return test(actual.toLowerCase(), (argument['equals-ignore-case'] as string).toLowerCase());
  }
  throw new Error(`${path}: prefix and suffix take a string or { "equals-ignore-case": string }.`);
}

function anythingButExcludes(argument: unknown, actual: unknown, path: string): boolean {
  if (Array.isArray(argument)) return argument.includes(actual);
  // Its argument holds no deploy-time value here: valueMatches looked for one first.
  if (isObject(argument)) return valueMatches(argument, actual, path) === true;
  return argument === actual;
}

function numericMatches(argument: unknown, actual: number, path: string): boolean {
  if (!Array.isArray(argument) || argument.length % 2 !== 0) throw new Error(`${path}: numeric takes operator and number pairs.`);
  for (let i = 0; i < argument.length; i += 2) {
    const [operator, bound] = [argument[i], argument[i + 1] as number];
    const holds = operator === '=' ? actual === bound
      : operator === '<' ? actual < bound
        : operator === '<=' ? actual <= bound
          : operator === '>' ? actual > bound
            : operator === '>=' ? actual >= bound
              : undefined;
    if (holds === undefined) throw new Error(`${path}: ${JSON.stringify(operator)} is not a numeric operator.`);
    if (!holds) return false;
  }
  return true;
}


/** IPv4 CIDR membership; an IPv6 address or block never matches here. */
function inCidr(address: string, block: string): boolean {
  const [network, bits] = block.split('/');
  const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/^\d+\.\d+\.\d+\.\d+$/.test(network)) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(network) / size);
}
