import { UNKNOWN } from '../app-templates';
import { CheckRule, COMPLIANT, nonCompliant, unknown } from '../check-rule';
import { conditionKeys, isAllow, namesService, statementsOf } from '../policy-statements';

export const BUCKET_CLOUDTRAIL_SOURCE_ARN: CheckRule = {
  id: 'BucketCloudTrailSourceArn',
  subject: 'bucket',
  controls: 'CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" (confused-deputy prevention); AWS Config s3-bucket-policy-grantee-check',
  description: "Every statement of the bucket policy that allows cloudtrail.amazonaws.com is limited by aws:SourceArn to the trails that may write, so that no other account's trail can deliver into the bucket.",
  fix: 'Add a StringEquals (or ArnLike) aws:SourceArn condition naming the trail ARN to each CloudTrail statement.',
  check(bucket, chains) {
    for (const policy of chains.bucketPolicies(bucket)) {
      const statements = statementsOf(policy.properties.PolicyDocument);
      if (statements === UNKNOWN) return unknown('PolicyDocument', `the policy of ${policy.logicalId} is shaped by a deploy-time value`);
      const unscoped = statements.filter((s) => isAllow(s) && namesService(s, 'cloudtrail.amazonaws.com') && !conditionKeys(s).has('aws:sourcearn'));
      if (unscoped.length) return nonCompliant('BucketPolicy');
    }
    return COMPLIANT;
  },
};
