import { Resource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { aws_cloudwatch as cloudwatchRefs } from 'aws-cdk-lib/interfaces';

/**
 * An alarm the library renders as an L1 `CfnAlarm` and that is its own `IAlarm`, with no imported reference beside
 * it. Hidden from the API: jsii copies these members into each subclass.
 *
 * @internal
 */
export abstract class AlarmResource extends Resource implements cloudwatch.IAlarm {
  /** The alarm resource. */
  public abstract readonly cfnAlarm: cloudwatch.CfnAlarm;

  /** The alarm's name. */
  public abstract readonly alarmName: string;

  /** The alarm's ARN: a reference to the resource, so that whatever uses it is created after it. */
  public get alarmArn(): string {
    return this.cfnAlarm.attrArn;
  }

  /** A reference to the alarm resource. */
  public get alarmRef(): cloudwatchRefs.AlarmReference {
    return this.cfnAlarm.alarmRef;
  }

  /** The alarm as a rule of a composite alarm: in the ALARM state. */
  public renderAlarmRule(): string {
    return `ALARM("${this.alarmArn}")`;
  }
}
