import { isObject, literalBoolean, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

export const BUCKET_PUBLIC_ACCESS_BLOCKED: CheckRule = {
  id: 'BucketPublicAccessBlocked',
  subject: 'bucket',
  controls: 'CIS v1.4 3.3 and 2.1.5 (v5.0 2.1.4); Security Hub CloudTrail.6, S3.8; Control Tower CT.S3.PR.1',
  description: "The trail's bucket blocks public access with all four settings of its own, whatever the account's settings.",
  fix: 'Set all four PublicAccessBlockConfiguration settings to true (s3.Bucket: blockPublicAccess BlockPublicAccess.BLOCK_ALL).',
  check(bucket) {
    const block = bucket.properties.PublicAccessBlockConfiguration;
    if (block !== undefined && !isObject(block)) return unknown('PublicAccessBlockConfiguration', 'the setting is a deploy-time value');
    const values = SETTINGS.map((s) => literalBoolean(block?.[s]));
    if (values.includes(UNKNOWN)) return unknown('PublicAccessBlockConfiguration', 'a setting is a deploy-time value');
    return compliantIf(values.every((v) => v === true), 'PublicAccessBlockConfiguration');
  },
};
