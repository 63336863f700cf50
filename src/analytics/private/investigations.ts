import * as logs from 'aws-cdk-lib/aws-logs';
import { PARTITION_COLUMNS } from './cloudtrail-schema';
import { ANALYTICS_DEFAULTS } from '../../core/defaults';
import { TAMPER_CALLS } from '../../core/tamper-calls';

/**
 * One question people ask of CloudTrail during an incident, written once for Athena (over the Glue table) and once
 * for CloudWatch Logs Insights (over the trail's log group). Column names are lowercase in Athena and camelCase in
 * CloudWatch Logs, as CloudTrail writes them.
 */
export interface Investigation {
  /** Construct id of the saved queries. */
  readonly id: string;
  /** Name of the saved queries (at most 128 characters). */
  readonly title: string;
  /** What the query answers. */
  readonly description: string;
  /** Athena execution parameters after the account and day range, in order (`?` in `where`). */
  readonly parameters: string[];
  /** Athena: the SELECT list. */
  readonly select: string[];
  /** Athena: conditions, all of which must hold. */
  readonly where: string[];
  readonly groupBy?: string[];
  readonly orderBy: string;
  /** CloudWatch Logs Insights: the same question. Values the analyst supplies are `REPLACE_WITH_...` placeholders. */
  readonly insights: logs.QueryStringProps;
}

const list = (values: string[], quote: string) => values.map((v) => `${quote}${v}${quote}`).join(', ');
/** Athena: `column IN ('A', 'B')`. */
const sqlIn = (column: string, values: string[]) => `${column} IN (${list(values, "'")})`;
/** Logs Insights: `field in ["A", "B"]`. */
const insightsIn = (field: string, values: string[]) => `${field} in [${list(values, '"')}]`;

const WHO_CHANGED_SQL = ['eventtime', 'account', 'awsregion', 'useridentity.arn', 'eventname'];
const WHO_CHANGED_TAIL_SQL = ['requestparameters', 'sourceipaddress', 'errorcode'];
const WHO_CHANGED_INSIGHTS = ['@timestamp', 'recipientAccountId', 'awsRegion', 'userIdentity.arn', 'eventName'];
const WHO_CHANGED_TAIL_INSIGHTS = ['sourceIPAddress', 'errorCode'];
const ACTIVITY_SQL = ['eventtime', 'account', 'awsregion', 'useridentity.arn', 'eventsource', 'eventname', 'sourceipaddress', 'useragent', 'errorcode'];
const ACTIVITY_INSIGHTS = ['@timestamp', 'recipientAccountId', 'awsRegion', 'userIdentity.arn', 'eventSource', 'eventName', 'sourceIPAddress', 'userAgent', 'errorCode'];
const LATEST_FIRST = { sort: '@timestamp desc', limit: ANALYTICS_DEFAULTS.queryRowLimit };

const SECURITY_GROUP_EVENTS = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'ModifySecurityGroupRules',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
];
const BUCKET_POLICY_EVENTS = [
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
];
/** The key's tamper calls, then the calls that undo them or change what names the key. */
const KEY_EVENTS = [
  ...TAMPER_CALLS.key.eventNames,
  'CancelKeyDeletion',
  'EnableKey',
  'EnableKeyRotation',
  'RevokeGrant',
  'UpdateAlias',
  'DeleteAlias',
  'ImportKeyMaterial',
  'DeleteImportedKeyMaterial',
];
const TRAIL_TAMPER_EVENTS = [...TAMPER_CALLS.trail.eventNames, ...TAMPER_CALLS.eventDataStore.eventNames];

/** Every investigation, in the order the saved queries are listed. */
export const INVESTIGATIONS: Investigation[] = [
  {
    id: 'RootActivity',
    title: 'Root user activity',
    description: 'Calls made with the root user credentials of any account (CIS: avoid the root user).',
    parameters: [],
    select: ACTIVITY_SQL.filter((c) => c !== 'useridentity.arn'),
    where: ["useridentity.type = 'Root'", 'useridentity.invokedby IS NULL', "eventtype <> 'AwsServiceEvent'"],
    orderBy: 'eventtime DESC',
    insights: {
      fields: ACTIVITY_INSIGHTS.filter((c) => c !== 'userIdentity.arn'),
      filterStatements: [
        'userIdentity.type = "Root"',
        'not ispresent(userIdentity.invokedBy)',
        'eventType != "AwsServiceEvent"',
      ],
      ...LATEST_FIRST,
    },
  },
  {
    id: 'ConsoleSignInWithoutMfa',
    title: 'Console sign-ins without MFA',
    description: 'AWS Management Console sign-ins of IAM users and root users that did not use MFA, with their outcome.',
    parameters: [],
    select: [
      'eventtime',
      'account',
      'useridentity.type',
      'useridentity.arn',
      'sourceipaddress',
      'useragent',
      "json_extract_scalar(responseelements, '$.ConsoleLogin') AS outcome",
    ],
    where: [
      "eventname = 'ConsoleLogin'",
      sqlIn('useridentity.type', ['IAMUser', 'Root']),
      "coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), 'No') <> 'Yes'",
    ],
    orderBy: 'eventtime DESC',
    insights: {
      fields: [
        '@timestamp',
        'recipientAccountId',
        'userIdentity.type',
        'userIdentity.arn',
        'sourceIPAddress',
        'userAgent',
        'responseElements.ConsoleLogin',
      ],
      filterStatements: [
        'eventName = "ConsoleLogin"',
        insightsIn('userIdentity.type', ['IAMUser', 'Root']),
        'additionalEventData.MFAUsed != "Yes"',
      ],
      ...LATEST_FIRST,
    },
  },
  {
    id: 'AccessDeniedByPrincipal',
    title: 'Access denied by principal',
    description: 'Denied calls grouped by principal, service, action and error: who is probing, or missing a permission.',
    parameters: [],
    select: [
      'useridentity.arn AS principal',
      'eventsource',
      'eventname',
      'errorcode',
      'count(*) AS denials',
      'min(eventtime) AS first_seen',
      'max(eventtime) AS last_seen',
    ],
    where: ["(errorcode LIKE '%AccessDenied%' OR errorcode LIKE '%UnauthorizedOperation%')"],
    groupBy: ['useridentity.arn', 'eventsource', 'eventname', 'errorcode'],
    orderBy: 'denials DESC',
    insights: {
      filterStatements: ['errorCode like /AccessDenied|UnauthorizedOperation/'],
      statsStatements: [
        'count(*) as denials, min(@timestamp) as firstSeen, max(@timestamp) as lastSeen by userIdentity.arn, eventSource, eventName, errorCode',
      ],
      sort: 'denials desc',
      limit: ANALYTICS_DEFAULTS.queryRowLimit,
    },
  },
  {
    id: 'SecurityGroupChanges',
    title: 'Who changed a security group',
    description: 'Created, deleted, opened or closed security groups, with the request that did it.',
    parameters: [],
    select: [...WHO_CHANGED_SQL, ...WHO_CHANGED_TAIL_SQL],
    where: ["eventsource = 'ec2.amazonaws.com'", sqlIn('eventname', SECURITY_GROUP_EVENTS)],
    orderBy: 'eventtime DESC',
    insights: {
      fields: [...WHO_CHANGED_INSIGHTS, 'requestParameters.groupId', ...WHO_CHANGED_TAIL_INSIGHTS],
      filterStatements: ['eventSource = "ec2.amazonaws.com"', insightsIn('eventName', SECURITY_GROUP_EVENTS)],
      ...LATEST_FIRST,
    },
  },
  {
    id: 'BucketPolicyChanges',
    title: 'Who changed a bucket policy',
    description: 'Changes to S3 bucket policies, ACLs and Block Public Access settings, with the bucket they touched.',
    parameters: [],
    select: [...WHO_CHANGED_SQL, "json_extract_scalar(requestparameters, '$.bucketName') AS bucket", ...WHO_CHANGED_TAIL_SQL],
    where: ["eventsource = 's3.amazonaws.com'", sqlIn('eventname', BUCKET_POLICY_EVENTS)],
    orderBy: 'eventtime DESC',
    insights: {
      fields: [...WHO_CHANGED_INSIGHTS, 'requestParameters.bucketName', ...WHO_CHANGED_TAIL_INSIGHTS],
      filterStatements: ['eventSource = "s3.amazonaws.com"', insightsIn('eventName', BUCKET_POLICY_EVENTS)],
      ...LATEST_FIRST,
    },
  },
  {
    id: 'KeyChanges',
    title: 'Who changed a KMS key',
    description: 'Changes to KMS key policies, state, rotation, aliases and key material, with the key they touched.',
    parameters: [],
    select: [...WHO_CHANGED_SQL, "json_extract_scalar(requestparameters, '$.keyId') AS key_id", ...WHO_CHANGED_TAIL_SQL],
    where: ["eventsource = 'kms.amazonaws.com'", sqlIn('eventname', KEY_EVENTS)],
    orderBy: 'eventtime DESC',
    insights: {
      fields: [...WHO_CHANGED_INSIGHTS, 'requestParameters.keyId', ...WHO_CHANGED_TAIL_INSIGHTS],
      filterStatements: ['eventSource = "kms.amazonaws.com"', insightsIn('eventName', KEY_EVENTS)],
      ...LATEST_FIRST,
    },
  },
  {
    id: 'AccessKeyActivity',
    title: 'Everything one access key did',
    description: 'Every call signed with one access key: a long-term key (AKIA...) or the temporary key of a session (ASIA...).',
    parameters: ['access key id'],
    select: ACTIVITY_SQL,
    where: ['useridentity.accesskeyid = ?'],
    orderBy: 'eventtime',
    insights: {
      fields: ACTIVITY_INSIGHTS,
      filterStatements: ['userIdentity.accessKeyId = "REPLACE_WITH_ACCESS_KEY_ID"'],
      sort: '@timestamp asc',
      limit: ANALYTICS_DEFAULTS.queryRowLimit,
    },
  },
  {
    id: 'RoleSessionActivity',
    title: 'Everything one role session did',
    description: 'Every call of one role session, named by its ARN: arn:<partition>:sts::<account>:assumed-role/<role>/<session>.',
    parameters: ['role session ARN'],
    select: ACTIVITY_SQL.filter((c) => c !== 'useridentity.arn').concat('useridentity.accesskeyid'),
    where: ['useridentity.arn = ?'],
    orderBy: 'eventtime',
    insights: {
      fields: ACTIVITY_INSIGHTS.filter((c) => c !== 'userIdentity.arn').concat('userIdentity.accessKeyId'),
      filterStatements: ['userIdentity.arn = "REPLACE_WITH_ROLE_SESSION_ARN"'],
      sort: '@timestamp asc',
      limit: ANALYTICS_DEFAULTS.queryRowLimit,
    },
  },
  {
    id: 'TrailTampering',
    title: 'Trail and event data store tampering',
    description: 'Calls that stop, delete or narrow a trail or an event data store: the first move of an intruder covering tracks.',
    parameters: [],
    select: [...WHO_CHANGED_SQL, ...WHO_CHANGED_TAIL_SQL],
    where: ["eventsource = 'cloudtrail.amazonaws.com'", sqlIn('eventname', TRAIL_TAMPER_EVENTS)],
    orderBy: 'eventtime DESC',
    insights: {
      fields: [...WHO_CHANGED_INSIGHTS, 'requestParameters.name', ...WHO_CHANGED_TAIL_INSIGHTS],
      filterStatements: ['eventSource = "cloudtrail.amazonaws.com"', insightsIn('eventName', TRAIL_TAMPER_EVENTS)],
      ...LATEST_FIRST,
    },
  },
];

/** Where the Athena queries read from, and whether they must name the account. */
export interface QueryTarget {
  readonly databaseName: string;
  readonly tableName: string;
  /** True when accounts are injected: Athena then requires `account = <value>` in every query. */
  readonly accountInjected: boolean;
}

/** The Athena SQL of an investigation. Values come as execution parameters (`?`), never pasted into the text. */
export function athenaQuery(investigation: Investigation, target: QueryTarget): string {
  const { account, day } = PARTITION_COLUMNS;
  const partitions = [...(target.accountInjected ? [`${account} = ?`] : []), `${day} BETWEEN ? AND ?`];
  const conditions = [...partitions, ...investigation.where];
  return [
    `SELECT ${investigation.select.join(',\n       ')}`,
    `FROM "${target.databaseName}"."${target.tableName}"`,
    `WHERE ${conditions.join('\n  AND ')}`,
    ...(investigation.groupBy ? [`GROUP BY ${investigation.groupBy.join(', ')}`] : []),
    `ORDER BY ${investigation.orderBy}`,
    `LIMIT ${ANALYTICS_DEFAULTS.queryRowLimit}`,
  ].join('\n');
}

/** The description of a named query: the question, then the execution parameters it expects, in order. */
export function athenaDescription(investigation: Investigation, accountInjected: boolean): string {
  const parameters = [
    ...(accountInjected ? ['account id (12 digits)'] : []),
    'first day (yyyy/MM/dd)',
    'last day (yyyy/MM/dd)',
    ...investigation.parameters,
  ];
  // Athena binds an execution parameter as a string only when it is quoted: unquoted, 2026/01/31 is a division.
  return `${investigation.description} Parameters, in order, each in single quotes (e.g. '2026/01/31'): ${parameters.join(', ')}.`;
}

/** The CloudWatch Logs Insights query of an investigation. */
export function insightsQuery(investigation: Investigation): logs.QueryString {
  return new logs.QueryString(investigation.insights);
}
