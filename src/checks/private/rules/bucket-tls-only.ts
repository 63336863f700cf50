import { renderResolved } from '../../../core/arns';
import { UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';
import { allowsAction, asList, conditionValues, isDeny, namesEveryone, statementsOf } from '../policy-statements';

export const BUCKET_TLS_ONLY: CheckRule = {
  id: 'BucketTlsOnly',
  subject: 'bucket',
  controls: 'CIS v5.0 2.1.1 (v1.4 2.1.2); Security Hub S3.5; Control Tower CT.S3.PR.8',
  description: "The trail's bucket policy denies every S3 action, on the bucket and its objects, to requests without TLS (aws:SecureTransport false).",
  fix: 'Add a Deny statement for s3:* on the bucket and "<bucket ARN>/*" to principal "*" with Bool aws:SecureTransport "false" (s3.Bucket: enforceSSL true).',
  check(bucket, chains) {
    const policies = chains.bucketPolicies(bucket);
    for (const policy of policies) {
      const statements = statementsOf(policy.properties.PolicyDocument);
      if (statements === UNKNOWN) return unknown('PolicyDocument', `the policy of ${policy.logicalId} is shaped by a deploy-time value`);
      const denies = statements.some((s) => {
        if (!isDeny(s) || !namesEveryone(s) || !allowsAction(s, 's3:GetObject') || !allowsAction(s, 's3:PutObject')) return false;
        const insecure = [...conditionValues(s, 'Bool', 'aws:SecureTransport'), ...conditionValues(s, 'BoolIfExists', 'aws:SecureTransport')];
        const resources = asList(s.Resource).map((r) => renderResolved(r));
        const objects = resources.some((r) => r === '*' || r.endsWith('/*'));
        const itself = resources.some((r) => r === '*' || !r.includes('/'));
        return insecure.includes('false') && objects && itself;
      });
      if (denies) return { status: 'compliant' };
    }
    return compliantIf(false, 'BucketPolicy');
  },
};
