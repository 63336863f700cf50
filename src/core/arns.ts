import { ArnFormat, Stack } from 'aws-cdk-lib';

/** The ARN of a trail, computed from its name so that policies can name it before the trail exists. */
export function trailArn(stack: Stack, trailName: string, account?: string, region?: string): string {
  return stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName, account, region });
}

/** Every trail of an account, in any Region: the value CloudTrail puts in the KMS encryption context. */
export function anyTrailOfAccountArn(stack: Stack, account: string): string {
  return stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: '*', account, region: '*' });
}

/**
 * A log group's ARN without the trailing `:*` that `LogGroup.logGroupArn` carries: the form CloudWatch Logs uses in
 * its KMS encryption context.
 */
export function logGroupArn(stack: Stack, logGroupName: string): string {
  return stack.formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: logGroupName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** The key prefix CloudTrail writes under: `[prefix/]AWSLogs/<account or organization id>/`. */
export function logFilesPrefix(s3KeyPrefix: string | undefined, owner: string): string {
  return `${s3KeyPrefix ? `${s3KeyPrefix}/` : ''}AWSLogs/${owner}/`;
}

/** Every CloudWatch alarm of the stack's account and Region: the `aws:SourceArn` CloudWatch presents when it publishes. */
export function accountAlarmsArn(stack: Stack): string {
  return stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/**
 * A resolved CloudFormation value as text: joins joined, references as `<Name>` (the way cdk-nag names them in a
 * finding) unless `refs` gives their text.
 */
export function renderResolved(value: unknown, refs: Record<string, string> = {}): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, any>;
  if (node['Fn::Join']) return (node['Fn::Join'][1] as unknown[]).map((part) => renderResolved(part, refs)).join(node['Fn::Join'][0]);
  if (node.Ref) return refs[node.Ref] ?? `<${node.Ref}>`;
  if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'].join('.')}>`;
  return JSON.stringify(value);
}

/**
 * Whether a `resources.ARN` value of an S3 data event selector reaches objects of a bucket: an `Equals` value (an
 * object ARN) inside it, or a `StartsWith` prefix of its objects' ARNs or inside them. Without the bucket's name (one
 * CloudFormation generates), only a prefix that stops before or within a bucket name can reach it. The partition is
 * compared as any: `arn:aws:` and `arn:${Partition}:` are the same here.
 */
export function reachesBucketObjects(value: string, prefix: boolean, bucketName: string | undefined): boolean {
  const v = anyPartition(value);
  if (bucketName === undefined) return prefix && (/^arn:P:s3:::[^/]*$/.test(v) || 'arn:P:s3:::'.startsWith(v));
  const objects = anyPartition(`arn:aws:s3:::${bucketName}/`);
  return prefix ? objects.startsWith(v) || v.startsWith(objects) : v.startsWith(objects);
}

/** Whether a `NotStartsWith` or `NotEquals` value of an S3 data event selector leaves out every object of a bucket. */
export function leavesOutBucketObjects(value: string, bucketName: string | undefined): boolean {
  return bucketName !== undefined && anyPartition(`arn:aws:s3:::${bucketName}/`).startsWith(anyPartition(value));
}

/** An ARN with its partition replaced by one placeholder, so that `arn:aws:` and `arn:${Partition}:` compare equal. */
function anyPartition(arn: string): string {
  return arn.replace(/^arn:[^:]*:/, 'arn:P:');
}
