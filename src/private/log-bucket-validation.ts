import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { DEFAULTS, WARNING_PREFIX } from './defaults';
import { LIMITS } from './limits';
import { Problems, knownAccount, knownRegion, validateRegion, validateRemovalPolicy, validateSymmetricKey, wholeDays } from './validation';
import { LogBucketOptions } from '../log-bucket-options';
import { LogReplicationOptions } from '../log-replication';

export type LifecycleAge = 'transitionToInfrequentAccessAfter' | 'transitionToGlacierAfter' | 'expiration' | 'noncurrentVersionExpiration';

/** A lifecycle age as given, or its default. */
export function lifecycleAge(options: LogBucketOptions, name: LifecycleAge): Duration {
  return options[name] ?? DEFAULTS[name];
}

/** Checks the lifecycle ages against S3's minimums and against each other, and the Object Lock retention against them. */
export function validateLifecycle(problems: Problems, options: LogBucketOptions): void {
  const prop = (name: string) => `logBucket.${name}`;
  const tiers = options.storageTiers ?? DEFAULTS.storageTiers;
  if (!tiers) {
    for (const name of ['transitionToInfrequentAccessAfter', 'transitionToGlacierAfter'] as const) {
      const value = options[name];
      if (value !== undefined) problems.add(prop(name), value, 'is set while storageTiers is false', `Remove ${name}, or turn storageTiers on.`);
    }
  }
  const ia = tiers ? wholeDays(problems, prop('transitionToInfrequentAccessAfter'), lifecycleAge(options, 'transitionToInfrequentAccessAfter')) : undefined;
  const glacier = tiers ? wholeDays(problems, prop('transitionToGlacierAfter'), lifecycleAge(options, 'transitionToGlacierAfter')) : undefined;
  const expiration = wholeDays(problems, prop('expiration'), lifecycleAge(options, 'expiration'));
  wholeDays(problems, prop('noncurrentVersionExpiration'), lifecycleAge(options, 'noncurrentVersionExpiration'));
  validateRemovalPolicy(problems, prop('removalPolicy'), options.removalPolicy);
  for (const name of ['bucketName', 'accessLogsBucketName'] as const) {
    const value = options[name];
    if (value !== undefined && !Token.isUnresolved(value) && (!LIMITS.bucketNamePattern.test(value) || value.includes('..'))) {
      problems.add(prop(name), value, 'is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end', 'Use a name such as "org-trail-logs-111111111111".');
    }
  }

  if (ia !== undefined && ia < LIMITS.minDaysToInfrequentAccess) {
    problems.add(
      prop('transitionToInfrequentAccessAfter'),
      lifecycleAge(options, 'transitionToInfrequentAccessAfter'),
      `S3 moves objects to Standard-IA only once they are ${LIMITS.minDaysToInfrequentAccess} days old`,
      `Use Duration.days(${LIMITS.minDaysToInfrequentAccess}) or more.`,
    );
  }
  if (ia !== undefined && glacier !== undefined && glacier < ia + LIMITS.minDaysInInfrequentAccess) {
    problems.add(
      prop('transitionToGlacierAfter'),
      lifecycleAge(options, 'transitionToGlacierAfter'),
      `must come at least ${LIMITS.minDaysInInfrequentAccess} days after the Standard-IA transition (${ia} days)`,
      `Use Duration.days(${ia + LIMITS.minDaysInInfrequentAccess}) or more, or move the Standard-IA transition earlier.`,
    );
  }
  if (glacier !== undefined && expiration !== undefined && expiration <= glacier) {
    problems.add(
      prop('expiration'),
      lifecycleAge(options, 'expiration'),
      `must come after the Glacier transition (${glacier} days), or log files are deleted before they are tiered`,
      `Use Duration.days(${glacier + LIMITS.minDaysInGlacier}) or more, or move the transitions earlier.`,
    );
  }

  const retention = options.objectLockRetention?.duration;
  if (retention === undefined || retention.isUnresolved() || expiration === undefined) return;
  const retentionDays = retention.toDays({ integral: false });
  if (retentionDays > expiration) {
    problems.add(
      prop('objectLockRetention'),
      `${options.objectLockRetention!.mode} for ${retention.toHumanString()}`,
      `outlasts the expiration of the log files (${expiration} days): S3 could not delete them when the lifecycle rule says`,
      `Use a retention of at most Duration.days(${expiration}), or a later logBucket.expiration.`,
    );
  }
}

/** Checks what can be known at synth time about a replication destination. */
export function validateReplication(
  problems: Problems,
  replication: LogReplicationOptions | undefined,
  source: Stack,
  prefix = 'logBucket.replication.',
): void {
  if (!replication) return;
  const { destinationBucket, destinationKey } = replication;
  const bucketRegion = knownRegion(destinationBucket);
  validateRegion(
    problems,
    `${prefix}destinationKey`,
    destinationKey,
    bucketRegion,
    `S3 encrypts replicas only with a key in the destination bucket's Region (${bucketRegion})`,
  );
  validateSymmetricKey(problems, `${prefix}destinationKey`, destinationKey);
  if (Token.isUnresolved(destinationKey.keyArn) && Stack.of(destinationKey) !== source) {
    problems.add(
      `${prefix}destinationKey`,
      `the key ${destinationKey.node.path}`,
      `is created in another stack (${Stack.of(destinationKey).stackName}), and its ARN is not known until it is deployed`,
      'Import it with kms.Key.fromKeyArn(), giving its ARN.',
    );
  }
  if (bucketRegion !== undefined && bucketRegion === knownRegion(source) && knownAccount(destinationBucket) === knownAccount(source)) {
    problems.add(
      `${prefix}destinationBucket`,
      `a bucket in ${bucketRegion}, account ${knownAccount(source)}`,
      'is in the log bucket\'s own Region and account, where a copy survives neither a Regional outage nor a compromised account',
      'Name a bucket in another Region or another account.',
    );
  }
  const cfn = destinationBucket.node.defaultChild;
  if (cfn instanceof s3.CfnBucket) {
    const versioning = cfn.versioningConfiguration as s3.CfnBucket.VersioningConfigurationProperty | undefined;
    if (versioning?.status !== 'Enabled') {
      problems.add(`${prefix}destinationBucket`, destinationBucket.node.path, 'is not versioned, which S3 replication requires', 'Create it with versioned: true.');
    }
    if (cfn.objectLockEnabled !== true) {
      problems.add(
        `${prefix}destinationBucket`,
        destinationBucket.node.path,
        'does not have Object Lock enabled: S3 replicates from a lock-enabled bucket (as the log bucket always is) only to lock-enabled buckets',
        'Create it with objectLockEnabled: true.',
      );
    }
  }
}

/** Warns when log files are kept less than a year, which the audit regimes this library's defaults serve ask for. */
export function warnAboutShortRetention(scope: IConstruct, expiration: Duration): void {
  if (expiration.isUnresolved() || expiration.toDays({ integral: false }) >= LIMITS.minCompliantLogRetentionDays) return;
  Annotations.of(scope).addWarningV2(
    `${WARNING_PREFIX}:shortLogFileRetention`,
    `logBucket.expiration is ${expiration.toHumanString()}: log files are deleted before they are a year old, shorter than ` +
      'PCI DSS (a year of audit trail history), and than the year CIS and Security Hub ask of the log group. Keep it ' +
      'for sandbox organizations, or keep log files a year or more.',
  );
}
