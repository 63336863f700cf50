import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { TrailKey } from '../../archive';
import { accountAlarmsArn } from '../../core/arns';
import {
  cloudWatchAlarmsKeyStatement,
  cloudWatchAlarmsTopicPublishStatement,
  eventBridgeKeyStatement,
} from '../../core/policies';
import { addToResourcePolicyOrWarn } from '../../core/resource-policy';

/**
 * The default notification channel: an SNS topic encrypted with a dedicated KMS key (rotation, no grants to
 * anything but AWS services), TLS-only, that this account's alarms may publish to.
 */
export function createAlarmTopic(scope: Construct): { topic: sns.Topic; key: TrailKey } {
  const key = new TrailKey(scope, 'TopicKey', { description: 'Encrypts the CloudTrail security alarm notifications' });
  const topic = new sns.Topic(scope, 'Topic', {
    displayName: 'CloudTrail security alarms',
    masterKey: key,
    enforceSSL: true,
  });
  allowAlarmsToPublish(scope, topic);
  return { topic, key };
}

/**
 * Lets this account's CloudWatch alarms, and EventBridge, publish to the topic and use its key. For a topic or key
 * imported from elsewhere, warns with the statements to add.
 */
export function allowAlarmsToPublish(scope: Construct, topic: sns.ITopic): void {
  const stack = Stack.of(scope);
  const alarms = accountAlarmsArn(stack);
  addToResourcePolicyOrWarn(
    scope,
    topic,
    [cloudWatchAlarmsTopicPublishStatement(topic.topicArn, stack.account, alarms)],
    'alarmTopicPolicyNotManaged',
    'alarm topic',
    'alarm notifications will be refused',
  );
  if (topic.masterKey) {
    addToResourcePolicyOrWarn(
      scope,
      topic.masterKey,
      [cloudWatchAlarmsKeyStatement(stack.account, alarms), eventBridgeKeyStatement()],
      'alarmTopicKeyPolicyNotManaged',
      'KMS key of the alarm topic',
      'CloudWatch and EventBridge will silently drop every notification',
    );
  }
}
