import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { DEFAULTS, WARNING_PREFIX } from '../../core/defaults';
import { LIMITS, STORAGE_TIERS } from '../../core/limits';
import { Problems, knownAccount, knownRegion, validateRegion, validateRemovalPolicy, validateSymmetricKey, wholeDays } from '../../core/validation';
import { LogBucketOptions } from '../log-bucket-options';
import { LogFileTransition } from '../log-file-transition';
import { LogReplicationOptions } from '../log-replication';

export type LifecycleAge = 'transitionToInfrequentAccessAfter' | 'transitionToGlacierAfter' | 'expiration' | 'noncurrentVersionExpiration';

/** A lifecycle age as given, or its default. */
export function lifecycleAge(options: LogBucketOptions, name: LifecycleAge): Duration {
  return options[name] ?? DEFAULTS[name];
}

/**
 * The transitions the log files go through: `transitions` as given, or the two storage tiers of the defaults, or none
 * without storage tiers. Each comes with the prop that set it, for error messages.
 */
export function logFileTransitions(options: LogBucketOptions): Array<LogFileTransition & { readonly prop: string }> {
  if (options.transitions) return options.transitions.map((t, i) => ({ ...t, prop: `transitions[${i}].transitionAfter` }));
  if (!(options.storageTiers ?? DEFAULTS.storageTiers)) return [];
  return [
    {
      storageClass: s3.StorageClass.INFREQUENT_ACCESS,
      transitionAfter: lifecycleAge(options, 'transitionToInfrequentAccessAfter'),
      prop: 'transitionToInfrequentAccessAfter',
    },
    { storageClass: s3.StorageClass.GLACIER, transitionAfter: lifecycleAge(options, 'transitionToGlacierAfter'), prop: 'transitionToGlacierAfter' },
  ];
}

/** Checks the lifecycle ages against S3's minimums and against each other, and the Object Lock retention against them. */
export function validateLifecycle(problems: Problems, options: LogBucketOptions): void {
  const prop = (name: string) => `logBucket.${name}`;
  const tiers = options.storageTiers ?? DEFAULTS.storageTiers;
  const replacedBy = options.transitions ? 'transitions' : !tiers ? 'storageTiers: false' : undefined;
  if (replacedBy) {
    for (const name of ['transitionToInfrequentAccessAfter', 'transitionToGlacierAfter'] as const) {
      const value = options[name];
      const fix = options.transitions ? `Remove ${name}, and list that transition in transitions.` : `Remove ${name}, or turn storageTiers on.`;
      if (value !== undefined) problems.add(prop(name), value, `is set together with ${replacedBy}, which replaces it`, fix);
    }
  }
  if (options.transitions && options.storageTiers !== undefined) {
    problems.add(prop('storageTiers'), options.storageTiers, 'is set together with transitions, which replaces it', 'Remove storageTiers; transitions: [] keeps log files in S3 Standard.');
  }
  const expiration = wholeDays(problems, prop('expiration'), lifecycleAge(options, 'expiration'));
  wholeDays(problems, prop('noncurrentVersionExpiration'), lifecycleAge(options, 'noncurrentVersionExpiration'));
  validateRemovalPolicy(problems, prop('removalPolicy'), options.removalPolicy);
  for (const name of ['bucketName', 'accessLogsBucketName'] as const) {
    validateBucketName(problems, prop(name), options[name], 'Use a name such as "org-trail-logs-111111111111".');
  }

  let previous: { storageClass: string; days: number } | undefined;
  for (const transition of logFileTransitions(options)) {
    const storageClass = transition.storageClass.value;
    const tier = STORAGE_TIERS[storageClass];
    const days = wholeDays(problems, prop(transition.prop), transition.transitionAfter);
    const storageClassProp = prop(transition.prop.replace(/transitionAfter$/, 'storageClass'));
    if (!tier) {
      problems.add(
        storageClassProp,
        storageClass,
        'is not a storage class an S3 lifecycle rule moves objects to',
        `Use one of ${Object.keys(STORAGE_TIERS).join(', ')}.`,
      );
      break;
    }
    if (days === undefined) break;
    if (tier.minAge && days < tier.minAge) {
      problems.add(prop(transition.prop), transition.transitionAfter, `S3 moves objects to ${tier.label} only once they are ${tier.minAge} days old`, `Use Duration.days(${tier.minAge}) or more.`);
    }
    if (previous) {
      const before = STORAGE_TIERS[previous.storageClass];
      if (!before.next.includes(storageClass)) {
        problems.add(
          storageClassProp,
          storageClass,
          `comes after ${before.label}, and S3 moves objects from ${before.label} only to ${before.next.map((c) => STORAGE_TIERS[c].label).join(', ') || 'no other class'}`,
          'Order the transitions as S3 allows: Standard-IA, Intelligent-Tiering, One Zone-IA, Glacier Instant Retrieval, Glacier, Deep Archive.',
        );
      } else if (days < previous.days + before.minStay) {
        problems.add(
          prop(transition.prop),
          transition.transitionAfter,
          `must come at least ${before.minStay} days after the ${before.label} transition (${previous.days} days)`,
          `Use Duration.days(${previous.days + before.minStay}) or more, or move the ${before.label} transition earlier.`,
        );
      }
    }
    previous = { storageClass, days };
  }
  if (previous && expiration !== undefined && expiration <= previous.days) {
    const last = STORAGE_TIERS[previous.storageClass];
    problems.add(
      prop('expiration'),
      lifecycleAge(options, 'expiration'),
      `must come after the ${last.label} transition (${previous.days} days), or log files are deleted before they are tiered`,
      `Use Duration.days(${previous.days + Math.max(last.minStay, 1)}) or more, or move the transitions earlier.`,
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

/** An S3 general purpose bucket name, when known at synth time. */
export function validateBucketName(problems: Problems, prop: string, value: string | undefined, fix: string): void {
  if (value === undefined || Token.isUnresolved(value) || (LIMITS.bucketNamePattern.test(value) && !value.includes('..'))) return;
  problems.add(prop, value, 'is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end', fix);
}
