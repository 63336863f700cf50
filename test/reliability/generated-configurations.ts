import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  DataEvent,
  FieldCondition,
  InsightEventCategory,
  LakeBillingMode,
  LogArchive,
  LogBucketOptions,
  NetworkActivityEvent,
  OrganizationTrail,
  OrganizationTrailAlarmsOptions,
  OrganizationTrailProps,
  SecurityAlarmRule,
  SelectorField,
  SelectorOperator,
  TrailAnalyticsOptions,
} from '../../src';
import { KNOWN_DATA_RESOURCE_TYPES } from '../../src/events/private/resource-types';
import { ORG_ID } from '../util';

/**
 * Random valid configurations of an OrganizationTrail, as plain data (printable, reproducible from a seed), and the
 * code that builds each one into its own stacks. Every generated value respects the documented rules of the prop it
 * feeds, so every configuration must synthesize; the validator suites check what the templates contain.
 */

/** Commercial Regions the generated stacks and replicas are spread over. */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];

type ManagementEvents = 'ALL' | 'READ_ONLY' | 'WRITE_ONLY' | 'NONE';
type Storage = 'archive' | 'importedBucket' | 'crossAccountArchive';

export interface ConditionSpec {
  readonly field: string;
  readonly operator: SelectorOperator;
  readonly values: string[];
}

export interface DataEventSpec {
  readonly factory: 'allS3Objects' | 's3Objects' | 'allLambdaInvocations' | 'lambdaInvocations' | 'allDynamoDbItems' | 'dynamoDbItems' | 'ofResourceType';
  readonly resourceType?: string;
  /** Names of the buckets, functions or tables the factory is given, or the buckets allS3Objects leaves out. */
  readonly resources: string[];
  readonly objectPrefix?: string;
  readonly excludeTrailBuckets?: boolean;
  readonly readOnly?: boolean;
  readonly conditions: ConditionSpec[];
  /** Added with addDataEvents after construction rather than as a prop. */
  readonly addedLater: boolean;
}

export interface NetworkEventSpec {
  readonly eventSource: string;
  readonly onlyAccessDenied?: boolean;
  readonly vpcEndpointIds?: string[];
  readonly conditions: ConditionSpec[];
  readonly addedLater: boolean;
}

export interface LifecycleSpec {
  readonly transitionToInfrequentAccessAfter?: number;
  readonly transitionToGlacierAfter?: number;
  readonly expiration?: number;
  readonly noncurrentVersionExpiration?: number;
  readonly objectLock?: { readonly mode: 'governance' | 'compliance'; readonly days: number };
  readonly destroy?: boolean;
  /** Region of an imported replica bucket and key in another account. */
  readonly replicaRegion?: string;
}

export interface OverrideSpec {
  /** Index into the effective rules, modulo their number. */
  readonly rule: number;
  readonly enabled?: boolean;
  readonly threshold?: number;
  readonly periodMinutes?: number;
  readonly evaluationPeriods?: number;
}

export interface AlarmsSpec {
  readonly enabled?: boolean;
  readonly profile?: 'SECURITY_HUB' | 'CIS' | 'RECOMMENDED' | 'subset';
  readonly subset: number[];
  readonly customRuleIds: string[];
  readonly overrides: OverrideSpec[];
  readonly alarmNamePrefix?: string;
  readonly metricNamespace?: string;
  readonly emails: string[];
  readonly heartbeat?: { readonly enabled?: boolean; readonly periodMinutes?: number };
  readonly tamperDetection?: boolean;
  readonly dashboard?: boolean;
  /** An imported topic of the user's own; with alarmActions, actions on it replace the topic. */
  readonly ownTopic?: 'topic' | 'alarmActions' | 'both';
}

export interface AnalyticsSpec {
  readonly databaseName?: string;
  readonly tableName?: string;
  readonly workGroupName?: string;
  readonly accountIds?: string[];
  readonly regions?: string[];
  readonly projectionStartDate?: string;
  readonly queryResultsExpirationDays?: number;
  readonly bytesScannedCutoffPerQuery?: number;
  readonly destroy?: boolean;
  readonly lake?: {
    readonly eventDataStoreName?: string;
    readonly billingMode?: LakeBillingMode;
    readonly retentionDays?: number;
    readonly terminationProtection?: boolean;
    readonly ownKey?: boolean;
  };
}

/** One generated configuration. */
export interface ConfigurationSpec {
  readonly region: string;
  readonly trailName?: string;
  readonly s3KeyPrefix?: string;
  readonly isMultiRegionTrail?: boolean;
  readonly includeGlobalServiceEvents?: boolean;
  readonly storage: Storage;
  /** An imported key of the user's own (for the log files, or with a log archive, for the log group). */
  readonly ownKey: boolean;
  readonly logBucket?: LifecycleSpec;
  readonly memberAccountsReadOwnLogs?: boolean;
  readonly sendToCloudWatchLogs?: boolean;
  readonly cloudWatchLogsRetention?: logs.RetentionDays;
  readonly alarms?: AlarmsSpec;
  readonly managementEvents?: ManagementEvents;
  readonly excludeManagementEventSources?: cloudtrail.ManagementEventSources[];
  readonly dataEvents: DataEventSpec[];
  readonly networkActivityEvents: NetworkEventSpec[];
  /** Pads the selectors with one more data event up to exactly CloudTrail's limit of 500 condition values. */
  readonly fillSelectorsToLimit: boolean;
  readonly insightTypes?: Array<'API_CALL_RATE' | 'API_ERROR_RATE'>;
  readonly insightEventCategories?: InsightEventCategory[];
  readonly analytics?: AnalyticsSpec;
}

// ----- building blocks -----

const opt = <T>(arb: fc.Arbitrary<T>, freq = 1): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });
const word = fc.stringMatching(/^[a-z][a-z0-9]{2,9}$/);
const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);

/** CloudTrail trail names: letters and digits separated by single periods, underscores or hyphens; 3 to 128 characters. */
const trailName = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(alnum, fc.array(fc.tuple(fc.constantFrom('.', '_', '-'), alnum), { maxLength: 6 })).map(([first, rest]) => first + rest.map(([s, w]) => s + w).join('')) },
  // The boundaries: exactly 3 and exactly 128 characters.
  { weight: 1, arbitrary: fc.constantFrom('org', `o${'r'.repeat(126)}g`) },
).filter((name) => name.length >= 3 && name.length <= 128 && !/^\d+\.\d+\.\d+\.\d+$/.test(name));

/** Key prefixes: segments separated by single slashes, at most 200 characters (the boundary included). */
const s3KeyPrefix = fc.oneof(
  { weight: 9, arbitrary: fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$/), { minLength: 1, maxLength: 5 }).map((s) => s.join('/')) },
  { weight: 1, arbitrary: fc.constant(`p${'/q'.repeat(99)}r`.slice(0, 200)) },
);

const lifecycle: fc.Arbitrary<LifecycleSpec> = fc
  .record({
    transitionToInfrequentAccessAfter: opt(fc.integer({ min: 30, max: 200 })),
    glacierGap: opt(fc.integer({ min: 30, max: 700 })),
    expirationGap: opt(fc.integer({ min: 1, max: 4000 })),
    noncurrentVersionExpiration: opt(fc.integer({ min: 1, max: 3650 })),
    objectLock: opt(fc.record({ mode: fc.constantFrom<'governance' | 'compliance'>('governance', 'compliance'), fraction: fc.double({ min: 0, max: 1, noNaN: true }) })),
    destroy: opt(fc.boolean()),
    replica: opt(fc.boolean(), 3),
  })
  .map((r) => {
    // Ages that respect S3's rules: Standard-IA at 30 days or later, Glacier 30 days after it, expiry after Glacier.
    const ia = r.transitionToInfrequentAccessAfter;
    const glacier = r.glacierGap === undefined ? undefined : (ia ?? 90) + r.glacierGap;
    const expiration = r.expirationGap === undefined ? undefined : (glacier ?? 365) + r.expirationGap;
    const effectiveExpiration = expiration ?? 2557;
    return {
      transitionToInfrequentAccessAfter: ia,
      transitionToGlacierAfter: glacier,
      expiration,
      noncurrentVersionExpiration: r.noncurrentVersionExpiration,
      // At most the expiration: exactly it when the fraction is 1.
      objectLock: r.objectLock && { mode: r.objectLock.mode, days: Math.max(1, Math.round(r.objectLock.fraction * effectiveExpiration)) },
      destroy: r.destroy,
      replicaRegion: r.replica ? 'replica' : undefined,
    };
  })
  .filter((l) => {
    const glacier = l.transitionToGlacierAfter ?? 365;
    return glacier >= (l.transitionToInfrequentAccessAfter ?? 90) + 30 && (l.expiration ?? 2557) > glacier;
  });

const RETENTIONS = Object.values(logs.RetentionDays).filter((v): v is logs.RetentionDays => typeof v === 'number');

const email = fc.tuple(word, word, fc.constantFrom('com', 'org', 'io')).map(([user, domain, tld]) => `${user}@${domain}.${tld}`);

/** Indices into CATALOGUE. */
const CATALOGUE = [...new Set([...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS, ...SecurityAlarmRule.RECOMMENDED])];

const alarms: fc.Arbitrary<AlarmsSpec> = fc.record({
  enabled: opt(fc.boolean(), 4),
  profile: opt(fc.constantFrom<AlarmsSpec['profile']>('SECURITY_HUB', 'CIS', 'RECOMMENDED', 'subset')),
  subset: fc.uniqueArray(fc.integer({ min: 0, max: CATALOGUE.length - 1 }), { minLength: 1, maxLength: CATALOGUE.length }),
  customRuleIds: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Za-z0-9._-]{0,39}$/), { maxLength: 4 }),
  overrides: fc.uniqueArray(
    fc.record({
      rule: fc.integer({ min: 0, max: 40 }),
      enabled: opt(fc.boolean()),
      threshold: opt(fc.integer({ min: 1, max: 100 })),
      periodMinutes: opt(fc.integer({ min: 1, max: 1440 })),
      evaluationPeriods: opt(fc.integer({ min: 1, max: 10 })),
    }),
    { maxLength: 4, selector: (o) => o.rule },
  ),
  alarmNamePrefix: opt(fc.stringMatching(/^[A-Za-z0-9._/-]{1,40}$/), 3),
  metricNamespace: opt(fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,30}$/), 3),
  emails: fc.uniqueArray(email, { maxLength: 3, selector: (e) => e.toLowerCase() }),
  heartbeat: opt(fc.record({ enabled: opt(fc.boolean()), periodMinutes: opt(fc.integer({ min: 1, max: 1440 })) })),
  tamperDetection: opt(fc.boolean()),
  dashboard: opt(fc.boolean()),
  ownTopic: opt(fc.constantFrom<AlarmsSpec['ownTopic']>('topic', 'alarmActions', 'both'), 4),
});

const arnValue = fc.tuple(fc.constantFrom('sns', 'sqs', 's3', 'lambda'), word).map(([svc, name]) => `arn:aws:${svc}:us-east-1:123456789012:${name}`);

/** Conditions a data selector accepts: each field once, with an operator and values CloudTrail takes for it. */
const dataConditions = (readOnlyOption: boolean): fc.Arbitrary<ConditionSpec[]> => {
  const anyOperator = fc.constantFrom(...Object.values(SelectorOperator));
  const values = (value: fc.Arbitrary<string>) => fc.uniqueArray(value, { minLength: 1, maxLength: 8 });
  const byField: Array<fc.Arbitrary<ConditionSpec>> = [
    fc.record({ field: fc.constant('eventName'), operator: anyOperator, values: values(fc.tuple(fc.constantFrom('Get', 'Put', 'Delete', 'Publish', 'Invoke'), alnum).map(([a, b]) => a + b)) }),
    fc.record({ field: fc.constant('eventSource'), operator: anyOperator, values: values(word.map((w) => `${w}.amazonaws.com`)) }),
    fc.record({ field: fc.constant('eventType'), operator: anyOperator, values: fc.subarray(['AwsApiCall', 'AwsServiceEvent'], { minLength: 1 }) }),
    fc.record({ field: fc.constant('resources.ARN'), operator: anyOperator, values: values(arnValue) }),
    fc.record({
      field: fc.constant('sessionCredentialFromConsole'),
      operator: fc.constantFrom(SelectorOperator.EQUALS, SelectorOperator.NOT_EQUALS),
      values: fc.constantFrom(['true'], ['false']),
    }),
    fc.record({ field: fc.constant('userIdentity.arn'), operator: anyOperator, values: values(word.map((w) => `arn:aws:sts::123456789012:assumed-role/${w}`)) }),
  ];
  if (!readOnlyOption) byField.push(fc.record({ field: fc.constant('readOnly'), operator: fc.constant(SelectorOperator.EQUALS), values: fc.constantFrom(['true'], ['false']) }));
  return fc.uniqueArray(fc.oneof(...byField), { maxLength: 3, selector: (c) => c.field });
};

const names = (min: number) => fc.uniqueArray(word, { minLength: min, maxLength: 6 });

const dataEvent: fc.Arbitrary<DataEventSpec> = fc
  .record({
    factory: fc.constantFrom<DataEventSpec['factory']>('allS3Objects', 's3Objects', 'allLambdaInvocations', 'lambdaInvocations', 'allDynamoDbItems', 'dynamoDbItems', 'ofResourceType'),
    resourceType: fc.constantFrom(...KNOWN_DATA_RESOURCE_TYPES),
    resources: names(1),
    excluded: names(0),
    objectPrefix: opt(fc.stringMatching(/^[a-z0-9][a-z0-9/_.-]{0,20}$/)),
    excludeTrailBuckets: opt(fc.boolean(), 4),
    readOnly: opt(fc.boolean()),
    addedLater: fc.boolean(),
  })
  .chain((e) =>
    dataConditions(e.readOnly !== undefined).map((conditions) => ({
      factory: e.factory,
      resourceType: e.factory === 'ofResourceType' ? e.resourceType : undefined,
      resources: e.factory === 'allS3Objects' ? e.excluded : e.factory.startsWith('all') ? [] : e.resources,
      objectPrefix: e.factory === 's3Objects' ? e.objectPrefix : undefined,
      excludeTrailBuckets: e.factory === 'allS3Objects' ? e.excludeTrailBuckets : undefined,
      readOnly: e.readOnly,
      conditions,
      addedLater: e.addedLater,
    })),
  );

const networkEvent: fc.Arbitrary<NetworkEventSpec> = fc.record({
  eventSource: fc.constantFrom('kms.amazonaws.com', 's3.amazonaws.com', 'secretsmanager.amazonaws.com', 'ec2.amazonaws.com', 'cloudtrail.amazonaws.com'),
  onlyAccessDenied: opt(fc.boolean()),
  vpcEndpointIds: opt(fc.uniqueArray(fc.stringMatching(/^vpce-[0-9a-f]{17}$/), { minLength: 1, maxLength: 3 })),
  conditions: fc.uniqueArray(
    fc.oneof(
      fc.record({
        field: fc.constant('eventName'),
        operator: fc.constantFrom(...Object.values(SelectorOperator)),
        values: fc.uniqueArray(fc.tuple(fc.constantFrom('Decrypt', 'GetObject', 'PutObject', 'GetSecretValue'), alnum).map(([a, b]) => a + b), { minLength: 1, maxLength: 5 }),
      }),
      fc.record({ field: fc.constant('vpcEndpointId'), operator: fc.constantFrom(SelectorOperator.EQUALS, SelectorOperator.NOT_EQUALS), values: fc.uniqueArray(fc.stringMatching(/^vpce-[0-9a-f]{17}$/), { minLength: 1, maxLength: 3 }) }),
    ),
    { maxLength: 2, selector: (c) => c.field },
  ),
  addedLater: fc.boolean(),
});

const pastDate = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const analytics: fc.Arbitrary<AnalyticsSpec> = fc.record({
  databaseName: opt(fc.stringMatching(/^[a-z0-9_]{1,40}$/), 2),
  tableName: opt(fc.stringMatching(/^[a-z0-9_]{1,40}$/), 2),
  workGroupName: opt(fc.stringMatching(/^[a-zA-Z0-9._-]{1,60}$/), 2),
  accountIds: opt(fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 5 }), 2),
  regions: opt(fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 4 }), 2),
  projectionStartDate: opt(pastDate, 2),
  queryResultsExpirationDays: opt(fc.integer({ min: 1, max: 3650 }), 2),
  bytesScannedCutoffPerQuery: opt(fc.integer({ min: 10 * 1024 * 1024, max: 2 ** 40 }), 2),
  destroy: opt(fc.boolean(), 4),
  lake: opt(
    fc
      .record({
        eventDataStoreName: opt(fc.stringMatching(/^[a-zA-Z0-9._-]{3,60}$/)),
        billingMode: opt(fc.constantFrom(LakeBillingMode.EXTENDABLE_RETENTION_PRICING, LakeBillingMode.FIXED_RETENTION_PRICING)),
        retentionFraction: opt(fc.double({ min: 0, max: 1, noNaN: true })),
        terminationProtection: opt(fc.boolean()),
        ownKey: opt(fc.boolean(), 4),
      })
      .map(({ retentionFraction, ...lake }) => {
        // 7 days up to the billing mode's maximum, both ends included.
        const max = lake.billingMode === LakeBillingMode.FIXED_RETENTION_PRICING ? 2557 : 3653;
        return { ...lake, retentionDays: retentionFraction === undefined ? undefined : 7 + Math.round(retentionFraction * (max - 7)) };
      }),
    3,
  ),
});

/** Every prop of an OrganizationTrail, valid alone and together. */
export const configurationArbitrary: fc.Arbitrary<ConfigurationSpec> = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    trailName: opt(trailName, 3),
    s3KeyPrefix: opt(s3KeyPrefix),
    isMultiRegionTrail: opt(fc.boolean()),
    includeGlobalServiceEvents: opt(fc.boolean()),
    storage: fc.constantFrom<Storage>('archive', 'archive', 'archive', 'importedBucket', 'crossAccountArchive'),
    ownKey: fc.boolean(),
    logBucket: opt(lifecycle),
    memberAccountsReadOwnLogs: opt(fc.boolean()),
    sendToCloudWatchLogs: opt(fc.boolean(), 4),
    cloudWatchLogsRetention: opt(fc.constantFrom(...RETENTIONS)),
    alarms: opt(alarms),
    managementEvents: opt(fc.constantFrom<ManagementEvents>('ALL', 'READ_ONLY', 'WRITE_ONLY', 'NONE'), 2),
    excludeManagementEventSources: opt(fc.subarray(Object.values(cloudtrail.ManagementEventSources), { minLength: 1 }), 4),
    dataEvents: fc.array(dataEvent, { maxLength: 4 }),
    networkActivityEvents: fc.uniqueArray(networkEvent, { maxLength: 3, selector: (e) => e.eventSource }),
    fillSelectorsToLimit: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    insightTypes: opt(fc.subarray<'API_CALL_RATE' | 'API_ERROR_RATE'>(['API_CALL_RATE', 'API_ERROR_RATE'], { minLength: 1 }), 2),
    insightEventCategories: opt(fc.subarray([InsightEventCategory.MANAGEMENT, InsightEventCategory.DATA], { minLength: 1 })),
    analytics: opt(analytics, 2),
  })
  .map((c) => {
    // Make the combination valid, keeping as much of what was drawn as the rules allow.
    const sendToCloudWatchLogs = c.sendToCloudWatchLogs;
    const logsOn = sendToCloudWatchLogs !== false;
    const management = c.managementEvents ?? 'ALL';
    const hasData = c.dataEvents.length > 0 || c.fillSelectorsToLimit;
    let insightTypes = c.insightTypes;
    let categories = insightTypes ? c.insightEventCategories : undefined;
    if (categories?.includes(InsightEventCategory.DATA) && !hasData) categories = categories.filter((x) => x !== InsightEventCategory.DATA);
    if (categories?.length === 0) categories = undefined;
    if ((categories ?? [InsightEventCategory.MANAGEMENT]).includes(InsightEventCategory.MANAGEMENT)) {
      insightTypes = insightTypes?.filter((t) =>
        t === 'API_CALL_RATE' ? management === 'ALL' || management === 'WRITE_ONLY' : management !== 'NONE',
      );
    }
    if (insightTypes?.length === 0) {
      insightTypes = undefined;
      categories = undefined;
    }
    const multiRegion = c.isMultiRegionTrail ?? true;
    return {
      region: c.region,
      trailName: c.trailName,
      s3KeyPrefix: c.s3KeyPrefix,
      isMultiRegionTrail: c.isMultiRegionTrail,
      includeGlobalServiceEvents: multiRegion && c.includeGlobalServiceEvents === false ? undefined : c.includeGlobalServiceEvents,
      storage: c.storage,
      // With a log archive, the trail's own key only encrypts the log group.
      ownKey: c.ownKey && !(c.storage === 'crossAccountArchive' && !logsOn),
      logBucket: c.storage === 'importedBucket' ? undefined : c.logBucket,
      memberAccountsReadOwnLogs: c.storage === 'crossAccountArchive' ? c.memberAccountsReadOwnLogs : undefined,
      sendToCloudWatchLogs,
      cloudWatchLogsRetention: logsOn ? c.cloudWatchLogsRetention : undefined,
      alarms: logsOn ? c.alarms : c.alarms && { ...c.alarms, enabled: false },
      managementEvents: c.managementEvents,
      excludeManagementEventSources: management === 'NONE' ? undefined : c.excludeManagementEventSources,
      dataEvents: c.dataEvents,
      // A trail logs something: without management events, at least one network activity event.
      networkActivityEvents:
        management === 'NONE' && !hasData && c.networkActivityEvents.length === 0
          ? [{ eventSource: 'kms.amazonaws.com', conditions: [], addedLater: false }]
          : c.networkActivityEvents,
      fillSelectorsToLimit: c.fillSelectorsToLimit,
      insightTypes,
      insightEventCategories: categories,
      analytics: c.analytics,
    };
  });

/** Reproducible configurations: the same seed always gives the same list. */
export function generateConfigurations(seed: number, count: number): ConfigurationSpec[] {
  return fc.sample(configurationArbitrary, { seed, numRuns: count });
}

// ----- building a configuration -----

/** What a built configuration consists of. */
export interface BuiltConfiguration {
  readonly trailStack: Stack;
  readonly archiveStack?: Stack;
  readonly trail: OrganizationTrail;
}

/**
 * Builds one configuration under `scope/id`: the trail's stack, and with a cross-account log archive, the archive's
 * stack. `index` gives each configuration its own management account, as alarm names are unique per account and Region.
 */
export function buildConfiguration(scope: Construct, id: string, spec: ConfigurationSpec, index: number): BuiltConfiguration {
  const group = new Construct(scope, id);
  const account = String(100000000000 + index);
  const stack = new Stack(group, 'Management', { env: { account, region: spec.region } });
  const imports = new Construct(stack, 'Imports');
  const keyArn = (region: string, acct: string, n: string) => `arn:aws:kms:${region}:${acct}:key/${n}-1234-5678-9abc-def012345678`;
  const ownKey = spec.ownKey ? kms.Key.fromKeyArn(imports, 'OwnKey', keyArn(spec.region, account, '0000abcd')) : undefined;

  let archiveStack: Stack | undefined;
  let storage: Partial<OrganizationTrailProps> = { logBucket: spec.logBucket && logBucketOptions(imports, spec.logBucket, spec.region) };
  if (spec.storage === 'importedBucket') {
    storage = { bucket: s3.Bucket.fromBucketName(imports, 'OwnBucket', `own-trail-bucket-${index}`) };
  } else if (spec.storage === 'crossAccountArchive') {
    archiveStack = new Stack(group, 'LogArchive', { env: { account: String(200000000000 + index), region: spec.region } });
    const logArchive = new LogArchive(archiveStack, 'LogArchive', {
      organizationId: ORG_ID,
      memberAccountsReadOwnLogs: spec.memberAccountsReadOwnLogs,
      logBucket: spec.logBucket && logBucketOptions(archiveStack, spec.logBucket, spec.region),
    });
    storage = { logArchive };
  }

  const dataEvents = spec.dataEvents.map((e, i) => [e, dataEventOf(imports, `Data${i}`, e)] as const);
  const networkEvents = spec.networkActivityEvents.map((e, i) => [e, networkEventOf(imports, `Network${i}`, e)] as const);
  const trail = new OrganizationTrail(stack, 'Trail', {
    organizationId: ORG_ID,
    trailName: spec.trailName,
    s3KeyPrefix: spec.s3KeyPrefix,
    isMultiRegionTrail: spec.isMultiRegionTrail,
    includeGlobalServiceEvents: spec.includeGlobalServiceEvents,
    encryptionKey: ownKey,
    ...storage,
    sendToCloudWatchLogs: spec.sendToCloudWatchLogs,
    cloudWatchLogsRetention: spec.cloudWatchLogsRetention,
    alarms: spec.alarms && alarmsOptions(imports, spec.alarms, account, spec.region),
    managementEvents: spec.managementEvents && cloudtrail.ReadWriteType[spec.managementEvents],
    excludeManagementEventSources: spec.excludeManagementEventSources,
    dataEvents: dataEvents.filter(([e]) => !e.addedLater).map(([, event]) => event),
    networkActivityEvents: networkEvents.filter(([e]) => !e.addedLater).map(([, event]) => event),
    insightTypes: spec.insightTypes?.map((t) => cloudtrail.InsightType[t]),
    insightEventCategories: spec.insightEventCategories,
    analytics: spec.analytics && analyticsOptions(imports, spec.analytics, account, spec.region),
  });
  const later = dataEvents.filter(([e]) => e.addedLater).map(([, event]) => event);
  if (later.length > 0) trail.addDataEvents(...later);
  const laterNetwork = networkEvents.filter(([e]) => e.addedLater).map(([, event]) => event);
  if (laterNetwork.length > 0) trail.addNetworkActivityEvents(...laterNetwork);
  if (spec.fillSelectorsToLimit) fillToLimit(stack, trail);
  return { trailStack: stack, archiveStack, trail };
}

function logBucketOptions(scope: Construct, spec: LifecycleSpec, region: string): LogBucketOptions {
  const days = (n: number | undefined) => (n === undefined ? undefined : Duration.days(n));
  const replicaRegion = spec.replicaRegion && REGIONS.find((r) => r !== region)!;
  return {
    transitionToInfrequentAccessAfter: days(spec.transitionToInfrequentAccessAfter),
    transitionToGlacierAfter: days(spec.transitionToGlacierAfter),
    expiration: days(spec.expiration),
    noncurrentVersionExpiration: days(spec.noncurrentVersionExpiration),
    objectLockRetention: spec.objectLock && s3.ObjectLockRetention[spec.objectLock.mode](Duration.days(spec.objectLock.days)),
    removalPolicy: spec.destroy === undefined ? undefined : spec.destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    replication: replicaRegion
      ? {
        destinationBucket: s3.Bucket.fromBucketAttributes(scope, 'Replica', {
          bucketArn: `arn:aws:s3:::trail-replica-${replicaRegion}`,
          region: replicaRegion,
          account: '444444444444',
        }),
        destinationKey: kms.Key.fromKeyArn(scope, 'ReplicaKey', `arn:aws:kms:${replicaRegion}:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
      }
      : undefined,
  };
}

function alarmsOptions(scope: Construct, spec: AlarmsSpec, account: string, region: string): OrganizationTrailAlarmsOptions {
  const custom = spec.customRuleIds.map((id) =>
    SecurityAlarmRule.custom({ id, filterPattern: logs.FilterPattern.stringValue('$.eventName', '=', `Custom${id.length}`) }),
  );
  const profile = spec.profile ?? 'SECURITY_HUB';
  const base = profile === 'subset' ? spec.subset.map((i) => CATALOGUE[i]) : SecurityAlarmRule[profile];
  // Custom ids must not collide with catalogue ids; an id the catalogue already uses is left out.
  const rules = spec.profile === undefined && custom.length === 0 ? undefined : [...base, ...custom.filter((r) => !base.some((b) => b.id === r.id))];
  const effective = rules ?? SecurityAlarmRule.SECURITY_HUB;
  const overrides = spec.overrides.map((o) => ({
    rule: effective[o.rule % effective.length],
    enabled: o.enabled,
    threshold: o.threshold,
    period: minutes(o.periodMinutes),
    evaluationPeriods: o.evaluationPeriods && Math.min(o.evaluationPeriods, maxEvaluationPeriods(o.periodMinutes ?? 5)),
  }));
  const uniqueOverrides = overrides.filter((o, i) => overrides.findIndex((p) => p.rule.id === o.rule.id) === i);
  const topic = spec.ownTopic ? sns.Topic.fromTopicArn(scope, 'OwnTopic', `arn:aws:sns:${region}:${account}:security-alarms`) : undefined;
  const withTopic = spec.ownTopic === 'topic' || spec.ownTopic === 'both';
  const withActions = spec.ownTopic === 'alarmActions' || spec.ownTopic === 'both';
  return {
    enabled: spec.enabled,
    rules,
    overrides: uniqueOverrides,
    alarmNamePrefix: spec.alarmNamePrefix,
    metricNamespace: spec.metricNamespace,
    // Subscriptions need a topic: none when alarm actions replace it.
    emailSubscriptions: spec.ownTopic === 'alarmActions' ? undefined : spec.emails,
    heartbeat: spec.heartbeat && { enabled: spec.heartbeat.enabled, period: minutes(spec.heartbeat.periodMinutes) },
    tamperDetection: spec.tamperDetection === undefined ? undefined : { enabled: spec.tamperDetection },
    dashboard: spec.dashboard,
    topic: withTopic ? topic : undefined,
    alarmActions: withActions ? [new actions.SnsAction(topic!)] : undefined,
  };
}

const minutes = (n: number | undefined) => (n === undefined ? undefined : Duration.minutes(n));

/** CloudWatch evaluates at most a day of periods shorter than an hour, and at most seven days of longer ones. */
const maxEvaluationPeriods = (periodMinutes: number) => Math.floor((periodMinutes >= 60 ? 10080 : 1440) / periodMinutes);

function analyticsOptions(scope: Construct, spec: AnalyticsSpec, account: string, region: string): TrailAnalyticsOptions {
  const lake = spec.lake;
  return {
    databaseName: spec.databaseName,
    tableName: spec.tableName,
    workGroupName: spec.workGroupName,
    accountIds: spec.accountIds,
    regions: spec.regions,
    projectionStartDate: spec.projectionStartDate,
    queryResultsExpiration: spec.queryResultsExpirationDays === undefined ? undefined : Duration.days(spec.queryResultsExpirationDays),
    bytesScannedCutoffPerQuery: spec.bytesScannedCutoffPerQuery,
    removalPolicy: spec.destroy === undefined ? undefined : spec.destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    lake: lake && {
      eventDataStoreName: lake.eventDataStoreName,
      billingMode: lake.billingMode,
      retention: lake.retentionDays === undefined ? undefined : Duration.days(lake.retentionDays),
      terminationProtection: lake.terminationProtection,
      encryptionKey: lake.ownKey ? kms.Key.fromKeyArn(scope, 'LakeKey', `arn:aws:kms:${region}:${account}:key/1111abcd-1234-5678-9abc-def012345678`) : undefined,
    },
  };
}

function conditionsOf(specs: ConditionSpec[]): FieldCondition[] {
  const fields = Object.values(SelectorField).filter((f): f is SelectorField => f instanceof SelectorField);
  return specs.map((c) => FieldCondition.of(fields.find((f) => f.name === c.field)!, c.operator, c.values));
}

function dataEventOf(scope: Construct, id: string, spec: DataEventSpec): DataEvent {
  const options = { readOnly: spec.readOnly, conditions: conditionsOf(spec.conditions) };
  const buckets = () => spec.resources.map((name, i) => s3.Bucket.fromBucketName(scope, `${id}Bucket${i}`, `${name}-bucket-${i}`));
  switch (spec.factory) {
    case 'allS3Objects':
      return DataEvent.allS3Objects({ ...options, excludeTrailBuckets: spec.excludeTrailBuckets, excludeBuckets: buckets() });
    case 's3Objects':
      return DataEvent.s3Objects(buckets(), { ...options, objectPrefix: spec.objectPrefix });
    case 'allLambdaInvocations':
      return DataEvent.allLambdaInvocations(options);
    case 'lambdaInvocations':
      return DataEvent.lambdaInvocations(spec.resources.map((name, i) => lambda.Function.fromFunctionName(scope, `${id}Function${i}`, name)), options);
    case 'allDynamoDbItems':
      return DataEvent.allDynamoDbItems(options);
    case 'dynamoDbItems':
      return DataEvent.dynamoDbItems(spec.resources.map((name, i) => dynamodb.Table.fromTableName(scope, `${id}Table${i}`, name)), options);
    case 'ofResourceType':
      return DataEvent.ofResourceType(spec.resourceType!, options);
  }
}

function networkEventOf(scope: Construct, id: string, spec: NetworkEventSpec): NetworkActivityEvent {
  return NetworkActivityEvent.of(spec.eventSource, {
    onlyAccessDenied: spec.onlyAccessDenied,
    vpcEndpoints: spec.vpcEndpointIds?.map((vpcEndpointId, i) =>
      ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(scope, `${id}Endpoint${i}`, { vpcEndpointId, port: 443 }),
    ),
    conditions: conditionsOf(spec.conditions),
  });
}

/** Adds one data event whose eventName values bring the trail's condition values to exactly 500. */
function fillToLimit(stack: Stack, trail: OrganizationTrail): void {
  const rendered = (stack.resolve(trail.trail.advancedEventSelectors) ?? []) as cloudtrail.CfnTrail.AdvancedEventSelectorProperty[];
  const used = rendered.flatMap((s) => s.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[])
    .flatMap((f) => [f.equalTo, f.notEquals, f.startsWith, f.notStartsWith, f.endsWith, f.notEndsWith] as Array<string[] | undefined>)
    .reduce((n, values) => n + (values?.length ?? 0), 0);
  // A trail of management events only has a basic selector, which becomes an advanced one beside the first data
  // event: eventCategory, readOnly unless it records both, and each excluded source.
  const [basic] = (stack.resolve(trail.trail.eventSelectors) ?? []) as cloudtrail.CfnTrail.EventSelectorProperty[];
  const management = basic ? 1 + (basic.readWriteType === 'All' ? 0 : 1) + (basic.excludeManagementEventSources?.length ?? 0) : 0;
  // The new selector brings eventCategory and resources.type: 2 values of its own.
  const room = 500 - used - management - 2;
  if (room < 1) return;
  trail.addDataEvents(
    DataEvent.ofResourceType('AWS::SQS::Queue', {
      conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, Array.from({ length: room }, (_, i) => `SendMessage${i}`))],
    }),
  );
}

// ----- what a configuration exercises -----

/**
 * The option values a configuration exercises, as short labels: the unit of coverage when only some configurations
 * can go through every validator.
 */
export function featuresOf(spec: ConfigurationSpec): string[] {
  const f: string[] = [`storage:${spec.storage}`, `region:${spec.region}`];
  const add = (condition: unknown, label: string) => condition && f.push(label);
  add(spec.trailName, 'trailName');
  add(spec.trailName?.length === 128, 'trailName:128');
  add(spec.s3KeyPrefix, 's3KeyPrefix');
  add(spec.s3KeyPrefix?.length === 200, 's3KeyPrefix:200');
  add(spec.isMultiRegionTrail === false, 'singleRegion');
  add(spec.includeGlobalServiceEvents === false, 'noGlobalServiceEvents');
  add(spec.ownKey, 'ownKey');
  add(spec.memberAccountsReadOwnLogs, 'memberAccountsReadOwnLogs');
  const lc = spec.logBucket;
  add(lc && (lc.transitionToInfrequentAccessAfter ?? lc.transitionToGlacierAfter ?? lc.expiration ?? lc.noncurrentVersionExpiration), 'lifecycle');
  add(lc?.objectLock, `objectLock:${lc?.objectLock?.mode}`);
  add(lc?.replicaRegion, 'replication');
  add(lc?.destroy, 'destroy');
  const logsOn = spec.sendToCloudWatchLogs !== false;
  add(!logsOn, 'cloudWatchLogsOff');
  const retention = spec.cloudWatchLogsRetention;
  add(retention !== undefined, `retention:${retention === logs.RetentionDays.INFINITE ? 'infinite' : retention! < 365 ? 'short' : 'yearOrMore'}`);
  const a = spec.alarms;
  const alarmsOn = logsOn && a?.enabled !== false;
  add(!alarmsOn && logsOn, 'alarmsOff');
  if (alarmsOn && a) {
    f.push(`alarms:${a.profile ?? 'default'}`);
    add(a.customRuleIds.length, 'alarms:custom');
    add(a.overrides.length, 'alarms:overrides');
    add(a.overrides.some((o) => o.enabled === false), 'alarms:ruleOff');
    add(a.alarmNamePrefix, 'alarms:prefix');
    add(a.metricNamespace, 'alarms:namespace');
    add(a.emails.length, 'alarms:emails');
    add(a.heartbeat?.enabled === false, 'alarms:heartbeatOff');
    add(a.heartbeat?.periodMinutes, 'alarms:heartbeatPeriod');
    add(a.tamperDetection === false, 'alarms:tamperOff');
    add(a.dashboard, 'alarms:dashboard');
    add(a.ownTopic, `alarms:${a.ownTopic}`);
  }
  add(spec.managementEvents, `management:${spec.managementEvents}`);
  add(spec.excludeManagementEventSources, 'excludeSources');
  for (const e of spec.dataEvents) {
    f.push(`data:${e.factory}`);
    add(e.addedLater, 'data:addedLater');
    add(e.readOnly !== undefined, 'data:readOnly');
    add(e.objectPrefix, 'data:objectPrefix');
    add(e.excludeTrailBuckets === false, 'data:trailBucketsIncluded');
    e.conditions.forEach((c) => f.push(`data:${c.field}:${c.operator}`));
  }
  for (const e of spec.networkActivityEvents) {
    f.push(`network:${e.eventSource}`);
    add(e.addedLater, 'network:addedLater');
    add(e.onlyAccessDenied, 'network:onlyAccessDenied');
    add(e.vpcEndpointIds, 'network:vpcEndpoints');
    e.conditions.forEach((c) => f.push(`network:${c.field}:${c.operator}`));
  }
  add(spec.fillSelectorsToLimit, 'selectors:500');
  spec.insightTypes?.forEach((t) => f.push(`insights:${t}`));
  spec.insightEventCategories?.forEach((c) => f.push(`insightCategory:${c}`));
  const an = spec.analytics;
  if (an) {
    f.push('analytics');
    for (const key of ['databaseName', 'tableName', 'workGroupName', 'accountIds', 'regions', 'projectionStartDate', 'queryResultsExpirationDays', 'bytesScannedCutoffPerQuery', 'destroy'] as const) {
      add(an[key], `analytics:${key}`);
    }
    add(an.lake, 'lake');
    add(an.lake?.billingMode, `lake:${an.lake?.billingMode}`);
    add(an.lake?.retentionDays, 'lake:retention');
    add(an.lake?.ownKey, 'lake:ownKey');
    add(an.lake?.terminationProtection === false, 'lake:unprotected');
  }
  return [...new Set(f)];
}
