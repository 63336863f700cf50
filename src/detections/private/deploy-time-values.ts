import { Stack } from 'aws-cdk-lib';
import { Undecided } from './undecided';

/**
 * Replaces the CloudFormation references in a resolved value (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Select`,
 * `Fn::Split`) with the values a test names for them. `values` maps what the test holds (a bucket's `bucketName`, a
 * key's `keyArn`: tokens) to the value it stands for at deploy time; the partition defaults to `aws`. A reference
 * without a value becomes {@link Undecided}: it matters only where the rest of the pattern does not decide.
 */
export function substituteDeployTimeValues(stack: Stack, resolved: unknown, values: Record<string, string>): unknown {
  const known = new Map<string, string>([[JSON.stringify({ Ref: 'AWS::Partition' }), 'aws'], [JSON.stringify({ Ref: 'AWS::URLSuffix' }), 'amazonaws.com']]);
  for (const [token, value] of Object.entries(values)) known.set(JSON.stringify(stack.resolve(token)), value);
  const substitute = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(substitute);
    if (value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    if (known.has(key)) return known.get(key);
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      return intrinsic(entries[0][0], substitute(entries[0][1]), key);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, substitute(v)]));
  };
  return substitute(resolved);
}

function intrinsic(name: string, argument: unknown, original: string): unknown {
  const args = argument as unknown[];
  if (name === 'Fn::Join' && args.length === 2 && Array.isArray(args[1]) && allStrings(args[1])) {
    return args[1].join(String(args[0]));
  }
  if (name === 'Fn::Split' && args.length === 2 && allStrings(args)) return String(args[1]).split(String(args[0]));
  if (name === 'Fn::Select' && args.length === 2 && Array.isArray(args[1]) && allStrings(args[1])) return args[1][Number(args[0])];
  return Undecided.deployTimeValue(original);
}

function allStrings(values: unknown[]): boolean {
  return values.every((v) => typeof v === 'string');
}
