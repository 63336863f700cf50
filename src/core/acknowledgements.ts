import { Acknowledgment, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { renderResolved } from './arns';

/** The rule packs that check the same control under their own ids. */
const NIST_HIPAA_PCI = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const CFN_GUARD = 'cdk-validator-cfnguard';

const CUSTOM_RESOURCE_NO_VPC_REASON =
  'The custom resource provider only calls an AWS API (AWS Organizations) and accepts no inbound connections. In a ' +
  'VPC it would need a NAT gateway or an interface endpoint to reach that API, without reducing its exposure.';

const HEARTBEAT_INPUT_REASON =
  "This metric alarm is an input of the delivery heartbeat's composite alarm, which notifies with its actions " +
  'enabled. Its own actions are listed but disabled: enabled, they would page on every first deployment, before ' +
  'CloudTrail has delivered. heartbeat.waitForFirstDelivery: false gives a single alarm with enabled actions instead.';

/**
 * Every validator finding the library acknowledges, with the reason an auditor reads in the validation report.
 * Each one is a control that cannot be met by design; fixable findings are fixed, never listed here.
 */
const ACKNOWLEDGEMENTS = {
  accessLogsTarget: [
    ...NIST_HIPAA_PCI.map((pack) => ({
      id: `${pack}::${pack}-S3DefaultEncryptionKMS`,
      reason:
        'This bucket receives S3 server access logs, and S3 delivers them only to buckets encrypted with SSE-S3 ' +
        '(SSE-KMS is not supported for access-log targets). It is encrypted with SSE-S3.',
    })),
    {
      id: `${CFN_GUARD}::s3_bucket_default_encryption_kms_check`,
      reason:
        'CT.S3.PR.10: this bucket receives S3 server access logs, which S3 delivers only to SSE-S3 buckets. ' +
        'It is encrypted with SSE-S3.',
    },
    {
      id: `${CFN_GUARD}::s3_bucket_object_lock_enabled_check`,
      reason: 'CT.S3.PR.9: S3 does not deliver server access logs to buckets with Object Lock enabled.',
    },
    {
      id: `${CFN_GUARD}::s3_bucket_logging_enabled_check`,
      reason:
        'CT.S3.PR.2: this bucket is the access-log target of the log bucket. Logging it too would need a third ' +
        'bucket, and logging it to itself makes every delivery write another log record.',
    },
  ],
  heartbeatInput: [
    ...['NIST.800.53.R5', 'HIPAA.Security'].map((pack) => ({
      id: `${pack}::${pack}-CloudWatchAlarmAction`,
      reason: HEARTBEAT_INPUT_REASON,
    })),
    { id: `${CFN_GUARD}::cloudwatch_alarm_action_enabled_check`, reason: `CT.CLOUDWATCH.PR.4: ${HEARTBEAT_INPUT_REASON}` },
  ],
  replication: NIST_HIPAA_PCI.map((pack) => ({
    id: `${pack}::${pack}-S3BucketReplicationEnabled`,
    reason:
      'Cross-Region replication needs a destination bucket in another Region or account that only the owner can ' +
      'name. The log files are protected by versioning, Object Lock capability, log file validation and retention.',
  })),
  // checkov only: cdk-nag and the Guard rules read the statement's conditions
  organizationWideKeyPrincipal: [],
  analyticsReplication: NIST_HIPAA_PCI.map((pack) => ({
    id: `${pack}::${pack}-S3BucketReplicationEnabled`,
    reason:
      'This bucket holds Athena query results, working copies that expire within days and can be recomputed from ' +
      'the log archive, or the server access logs of that results bucket. Replicating them would copy log data to ' +
      'more places without protecting the audit record, which lives in the log archive.',
  })),
  customResourceFunction: [
    ...['NIST.800.53.R5', 'HIPAA.Security'].map((pack) => ({
      id: `${pack}::${pack}-LambdaConcurrency`,
      reason:
        'The custom resource provider runs only when CloudFormation creates, updates or deletes the resource. ' +
        "Reserving concurrency for it would take capacity from the account's unreserved pool, and fails outright on " +
        'accounts at the minimum of 10 unreserved executions.',
    })),
    ...['NIST.800.53.R5', 'HIPAA.Security'].map((pack) => ({
      id: `${pack}::${pack}-LambdaDLQ`,
      reason:
        'The custom resource provider reports every failure to CloudFormation, which fails and rolls back the stack ' +
        'operation; a dead-letter queue would hold events nobody replays.',
    })),
    ...NIST_HIPAA_PCI.map((pack) => ({
      id: `${pack}::${pack}-LambdaInsideVPC`,
      reason: CUSTOM_RESOURCE_NO_VPC_REASON,
    })),
    { id: `${CFN_GUARD}::lambda_inside_vpc_check`, reason: `CT.LAMBDA.PR.3: ${CUSTOM_RESOURCE_NO_VPC_REASON}` },
  ],
};

const LOG_STREAM_WILDCARD_REASON =
  'CloudTrail names the log streams it creates after the account or organization and the Region, with a suffix it ' +
  'chooses; the resources are the two stream-name prefixes AWS documents for an organization trail, in one log group.';

export type AcknowledgementTopic = keyof typeof ACKNOWLEDGEMENTS;

/**
 * The same findings as checkov reports them. checkov reads templates, not the construct tree: a skip is template
 * metadata on the resource (`Metadata.checkov.skip`), with the reason as its comment.
 */
const CHECKOV_SKIPS: Partial<Record<AcknowledgementTopic, Array<{ id: string; comment: string }>>> = {
  organizationWideKeyPrincipal: [
    {
      id: 'CKV_AWS_33',
      comment:
        'The principal "*" is how a key policy names every account of an organization: the statement allows only ' +
        'kms:Decrypt, through S3, of CloudTrail log files, to principals of this organization (aws:PrincipalOrgID).',
    },
  ],
  accessLogsTarget: [
    {
      id: 'CKV_AWS_18',
      comment:
        'This bucket is the access-log target of the log bucket. Logging it too would need a third bucket, and logging ' +
        'it to itself makes every delivery write another log record.',
    },
  ],
};

/** Acknowledges, on this construct and its children, the findings that cannot be satisfied for this reason. */
export function acknowledge(scope: IConstruct, topic: AcknowledgementTopic): void {
  const acknowledgements: Acknowledgment[] = ACKNOWLEDGEMENTS[topic];
  if (acknowledgements.length) acknowledgeAll(scope, ...acknowledgements);
  const skips = CHECKOV_SKIPS[topic];
  const resource = scope.node.defaultChild;
  if (skips && CfnResource.isCfnResource(resource)) {
    const earlier: Array<{ id: string }> = resource.getMetadata('checkov')?.skip ?? [];
    resource.addMetadata('checkov', { skip: [...earlier, ...skips.filter((skip) => !earlier.some((e) => e.id === skip.id))] });
  }
}

/**
 * Acknowledges AwsSolutions-IAM5 for the `*` resource of an action that supports no resource-level permissions, so
 * that any other wildcard added to the policy is still reported.
 */
export function acknowledgeNoResourceLevelPermissions(scope: IConstruct, action: string, condition: string): void {
  acknowledgeAll(scope, {
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason: `${action} supports no resource-level permissions, so its resource is "*"; the statement is limited by the ${condition} condition instead.`,
  });
}

/**
 * Acknowledges AwsSolutions-IAM5 for exactly these wildcard resources of a policy (the log streams CloudTrail
 * creates), so that any other wildcard added to the policy is still reported.
 */
export function acknowledgeLogStreamWildcards(scope: IConstruct, resources: string[]): void {
  acknowledgeWildcardResources(scope, resources, LOG_STREAM_WILDCARD_REASON);
}

/**
 * Acknowledges AwsSolutions-IAM5 for exactly these wildcard resources of a policy, so that any other wildcard added
 * to the policy is still reported.
 */
export function acknowledgeWildcardResources(scope: IConstruct, resources: string[], reason: string): void {
  const stack = Stack.of(scope);
  acknowledgeAll(scope,
    ...resources.map((resource) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${renderResolved(stack.resolve(resource))}]`,
      reason,
    })),
  );
}

/**
 * Records acknowledgements without capturing a call stack for each: they are made here, in the library, so a trace
 * would only point at this file. aws-cdk-lib captures one per acknowledgement even with
 * `aws:cdk:disable-creation-stack-traces`, which made constructing a default trail 40 to 80% slower (17-19 ms against
 * 25-34 ms, measured). The limit is lowered for this synchronous call only and restored in `finally` before it
 * returns, so no other code ever sees it: aws-cdk-lib's own `captureStackTrace(below, limit)` does the same.
 */
function acknowledgeAll(scope: IConstruct, ...acknowledgements: Acknowledgment[]): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    Validations.of(scope).acknowledge(...acknowledgements);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
