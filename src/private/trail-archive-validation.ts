import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { LogArchive } from '../archive';
import { Problems, isResolved, knownAccount, knownRegion } from '../core/validation';
import { OrganizationTrailProps } from '../organization-trail';

/**
 * Checks that a trail and the log archive it was given can work together:
 * - one organization;
 * - across stacks, both environments known at synth time, because the archive's policies name the trail's account
 *   and Region and the trail names the archive's bucket and key by physical names;
 * - one partition (CloudTrail does not deliver across partitions);
 * - a key ARN known at synth time (the key is in the archive's Region, as CloudTrail requires; the bucket may be in
 *   any Region of the partition).
 */
export function validateLogArchive(problems: Problems, props: OrganizationTrailProps, stack: Stack): void {
  const archive = props.logArchive;
  if (!archive) return;
  if (props.bucket) {
    problems.add('bucket', props.bucket.node.path, 'cannot be combined with `logArchive`, which is where the trail delivers', 'Remove bucket, or remove logArchive.');
  }
  if (props.logBucket) {
    problems.add(
      'logBucket',
      'options for a bucket this construct would create',
      'cannot be combined with `logArchive`, whose bucket is configured where it is created',
      'Move these options to the LogArchive (its logBucket prop).',
    );
  }
  if (props.encryptionKey && props.sendToCloudWatchLogs === false) {
    problems.add(
      'encryptionKey',
      props.encryptionKey.node.path,
      "would encrypt nothing: with `logArchive` the log files use the archive's key, and this key only the log group, " +
        'which sendToCloudWatchLogs: false turns off',
      'Remove encryptionKey (give the LogArchive your key instead), or turn sendToCloudWatchLogs on.',
    );
  }
  if (isResolved(archive.organizationId) && isResolved(props.organizationId) && archive.organizationId !== props.organizationId) {
    problems.add(
      'logArchive',
      `a log archive of organization ${archive.organizationId}`,
      `serves another organization than the trail (${props.organizationId}): its policies would not let this trail's log files in`,
      'Give the LogArchive and the OrganizationTrail the same organizationId.',
    );
  }

  if (!(archive instanceof LogArchive)) {
    validateImportedArchivePartition(problems, archive.encryptionKey.keyArn, stack);
    return;
  }
  const archiveStack = Stack.of(archive);
  if (archiveStack === stack) return;
  for (const [which, s] of [['this trail', stack], ['the log archive', archiveStack]] as const) {
    if (knownAccount(s) === undefined || knownRegion(s) === undefined) {
      problems.add(
        'logArchive',
        `a log archive in stack ${archiveStack.stackName}`,
        `is in another stack, and the account or Region of ${which} (stack ${s.stackName}) is not known at synth time: ` +
          "the archive's policies must name the trail's account and Region, and the trail the archive's bucket and key",
        `Give stack ${s.stackName} an env with an explicit account and region.`,
      );
    }
  }
  const partitions = [stack, archiveStack].map((s) => {
    const region = knownRegion(s);
    return region === undefined ? undefined : RegionInfo.get(region).partition;
  });
  if (partitions[0] && partitions[1] && partitions[0] !== partitions[1]) {
    problems.add(
      'logArchive',
      `a log archive in ${knownRegion(archiveStack)}`,
      `is in partition ${partitions[1]}, and the trail in ${partitions[0]}: CloudTrail delivers only within a partition`,
      `Put the log archive in a Region of partition ${partitions[0]}.`,
    );
  }
  if (Token.isUnresolved(archive.encryptionKey.keyArn) && !archive.encryptionKeyAlias) {
    problems.add(
      'logArchive',
      `a log archive whose key ${archive.encryptionKey.node.path} has no alias`,
      'is in another stack, and its key ARN is not known until the key is deployed',
      'Let the LogArchive create its key, give it a TrailKey with an alias, or import the key with kms.Key.fromKeyArn().',
    );
  }
}

/** An archive of another app is in the partition its key ARN names: CloudTrail delivers only within a partition. */
function validateImportedArchivePartition(problems: Problems, keyArn: string, stack: Stack): void {
  const region = knownRegion(stack);
  if (Token.isUnresolved(keyArn) || region === undefined) return;
  const archivePartition = Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME).partition;
  const trailPartition = RegionInfo.get(region).partition;
  if (trailPartition && archivePartition !== trailPartition) {
    problems.add(
      'logArchive',
      `a log archive whose key is ${keyArn}`,
      `is in partition ${archivePartition}, and the trail in ${trailPartition}: CloudTrail delivers only within a partition`,
      `Deliver to a log archive in a Region of partition ${trailPartition}.`,
    );
  }
}
