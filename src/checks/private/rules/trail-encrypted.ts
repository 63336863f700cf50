import { CheckRule, compliantIf } from '../check-rule';

export const TRAIL_ENCRYPTED: CheckRule = {
  id: 'TrailEncrypted',
  subject: 'trail',
  controls: 'CIS v5.0 3.5 (v1.4 3.7, v6.0 4.5); Security Hub CloudTrail.2; Control Tower CT.CLOUDTRAIL.PR.1',
  description: 'The trail encrypts its log files with a KMS customer managed key (SSE-KMS), whose key policy decides who may read them.',
  fix: 'Set KMSKeyId to a customer managed key whose policy lets CloudTrail use it (cloudtrail.Trail: encryptionKey).',
  check(trail) {
    return compliantIf(trail.properties.KMSKeyId !== undefined && trail.properties.KMSKeyId !== '', 'KMSKeyId');
  },
};
