import { isResource, literalString, UNKNOWN } from '../app-templates';
import { CheckRule, COMPLIANT, compliantIf, nonCompliant, unknown } from '../check-rule';
import { allowsAction, isAllow, namesService, statementsOf } from '../policy-statements';

export const ALARM_TOPIC_KEY: CheckRule = {
  id: 'AlarmTopicKey',
  subject: 'alarmTopic',
  controls: 'Security Hub CloudWatch.1-14 (the alarm must reach its subscribers); CloudWatch User Guide, "Amazon SNS topic encryption for alarm actions"',
  description: "A topic the trail's alarms notify is unencrypted or encrypted with a customer managed key whose policy lets cloudwatch.amazonaws.com use it (kms:Decrypt and kms:GenerateDataKey*). With the AWS managed key alias/aws/sns, or without that grant, CloudWatch drops every notification without an error.",
  fix: 'Encrypt the topic with a customer managed key and allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* in its key policy.',
  check(topic, chains) {
    const keyId = topic.properties.KmsMasterKeyId;
    if (keyId === undefined) return COMPLIANT;
    if (/(^|:)alias\/aws\/sns$/.test(literalString(keyId) ?? '')) return nonCompliant('KmsMasterKeyId');
    const key = chains.templates.resourceNamedBy(topic.stack, keyId, 'AWS::KMS::Key');
    if (!isResource(key)) return unknown('KmsMasterKeyId', `the topic's key is ${key}`);
    const statements = statementsOf(key.properties.KeyPolicy);
    if (statements === UNKNOWN) return unknown('KmsMasterKeyId', "the key's policy is shaped by a deploy-time value");
    const grants = statements.filter((s) => isAllow(s) && namesService(s, 'cloudwatch.amazonaws.com'));
    return compliantIf(
      grants.some((s) => allowsAction(s, 'kms:Decrypt')) && grants.some((s) => allowsAction(s, 'kms:GenerateDataKey')),
      'KmsMasterKeyId',
    );
  },
};
