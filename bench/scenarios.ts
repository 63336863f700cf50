import { performance } from 'perf_hooks';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type * as handwritten from './handwritten';
import type * as library from '../lib';

/* eslint-disable @typescript-eslint/no-require-imports */
// Each scenario loads what it uses when it runs, as an app would: a cold round of the empty stack loads neither the
// library nor the service modules, and one of the library does not load the hand-written code.
const lib = (): typeof library => require('../lib');
const awsLogs = (): typeof logs => require('aws-cdk-lib/aws-logs');
const awsCloudTrail = (): typeof cloudtrail => require('aws-cdk-lib/aws-cloudtrail');
const handwrittenCode = (): typeof handwritten => require('./handwritten');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The hand-written trail logs server access with a bucket policy, which needs this flag (new CDK projects set it). */
const CONTEXT = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true };
const ENV = { account: '111111111111', region: 'us-east-1' };
const ORG_ID = 'o-a1b2c3d4e5';
const EMAIL = ['security-team@example.com'];

/** A scenario builds one stack into an app. */
export type Scenario = (scope: Construct) => void;

/** Every catalogue rule, once. */
function everyRule(): library.SecurityAlarmRule[] {
  const { SecurityAlarmRule } = lib();
  const rules = [...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS, ...SecurityAlarmRule.RECOMMENDED];
  return rules.filter((rule, i) => rules.findIndex((r) => r.id === rule.id) === i);
}

/** `count` distinct custom rules. */
function customRules(count: number): library.SecurityAlarmRule[] {
  const { FilterPattern } = awsLogs();
  return Array.from({ length: count }, (_, i) =>
    lib().SecurityAlarmRule.custom({ id: `Custom${i}`, filterPattern: FilterPattern.literal(`{ $.eventName = "Action${i}" }`) }),
  );
}

/** A data event whose selector carries `count` condition values (event names), plus its category and type. */
function dataEventWithValues(count: number): library.DataEvent {
  const names = Array.from({ length: count }, (_, i) => `Operation${i}`);
  const { DataEvent, FieldCondition, SelectorField } = lib();
  return DataEvent.ofResourceType('AWS::DynamoDB::Table', { conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, names)] });
}

type TrailProps = ConstructorParameters<typeof library.OrganizationTrail>[2];

/** A default trail with the options `props` makes (called when the scenario runs, not when this file loads). */
function trail(props: () => Partial<TrailProps> = () => ({})): Scenario {
  return (scope) => {
    const stack = new Stack(scope, 'Bench', { env: ENV });
    new (lib().OrganizationTrail)(stack, 'Trail', { organizationId: ORG_ID, alarms: { emailSubscriptions: EMAIL }, ...props() });
  };
}

export const SCENARIOS: Record<string, Scenario> = {
  'empty': (scope) => {
    const stack = new Stack(scope, 'Bench', { env: ENV });
    Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'The floor has no resources' });
  },
  'handwritten': (scope) => handwrittenCode().handwrittenOrganizationTrail(new Stack(scope, 'Bench', { env: ENV }), ORG_ID),
  'default': trail(),
  // The default trail with this library's conformance pack registered on the app, as the README shows it; and with a
  // plugin that checks nothing, which costs what aws-cdk-lib's validation machinery costs any plugin (cdk-nag's too).
  'default+checks': (scope) => {
    Validations.of(scope).addPlugins(timed(new (lib().CloudTrailChecks)()));
    trail()(scope);
  },
  'default+plugin': (scope) => {
    Validations.of(scope).addPlugins({ name: 'Nothing', validate: () => ({ success: true, violations: [] }) });
    trail()(scope);
  },
  'maximal': trail(() => ({
    alarms: { rules: everyRule(), emailSubscriptions: EMAIL, dashboard: true },
    dataEvents: [dataEventWithValues(400)],
    insightTypes: [awsCloudTrail().InsightType.API_CALL_RATE, awsCloudTrail().InsightType.API_ERROR_RATE],
    analytics: { lake: {} },
  })),
  'alarms-10': trail(() => ({ alarms: { rules: customRules(10), emailSubscriptions: EMAIL } })),
  'alarms-50': trail(() => ({ alarms: { rules: customRules(50), emailSubscriptions: EMAIL } })),
  'alarms-100': trail(() => ({ alarms: { rules: customRules(100), emailSubscriptions: EMAIL } })),
  'selectors-50': trail(() => ({ dataEvents: [dataEventWithValues(50)] })),
  'selectors-200': trail(() => ({ dataEvents: [dataEventWithValues(200)] })),
  'selectors-500': trail(() => ({ dataEvents: [dataEventWithValues(495)] })),
  'alarms-100+selectors-500': trail(() => ({
    alarms: { rules: customRules(100), emailSubscriptions: EMAIL },
    dataEvents: [dataEventWithValues(495)],
  })),
};

/** How long each run of the conformance pack's own `validate()` took: a difference of medians cannot resolve it. */
export const CHECKS_VALIDATE_MS: number[] = [];

function timed(plugin: IPolicyValidationPlugin): IPolicyValidationPlugin {
  return {
    name: plugin.name,
    validate: (context) => {
      const start = performance.now();
      const report = plugin.validate(context);
      CHECKS_VALIDATE_MS.push(performance.now() - start);
      return report;
    },
  };
}

/** Synthesizes one scenario into `outdir`, with or without aws-cdk-lib's built-in validation; returns the template. */
export function synthesizeScenario(name: string, outdir: string, validation: boolean): string {
  const app = new App({ outdir, builtinCloudFormationValidation: validation, context: CONTEXT });
  SCENARIOS[name](app);
  return app.synth().stacks[0].templateFullPath;
}
