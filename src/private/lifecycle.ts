import { Duration } from 'aws-cdk-lib';
import { LogBucketOptions } from '../log-bucket-options';
import { DEFAULTS } from './defaults';
import { LIMITS } from './limits';
import { Problems, wholeDays } from './validation';

/** Checks the lifecycle ages against S3's minimums and against each other. */
export function validateLifecycle(problems: Problems, options: LogBucketOptions): void {
  const prop = (name: string) => `logBucket.${name}`;
  const ia = wholeDays(problems, prop('transitionToInfrequentAccessAfter'), lifecycleAge(options, 'transitionToInfrequentAccessAfter'));
  const glacier = wholeDays(problems, prop('transitionToGlacierAfter'), lifecycleAge(options, 'transitionToGlacierAfter'));
  const expiration = wholeDays(problems, prop('expiration'), lifecycleAge(options, 'expiration'));
  wholeDays(problems, prop('noncurrentVersionExpiration'), lifecycleAge(options, 'noncurrentVersionExpiration'));

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
}

type LifecycleAge = 'transitionToInfrequentAccessAfter' | 'transitionToGlacierAfter' | 'expiration' | 'noncurrentVersionExpiration';

/** A lifecycle age as given, or its default. */
export function lifecycleAge(options: LogBucketOptions, name: LifecycleAge): Duration {
  return options[name] ?? DEFAULTS[name];
}
