import { Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handwrittenOrganizationTrail } from './handwritten';
import { DataEvent, FieldCondition, OrganizationTrail, SecurityAlarmRule, SelectorField } from '../lib';

const ENV = { account: '111111111111', region: 'us-east-1' };
const ORG_ID = 'o-a1b2c3d4e5';
const EMAIL = ['security-team@example.com'];

/** A scenario builds one stack into an app. */
export type Scenario = (scope: Construct) => void;

/** Every catalogue rule, once. */
function everyRule(): SecurityAlarmRule[] {
  const rules = [...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS, ...SecurityAlarmRule.RECOMMENDED];
  return rules.filter((rule, i) => rules.findIndex((r) => r.id === rule.id) === i);
}

/** `count` distinct custom rules. */
function customRules(count: number): SecurityAlarmRule[] {
  return Array.from({ length: count }, (_, i) =>
    SecurityAlarmRule.custom({ id: `Custom${i}`, filterPattern: logs.FilterPattern.literal(`{ $.eventName = "Action${i}" }`) }),
  );
}

/** A data event whose selector carries `count` condition values (event names), plus its category and type. */
function dataEventWithValues(count: number): DataEvent {
  const names = Array.from({ length: count }, (_, i) => `Operation${i}`);
  return DataEvent.ofResourceType('AWS::DynamoDB::Table', { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, names)] });
}

function trail(props: Partial<ConstructorParameters<typeof OrganizationTrail>[2]> = {}): Scenario {
  return (scope) => {
    const stack = new Stack(scope, 'Bench', { env: ENV });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, alarms: { emailSubscriptions: EMAIL }, ...props });
  };
}

export const SCENARIOS: Record<string, Scenario> = {
  'empty': (scope) => {
    new Stack(scope, 'Bench', { env: ENV });
  },
  'handwritten': (scope) => handwrittenOrganizationTrail(new Stack(scope, 'Bench', { env: ENV }), ORG_ID),
  'default': trail(),
  // The default without the two features the hand-written trail lacks: the delivery heartbeat and tamper alerts.
  'default-without-extras': trail({
    alarms: { emailSubscriptions: EMAIL, heartbeat: { enabled: false }, tamperDetection: { enabled: false } },
  }),
  'maximal': trail({
    alarms: { rules: everyRule(), emailSubscriptions: EMAIL, dashboard: true },
    dataEvents: [dataEventWithValues(400)],
    insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE],
    analytics: { lake: {} },
  }),
  'alarms-10': trail({ alarms: { rules: customRules(10), emailSubscriptions: EMAIL } }),
  'alarms-50': trail({ alarms: { rules: customRules(50), emailSubscriptions: EMAIL } }),
  'alarms-100': trail({ alarms: { rules: customRules(100), emailSubscriptions: EMAIL } }),
  'selectors-50': trail({ dataEvents: [dataEventWithValues(50)] }),
  'selectors-200': trail({ dataEvents: [dataEventWithValues(200)] }),
  'selectors-500': trail({ dataEvents: [dataEventWithValues(495)] }),
  'alarms-100+selectors-500': trail({
    alarms: { rules: customRules(100), emailSubscriptions: EMAIL },
    dataEvents: [dataEventWithValues(495)],
  }),
};
