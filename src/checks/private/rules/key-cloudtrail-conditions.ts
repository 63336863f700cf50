import { UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';
import { allowsAction, conditionKeys, isAllow, namesService, statementsOf } from '../policy-statements';

export const KEY_CLOUDTRAIL_CONDITIONS: CheckRule = {
  id: 'KeyCloudTrailConditions',
  subject: 'key',
  controls: 'CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail" (required elements; confused-deputy prevention)',
  description: 'The key policy lets cloudtrail.amazonaws.com generate data keys, limited by the kms:EncryptionContext:aws:cloudtrail:arn and aws:SourceArn conditions, and limits every other CloudTrail statement by aws:SourceArn.',
  fix: 'Allow kms:GenerateDataKey* to cloudtrail.amazonaws.com with StringLike kms:EncryptionContext:aws:cloudtrail:arn "arn:aws:cloudtrail:*:<account>:trail/*" and StringEquals aws:SourceArn "<trail ARN>"; add aws:SourceArn to kms:DescribeKey and kms:Decrypt statements.',
  check(key) {
    const statements = statementsOf(key.properties.KeyPolicy);
    if (statements === UNKNOWN) return unknown('KeyPolicy', 'the key policy is shaped by a deploy-time value');
    const cloudTrail = statements.filter((s) => isAllow(s) && namesService(s, 'cloudtrail.amazonaws.com'));
    const generates = cloudTrail.filter((s) => allowsAction(s, 'kms:GenerateDataKey'));
    const scoped = cloudTrail.every((s) => conditionKeys(s).has('aws:sourcearn')) &&
      generates.every((s) => conditionKeys(s).has('kms:encryptioncontext:aws:cloudtrail:arn'));
    return compliantIf(generates.length > 0 && scoped, 'KeyPolicy');
  },
};
