import { isObject, literalString } from '../app-templates';
import { CheckRule, compliantIf } from '../check-rule';
import { asList } from '../policy-statements';

export const BUCKET_OWNERSHIP_ENFORCED: CheckRule = {
  id: 'BucketOwnershipEnforced',
  subject: 'bucket',
  controls: 'Security Hub S3.12; Control Tower CT.S3.PR.5 (no ACLs)',
  description: "The trail's bucket disables ACLs (BucketOwnerEnforced): the bucket owner owns every log file, and only policies grant access.",
  fix: 'Set OwnershipControls to a rule with ObjectOwnership BucketOwnerEnforced (s3.Bucket: objectOwnership ObjectOwnership.BUCKET_OWNER_ENFORCED).',
  check(bucket) {
    const rules = asList(bucket.properties.OwnershipControls?.Rules);
    return compliantIf(rules.some((r) => isObject(r) && literalString(r.ObjectOwnership) === 'BucketOwnerEnforced'), 'OwnershipControls');
  },
};
