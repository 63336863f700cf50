/**
 * How EventBridge delivers a CloudTrail record to an account's default event bus: the record becomes `detail`, its
 * `eventType` chooses the `detail-type`, and its service names the `source`.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html
 */
export function eventBridgeEventOf(record: Record<string, unknown>): Record<string, unknown> {
  // An Insights event names the service it analysed inside insightDetails; CloudTrail itself sends it.
  const insight = record.eventType === 'AwsCloudTrailInsight';
  const eventSource = insight ? 'cloudtrail.amazonaws.com' : requireString(record, 'eventSource');
  return {
    'version': '0',
    'id': typeof record.eventID === 'string' ? record.eventID : '00000000-0000-0000-0000-000000000000',
    'detail-type': DETAIL_TYPES[String(record.eventType)] ?? DETAIL_TYPES.AwsApiCall,
    'source': SOURCES[eventSource] ?? `aws.${eventSource.split('.')[0]}`,
    'account': record.recipientAccountId ?? accountOf(record),
    'time': record.eventTime,
    'region': record.awsRegion,
    'resources': [],
    'detail': record,
  };
}

/**
 * Whether a rule in this state receives the record at all: since November 2023 EventBridge delivers read-only
 * management events (`readOnly: true`) only to rules whose state is `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
 */
export function isDelivered(record: Record<string, unknown>, ruleState: string | undefined): boolean {
  if (ruleState === 'DISABLED') return false;
  return record.readOnly !== true || ruleState === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
}

const DETAIL_TYPES: Record<string, string> = {
  AwsApiCall: 'AWS API Call via CloudTrail',
  AwsConsoleSignIn: 'AWS Console Sign In via CloudTrail',
  AwsConsoleAction: 'AWS Console Action via CloudTrail',
  AwsServiceEvent: 'AWS Service Event via CloudTrail',
  AwsCloudTrailInsight: 'AWS Insight via CloudTrail',
};

/** Services whose EventBridge source is not `aws.` followed by the first label of their endpoint. */
const SOURCES: Record<string, string> = {
  'monitoring.amazonaws.com': 'aws.cloudwatch',
};

function requireString(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') {
    throw new Error(`A CloudTrail record has a string ${field}; this one has ${JSON.stringify(value)}. Pass one record of a log file's Records array.`);
  }
  return value;
}

function accountOf(record: Record<string, unknown>): unknown {
  const identity = record.userIdentity as Record<string, unknown> | undefined;
  return identity?.accountId;
}
