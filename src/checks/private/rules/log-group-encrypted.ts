import { CheckRule, compliantIf } from '../check-rule';

export const LOG_GROUP_ENCRYPTED: CheckRule = {
  id: 'LogGroupEncrypted',
  subject: 'logGroup',
  controls: 'Control Tower CT.CLOUDWATCH.PR.3; AWS Config cloudwatch-log-group-encrypted',
  description: "The trail's log group encrypts its events with a KMS key, as the log files in S3 are.",
  fix: 'Set KmsKeyId to a key whose policy lets logs.<region>.amazonaws.com use it (logs.LogGroup: encryptionKey).',
  check(logGroup) {
    return compliantIf(logGroup.properties.KmsKeyId !== undefined, 'KmsKeyId');
  },
};
