import { UNKNOWN } from '../app-templates';
import { CheckRule, COMPLIANT, nonCompliant, unknown } from '../check-rule';
import { conditionKeys, isAllow, namesEveryone, statementsOf } from '../policy-statements';

/** The condition keys that confine a statement to the principals of an organization. */
const ORGANIZATION_KEYS = ['aws:principalorgid', 'aws:principalorgpaths'];

export const BUCKET_NO_PUBLIC_ALLOW: CheckRule = {
  id: 'BucketNoPublicAllow',
  subject: 'bucket',
  controls: 'CIS v1.4 3.3; Security Hub CloudTrail.6, S3.2, S3.3',
  description: 'No statement of the bucket policy allows principal "*" unless an aws:PrincipalOrgID or aws:PrincipalOrgPaths condition confines it to the organization.',
  fix: 'Name the principals, or add a StringEquals aws:PrincipalOrgID condition with the organization id to the statement.',
  check(bucket, chains) {
    for (const policy of chains.bucketPolicies(bucket)) {
      const statements = statementsOf(policy.properties.PolicyDocument);
      if (statements === UNKNOWN) return unknown('PolicyDocument', `the policy of ${policy.logicalId} is shaped by a deploy-time value`);
      const open = statements.filter((s) => isAllow(s) && namesEveryone(s) && !ORGANIZATION_KEYS.some((k) => conditionKeys(s).has(k)));
      if (open.length) return nonCompliant('BucketPolicy');
    }
    return COMPLIANT;
  },
};
