import { Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailKey } from '../archive';
import { LakeEventDataStore } from './lake-event-data-store';
import { acknowledge, acknowledgeWildcardResources } from '../core/acknowledgements';
import { logFilesPrefix } from '../core/arns';
import { accessLogsBucket } from '../core/buckets';
import { ANALYTICS_DEFAULTS, DEFAULTS } from '../core/defaults';
import { Problems, pathOf, validateOrganizationId, validateS3KeyPrefix } from '../core/validation';
import { queryResultsBucket } from './private/buckets';
import { CLOUDTRAIL_STORAGE, PARTITION_COLUMNS, glueColumns, gluePartitionKeys } from './private/cloudtrail-schema';
import { INVESTIGATIONS, athenaDescription, athenaQuery, insightsQuery } from './private/investigations';
import { ATHENA_QUERY_ACTIONS, GLUE_READ_ACTIONS, QueryAccess, grantQueryAccess } from './private/policies';
import { validateTrailAnalyticsOptions } from './private/validation';
import { TrailAnalyticsOptions } from './trail-analytics-options';

const QUERY_POLICY_ID = 'QueryPolicy';

const QUERY_WILDCARDS_REASON =
  'An investigation reads any log file under the organization\'s prefix (CloudTrail names them by account, Region ' +
  'and day) and writes its results under the workgroup\'s results prefix; each wildcard is limited to that prefix.';

/**
 * Properties of a {@link TrailAnalytics}.
 */
export interface TrailAnalyticsProps extends TrailAnalyticsOptions {
  /**
   * The bucket an organization trail delivers to: an {@link OrganizationTrail}'s, or one of your own such as a
   * Control Tower log archive bucket.
   */
  readonly bucket: s3.IBucket;

  /**
   * The id of the organization whose trail writes to the bucket: log files lie under `AWSLogs/<organizationId>/`.
   */
  readonly organizationId: string;

  /**
   * The key prefix the trail writes under, without slashes around it.
   *
   * @default - log files lie under `AWSLogs/` at the bucket root
   */
  readonly s3KeyPrefix?: string;

  /**
   * The KMS key the trail encrypts log files with. Analysts get `kms:Decrypt` on it, only in the encryption context
   * of CloudTrail log files.
   *
   * @default - log files are not encrypted with a KMS key (SSE-S3); no key permission is granted
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The ARN of the trail that writes the log files: limits the analysts' `kms:Decrypt` to that trail's log files.
   *
   * @default - `kms:Decrypt` for the log files of any trail (`kms:EncryptionContext:aws:cloudtrail:arn` present)
   */
  readonly trailArn?: string;

  /**
   * The CloudWatch Logs log group the trail delivers to: the investigations are saved as Logs Insights queries on it.
   *
   * @default - no Logs Insights saved queries
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The bucket that receives the server access logs of the query-results bucket, e.g. a log archive's access-log
   * bucket. A statement letting S3 deliver them is added to its policy (or, for an imported bucket, listed in a
   * warning).
   *
   * @default - a new SSE-S3 access-log bucket
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
}

/**
 * Query-ready CloudTrail logs: a Glue table over an organization trail's log files with partition projection (no
 * crawler, no partition loading), an Athena workgroup that enforces encrypted results in a bucket of its own, saved
 * Athena queries and CloudWatch Logs Insights queries for the investigations people run, and optionally a CloudTrail
 * Lake event data store.
 *
 * Every saved Athena query takes execution parameters, listed in its description: the account (when accounts are
 * injected), the first and last day (`yyyy/MM/dd`), then what the investigation is about. The Logs Insights
 * queries that need a value carry a `REPLACE_WITH_...` placeholder.
 *
 * The table reads the fields the CloudTrail SerDe documents. Athena skips log files that the lifecycle has moved to
 * S3 Glacier (after a year by default) until they are restored; restored files are read.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html
 */
export class TrailAnalytics extends Construct {
  /** The Glue database. */
  public readonly database: glue.CfnDatabase;

  /** The Glue table over the log files. */
  public readonly table: glue.CfnTable;

  /** The Athena workgroup the saved queries run in. */
  public readonly workGroup: athena.CfnWorkGroup;

  /** The bucket Athena writes query results to. */
  public readonly queryResultsBucket: s3.Bucket;

  /** The key that encrypts query results. */
  public readonly queryResultsKey: kms.IKey;

  /** The bucket that receives the results bucket's server access logs, when this construct created it. */
  public readonly accessLogsBucket?: s3.Bucket;

  /** The saved Athena queries, one per investigation. */
  public readonly namedQueries: athena.CfnNamedQuery[];

  /** The saved CloudWatch Logs Insights queries, one per investigation, when a log group was given. */
  public readonly queryDefinitions: logs.QueryDefinition[];

  /** The CloudTrail Lake event data store, when `lake` was given. */
  public readonly lake?: LakeEventDataStore;

  /**
   * The name of the Glue database.
   *
   * @attribute
   */
  public readonly databaseName: string;

  /**
   * The name of the Glue table.
   *
   * @attribute
   */
  public readonly tableName: string;

  /**
   * The name of the Athena workgroup.
   *
   * @attribute
   */
  public readonly workGroupName: string;

  private readonly bucket: s3.IBucket;
  private readonly logFilesPrefix: string;
  private readonly logsKey?: kms.IKey;
  private readonly trailArn?: string;

  constructor(scope: Construct, id: string, props: TrailAnalyticsProps) {
    const startDay = validateProps(props, pathOf(scope, id));
    super(scope, id);

    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? DEFAULTS.removalPolicy;
    this.bucket = props.bucket;
    this.logsKey = props.encryptionKey;
    this.trailArn = props.trailArn;
    this.logFilesPrefix = logFilesPrefix(props.s3KeyPrefix, props.organizationId);
    this.databaseName = props.databaseName ?? Names.uniqueResourceName(this, { maxLength: 255, separator: '_' }).toLowerCase();
    this.tableName = props.tableName ?? ANALYTICS_DEFAULTS.tableName;
    this.workGroupName = props.workGroupName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: this.databaseName,
        description: `CloudTrail logs of organization ${props.organizationId}`,
      },
    });

    const location = `s3://${props.bucket.bucketName}/${this.logFilesPrefix}`;
    const { account, region, day } = PARTITION_COLUMNS;
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description: `CloudTrail log files of organization ${props.organizationId}, partitioned by projection`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          'classification': 'cloudtrail',
          'EXTERNAL': 'TRUE',
          // Log files the lifecycle moved to S3 Glacier are read once restored (Athena skips them otherwise).
          'read_restored_glacier_objects': 'true',
          'projection.enabled': 'true',
          ...accountProjection(props.accountIds),
          [`projection.${region}.type`]: 'enum',
          [`projection.${region}.values`]: Fn.join(',', props.regions ?? defaultRegions(stack)),
          [`projection.${day}.type`]: 'date',
          [`projection.${day}.format`]: 'yyyy/MM/dd',
          [`projection.${day}.range`]: `${startDay},NOW`,
          [`projection.${day}.interval`]: '1',
          [`projection.${day}.interval.unit`]: 'DAYS',
          // CloudTrail writes `[prefix/]AWSLogs/<org-id>/<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/`.
          'storage.location.template': `${location}\${${account}}/CloudTrail/\${${region}}/\${${day}}`,
        },
        partitionKeys: gluePartitionKeys(),
        storageDescriptor: {
          columns: glueColumns(),
          location,
          inputFormat: CLOUDTRAIL_STORAGE.inputFormat,
          outputFormat: CLOUDTRAIL_STORAGE.outputFormat,
          serdeInfo: { serializationLibrary: CLOUDTRAIL_STORAGE.serializationLibrary },
        },
      },
    });
    this.table.node.addDependency(this.database);

    this.queryResultsKey = new TrailKey(this, 'ResultsKey', {
      description: 'Encrypts Athena query results over CloudTrail log files',
      removalPolicy,
    });
    if (!props.serverAccessLogsBucket) {
      this.accessLogsBucket = accessLogsBucket(this, 'AccessLogsBucket', {
        expiration: ANALYTICS_DEFAULTS.accessLogsExpiration,
        noncurrentVersionExpiration: ANALYTICS_DEFAULTS.accessLogsNoncurrentExpiration,
        removalPolicy,
      });
      acknowledge(this.accessLogsBucket, 'analyticsReplication');
    }
    this.queryResultsBucket = queryResultsBucket(this, 'ResultsBucket', {
      encryptionKey: this.queryResultsKey,
      expiration: props.queryResultsExpiration ?? ANALYTICS_DEFAULTS.queryResultsExpiration,
      serverAccessLogsBucket: props.serverAccessLogsBucket ?? this.accessLogsBucket!,
      removalPolicy,
    });

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: `Investigations over the CloudTrail logs of organization ${props.organizationId}`,
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        // Clients cannot send results elsewhere or unencrypted.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: `s3://${this.queryResultsBucket.bucketName}/${ANALYTICS_DEFAULTS.queryResultsPrefix}`,
          expectedBucketOwner: stack.account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.queryResultsKey.keyArn },
        },
      },
    });

    for (const resource of [this.database, this.table, this.workGroup]) resource.applyRemovalPolicy(removalPolicy);

    const accountInjected = props.accountIds === undefined;
    const target = { databaseName: this.databaseName, tableName: this.tableName, accountInjected };
    const namedQueries = new Construct(this, 'Queries');
    this.namedQueries = INVESTIGATIONS.map((investigation) => {
      const query = new athena.CfnNamedQuery(namedQueries, investigation.id, {
        name: investigation.title,
        description: athenaDescription(investigation, accountInjected),
        database: this.databaseName,
        workGroup: this.workGroup.ref,
        queryString: athenaQuery(investigation, target),
      });
      query.node.addDependency(this.table);
      return query;
    });

    this.queryDefinitions = props.logGroup ? this.saveInsightsQueries(props.logGroup) : [];

    if (props.lake) this.lake = new LakeEventDataStore(this, 'Lake', props.lake);
  }

  /** The investigations as CloudWatch Logs Insights saved queries on the log group, in a folder per workgroup. */
  private saveInsightsQueries(logGroup: logs.ILogGroup): logs.QueryDefinition[] {
    const scope = new Construct(this, 'InsightsQueries');
    return INVESTIGATIONS.map(
      (investigation) =>
        new logs.QueryDefinition(scope, investigation.id, {
          queryDefinitionName: `${ANALYTICS_DEFAULTS.queryDefinitionFolder}/${this.workGroupName}/${investigation.title}`,
          queryString: insightsQuery(investigation),
          logGroups: [logGroup],
        }),
    );
  }

  /**
   * Lets a principal run queries in the workgroup: Athena on the workgroup, Glue on the database and table, the
   * results bucket and its key, read access to the log files and `kms:Decrypt` on the log key in the encryption
   * context of CloudTrail log files, and CloudTrail Lake queries when there is an event data store.
   *
   * The statements go into the principal's own policy: for a role of this app, an inline policy, which cdk-nag's
   * NIST 800-53, HIPAA and PCI packs report (IAMNoInlinePolicy). {@link queryPolicy} holds the same statements in a
   * customer managed policy instead.
   */
  public grantQuery(grantee: iam.IGrantable): iam.Grant {
    return grantQueryAccess(grantee, this.queryAccess());
  }

  /**
   * A customer managed policy with the statements of {@link grantQuery}, created on the first call and returned
   * again on later calls: attach it to the roles or groups that investigate (`attachToRole`, `attachToGroup`).
   * Its two wildcard resources (the log files under the prefix, the query results) are acknowledged for
   * cdk-nag's AwsSolutions-IAM5, with that reason.
   */
  public queryPolicy(): iam.ManagedPolicy {
    const existing = this.node.tryFindChild(QUERY_POLICY_ID);
    if (existing) return existing as iam.ManagedPolicy;
    const policy = new iam.ManagedPolicy(this, QUERY_POLICY_ID, {
      description: `Runs queries of the workgroup ${this.workGroupName} over the organization trail's log files`,
      statements: this.queryAccess().map(
        ({ actions, resourceArns, conditions }) => new iam.PolicyStatement({ actions, resources: resourceArns, conditions }),
      ),
    });
    acknowledgeWildcardResources(policy, [this.logFilesArn(), this.queryResultsArn()], QUERY_WILDCARDS_REASON);
    return policy;
  }

  /** What a query needs, one entry per resource kind: {@link grantQuery} and {@link queryPolicy} share it. */
  private queryAccess(): QueryAccess[] {
    const stack = Stack.of(this);
    const arn = (service: string, resource: string, resourceName?: string) =>
      stack.formatArn({ service, resource, resourceName });
    const access: QueryAccess[] = [
      { actions: ATHENA_QUERY_ACTIONS, resourceArns: [arn('athena', 'workgroup', this.workGroupName)] },
      {
        actions: GLUE_READ_ACTIONS,
        resourceArns: [
          arn('glue', 'catalog'),
          arn('glue', 'database', this.databaseName),
          arn('glue', 'table', `${this.databaseName}/${this.tableName}`),
        ],
      },
      { actions: ['s3:GetBucketLocation', 's3:ListBucket'], resourceArns: [this.queryResultsBucket.bucketArn] },
      {
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resourceArns: [this.queryResultsArn()],
      },
      {
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resourceArns: [this.queryResultsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      },
      { actions: ['s3:GetBucketLocation'], resourceArns: [this.bucket.bucketArn] },
      {
        actions: ['s3:ListBucket'],
        resourceArns: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${this.logFilesPrefix}*` } },
      },
      { actions: ['s3:GetObject'], resourceArns: [this.logFilesArn()] },
    ];
    if (this.logsKey) {
      const context = 'kms:EncryptionContext:aws:cloudtrail:arn';
      access.push({
        actions: ['kms:Decrypt'],
        resourceArns: [this.logsKey.keyArn],
        conditions: this.trailArn ? { StringEquals: { [context]: this.trailArn } } : { Null: { [context]: 'false' } },
      });
    }
    if (this.lake) access.push(...this.lake._queryAccess());
    return access;
  }

  private logFilesArn(): string {
    return this.bucket.arnForObjects(`${this.logFilesPrefix}*`);
  }

  private queryResultsArn(): string {
    return this.queryResultsBucket.arnForObjects(`${ANALYTICS_DEFAULTS.queryResultsPrefix}*`);
  }
}

/** Validates the props, all problems at once; returns the first projected day as `yyyy/MM/dd`. */
function validateProps(props: TrailAnalyticsProps, path: string): string {
  const problems = new Problems('TrailAnalytics', path);
  validateOrganizationId(problems, 'organizationId', props.organizationId);
  validateS3KeyPrefix(problems, 's3KeyPrefix', props.s3KeyPrefix);
  const startDay = validateTrailAnalyticsOptions(problems, props);
  problems.throwIfAny();
  // A token passes through; given as YYYY-MM-DD, it is turned into yyyy/MM/dd at deployment.
  const start = props.projectionStartDate ?? ANALYTICS_DEFAULTS.projectionStartDate;
  return startDay ?? Fn.join('/', Fn.split('-', start));
}

/** Injected accounts by default; an enumerated list when account ids are given. */
function accountProjection(accountIds: string[] | undefined): Record<string, string> {
  const { account } = PARTITION_COLUMNS;
  if (accountIds === undefined) return { [`projection.${account}.type`]: 'injected' };
  return { [`projection.${account}.type`]: 'enum', [`projection.${account}.values`]: Fn.join(',', accountIds) };
}

/** Every Region of the stack's partition; the commercial partition when the Region is unknown at synth time. */
function defaultRegions(stack: Stack): string[] {
  const region = stack.region;
  const partition = Token.isUnresolved(region)
    ? 'aws'
    : region.startsWith('cn-')
      ? 'aws-cn'
      : region.startsWith('us-gov-')
        ? 'aws-us-gov'
        : 'aws';
  return [...ANALYTICS_DEFAULTS.regions[partition]];
}
