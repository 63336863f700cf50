import { isObject, isResource, literalBoolean, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, NOT_APPLICABLE, unknown } from '../check-rule';
import { allowsAction, asList, isAllow, namesService, statementsOf } from '../policy-statements';

export const KEY_BUCKET_KEY_DECRYPT: CheckRule = {
  id: 'KeyBucketKeyDecrypt',
  subject: 'key',
  controls: 'CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail": kms:Decrypt is required to create or update a trail whose bucket uses an S3 Bucket Key',
  description: "Where a trail's bucket uses an S3 Bucket Key, the trail's key policy allows cloudtrail.amazonaws.com kms:Decrypt: without it, creating or updating the trail fails with InsufficientEncryptionPolicyException.",
  fix: 'Allow kms:Decrypt to cloudtrail.amazonaws.com with an aws:SourceArn condition naming the trail, or turn the Bucket Key off (BucketKeyEnabled false).',
  check(key, chains) {
    const buckets = chains.trailsUsing('key', key).map((trail) => chains.linkOf(trail, 'bucket'));
    if (buckets.some((b) => b !== undefined && !isResource(b))) return unknown('KeyPolicy', "a trail's bucket is outside of the app, so whether it uses an S3 Bucket Key is unknown");
    const bucketKeys = buckets.filter(isResource).flatMap((b) =>
      asList(b.properties.BucketEncryption?.ServerSideEncryptionConfiguration)
        .map((rule) => (isObject(rule) ? literalBoolean(rule.BucketKeyEnabled) : undefined)));
    if (bucketKeys.includes(UNKNOWN)) return unknown('KeyPolicy', 'BucketKeyEnabled is a deploy-time value');
    if (!bucketKeys.includes(true)) return NOT_APPLICABLE;
    const statements = statementsOf(key.properties.KeyPolicy);
    if (statements === UNKNOWN) return unknown('KeyPolicy', 'the key policy is shaped by a deploy-time value');
    return compliantIf(statements.some((s) => isAllow(s) && namesService(s, 'cloudtrail.amazonaws.com') && allowsAction(s, 'kms:Decrypt')), 'KeyPolicy');
  },
};
