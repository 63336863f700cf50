import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * Where a log archive in its own account sends near-real-time alerts on tampering with itself. The organization
 * trail's tamper rule watches the management account; calls made in the log-archive account reach only an
 * EventBridge rule of that account.
 */
export class ArchiveTamperAlerts {
  /**
   * To an event bus of another account, by ARN (no export crosses accounts): typically the management account's
   * central security bus, which `SecurityEventForwarding` creates and lets every account of the organization put
   * events on. The events arrive as EventBridge delivered them.
   */
  public static toEventBus(eventBusArn: string): ArchiveTamperAlerts {
    return new ArchiveTamperAlerts(eventBusArn, undefined);
  }

  /**
   * To an SNS topic of the log-archive account, as readable messages. Its policy gets a statement letting the rule,
   * and only it, publish; an encrypted topic's key must let `events.amazonaws.com` use it.
   */
  public static toTopic(topic: sns.ITopic): ArchiveTamperAlerts {
    return new ArchiveTamperAlerts(undefined, topic);
  }

  /**
   * @param eventBusArn the event bus that receives the events, if that is the destination
   * @param topic the topic that receives the messages, if that is the destination
   */
  private constructor(public readonly eventBusArn?: string, public readonly topic?: sns.ITopic) {}
}
