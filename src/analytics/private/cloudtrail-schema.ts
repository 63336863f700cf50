import * as glue from 'aws-cdk-lib/aws-glue';

/**
 * The fields of a CloudTrail record, as CloudTrail writes them (camelCase JSON names), limited to those the CloudTrail
 * SerDe documents. This list is the one place the table columns, the query texts and their tests agree on.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/cloudtrail-serde.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export type FieldType = 'string' | 'json' | StructType | ArrayType;

export interface StructType {
  readonly struct: Field[];
}

export interface ArrayType {
  readonly arrayOf: Field[];
}

export interface Field {
  readonly name: string;
  readonly type: FieldType;
}

const string = (name: string): Field => ({ name, type: 'string' });
/** A field whose content depends on the event: a string column in Athena (read it with json_extract). */
const json = (name: string): Field => ({ name, type: 'json' });
const struct = (name: string, fields: Field[]): Field => ({ name, type: { struct: fields } });
const arrayOf = (name: string, fields: Field[]): Field => ({ name, type: { arrayOf: fields } });

const issuerFields = [string('type'), string('principalId'), string('arn'), string('accountId'), string('userName')];

export const CLOUDTRAIL_RECORD: Field[] = [
  string('eventVersion'),
  struct('userIdentity', [
    string('type'),
    string('principalId'),
    string('arn'),
    string('accountId'),
    string('invokedBy'),
    string('accessKeyId'),
    string('userName'),
    struct('sessionContext', [
      struct('attributes', [string('mfaAuthenticated'), string('creationDate')]),
      struct('sessionIssuer', issuerFields),
    ]),
  ]),
  string('eventTime'),
  string('eventSource'),
  string('eventName'),
  string('awsRegion'),
  string('sourceIPAddress'),
  string('userAgent'),
  string('errorCode'),
  string('errorMessage'),
  json('requestParameters'),
  json('responseElements'),
  json('additionalEventData'),
  string('requestID'),
  string('eventID'),
  arrayOf('resources', [string('ARN'), string('accountId'), string('type')]),
  string('eventType'),
  string('apiVersion'),
  string('readOnly'),
  string('recipientAccountId'),
  json('serviceEventDetails'),
  string('sharedEventID'),
  string('vpcEndpointId'),
];

/** The partition columns of the table, in the order of the S3 key layout. */
export const PARTITION_COLUMNS = {
  /** `AWSLogs/<org-id>/<account>/...` */
  account: 'account',
  /** `.../CloudTrail/<region>/...` */
  region: 'region',
  /** `.../<yyyy>/<MM>/<dd>/`, one string `yyyy/MM/dd`. `date` is a reserved word, hence `day`. */
  day: 'day',
} as const;

/** Glue (Hive) type of a field, with lowercase names as Athena reads them. */
function hiveType(type: FieldType): string {
  if (type === 'string' || type === 'json') return 'string';
  if ('struct' in type) return `struct<${type.struct.map((f) => `${f.name.toLowerCase()}:${hiveType(f.type)}`).join(',')}>`;
  return `array<${hiveType({ struct: type.arrayOf })}>`;
}

/** The Glue columns of the CloudTrail table. */
export function glueColumns(): glue.CfnTable.ColumnProperty[] {
  return CLOUDTRAIL_RECORD.map((f) => ({ name: f.name.toLowerCase(), type: hiveType(f.type) }));
}

/** The Glue partition keys of the CloudTrail table. */
export function gluePartitionKeys(): glue.CfnTable.ColumnProperty[] {
  return Object.values(PARTITION_COLUMNS).map((name) => ({ name, type: 'string' }));
}

/**
 * Every dotted path a query may name. `json` fields end a path in Athena (their content is read with json_extract) but
 * open onto any sub-field in CloudWatch Logs, where the event is parsed as JSON.
 */
export function fieldPaths(fields: Field[] = CLOUDTRAIL_RECORD, prefix = ''): { path: string; json: boolean }[] {
  return fields.flatMap((f) => {
    const path = `${prefix}${f.name}`;
    if (f.type === 'string') return [{ path, json: false }];
    if (f.type === 'json') return [{ path, json: true }];
    // Arrays are read whole (or unnested), structs down to their leaves.
    if ('arrayOf' in f.type) return [{ path, json: false }];
    return fieldPaths(f.type.struct, `${path}.`);
  });
}

/** How Athena reads CloudTrail log files: the CloudTrail SerDe over CloudTrail's gzip JSON files. */
export const CLOUDTRAIL_STORAGE = {
  serializationLibrary: 'com.amazon.emr.hive.serde.CloudTrailSerde',
  inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
} as const;
