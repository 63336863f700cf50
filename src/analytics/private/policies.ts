import * as iam from 'aws-cdk-lib/aws-iam';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * The key-policy statements CloudTrail Lake needs to encrypt and read an event data store. Event data stores do not
 * support `aws:SourceArn` or `aws:SourceAccount`: a condition on either would make the event data store unusable.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function lakeKeyStatements(): iam.PolicyStatement[] {
  const principals = [new iam.ServicePrincipal(CLOUDTRAIL)];
  return [
    new iam.PolicyStatement({
      sid: 'CloudTrailLakeEncrypt',
      principals,
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'CloudTrailLakeDecrypt',
      principals,
      actions: ['kms:Decrypt'],
      resources: ['*'],
    }),
  ];
}

/** What an analyst needs to run queries in one Athena workgroup and read their history and saved queries. */
export const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'athena:GetQueryRuntimeStatistics',
  'athena:BatchGetQueryExecution',
  'athena:ListQueryExecutions',
  'athena:GetWorkGroup',
  'athena:GetNamedQuery',
  'athena:BatchGetNamedQuery',
  'athena:ListNamedQueries',
];

/** What Athena needs from the Glue Data Catalog to plan a query on one table. */
export const GLUE_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
];

/** What an analyst needs to run queries on an event data store. */
export const LAKE_QUERY_ACTIONS = [
  'cloudtrail:StartQuery',
  'cloudtrail:DescribeQuery',
  'cloudtrail:GetQueryResults',
  'cloudtrail:CancelQuery',
  'cloudtrail:ListQueries',
];

/** One statement of the access a query needs: what {@link iam.Grant.addToPrincipal} takes. */
export interface QueryAccess {
  readonly actions: string[];
  readonly resourceArns: string[];
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/** Grants every statement of a query's access to the principal, as one grant. */
export function grantQueryAccess(grantee: iam.IGrantable, access: QueryAccess[]): iam.Grant {
  return access.map((statement) => iam.Grant.addToPrincipal({ grantee, ...statement })).reduce((all, next) => all.combine(next));
}
