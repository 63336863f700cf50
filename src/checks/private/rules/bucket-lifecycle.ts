import { isObject, literalString } from '../app-templates';
import { CheckRule, compliantIf } from '../check-rule';
import { asList } from '../policy-statements';

export const BUCKET_LIFECYCLE: CheckRule = {
  id: 'BucketLifecycle',
  subject: 'bucket',
  controls: 'Security Hub S3.10, S3.13; Control Tower CT.S3.PR.3, CT.S3.PR.6',
  description: "The trail's bucket has an enabled lifecycle rule, so that log files move to cheaper storage and expire at the end of their retention rather than never.",
  fix: 'Add an enabled rule to LifecycleConfiguration (s3.Bucket: lifecycleRules).',
  check(bucket) {
    const rules = asList(bucket.properties.LifecycleConfiguration?.Rules);
    return compliantIf(rules.some((r) => isObject(r) && literalString(r.Status) === 'Enabled'), 'LifecycleConfiguration');
  },
};
