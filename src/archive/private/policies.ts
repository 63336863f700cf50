import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Every key CloudTrail writes, whatever the trail's key prefix: `[prefix/]AWSLogs/...`. Only CloudTrail may write to
 * the log bucket, so this is exactly the set of log and digest files.
 */
export const LOG_KEYS = '*AWSLogs/';

/** The CloudTrail encryption context is present: the data key encrypts a CloudTrail log file (AWS-documented form). */
export const CLOUDTRAIL_CONTEXT_PRESENT = { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } };

/** The keys of one account's log files under the organization path, for the account making the request. */
export function ownAccountLogKeys(organizationId: string): string {
  return `${LOG_KEYS}${organizationId}/\${aws:PrincipalAccount}/`;
}

/**
 * Denies every request by a principal outside the organization. AWS service principals (CloudTrail delivering log
 * files, S3 delivering access logs) carry no organization id and are not affected; requests without any principal
 * organization (anonymous, other organizations, accounts in none) are.
 */
export function denyOutsideOrganizationStatement(bucketArn: string, organizationId: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyOutsideOrganization',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    conditions: {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

/**
 * Lets every account of the organization read and list its own log files (`AWSLogs/<org-id>/<its account>/`) and
 * nothing else: the `${aws:PrincipalAccount}` policy variable is the requesting account.
 */
export function memberAccountsReadOwnLogsStatements(bucketArn: string, organizationId: string): iam.PolicyStatement[] {
  const inOrganization = { 'aws:PrincipalOrgID': organizationId };
  return [
    new iam.PolicyStatement({
      sid: 'MemberAccountsReadOwnLogs',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [`${bucketArn}/${ownAccountLogKeys(organizationId)}*`],
      conditions: { StringEquals: inOrganization },
    }),
    new iam.PolicyStatement({
      sid: 'MemberAccountsListOwnLogs',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringEquals: inOrganization, StringLike: { 's3:prefix': `${ownAccountLogKeys(organizationId)}*` } },
    }),
  ];
}

/**
 * Lets the organization's accounts decrypt CloudTrail log files through S3 only: what they can decrypt is limited by
 * what the bucket policy lets them read (their own prefix).
 */
export function memberAccountsDecryptStatement(organizationId: string, region: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'MemberAccountsDecryptOwnLogs',
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:PrincipalOrgID': organizationId, 'kms:ViaService': `s3.${region}.amazonaws.com` },
      ...CLOUDTRAIL_CONTEXT_PRESENT,
    },
  });
}

/**
 * Lets the account that owns a trail in another account decrypt CloudTrail log files with the archive's key. CloudTrail
 * asks that the caller who creates or updates a trail with another account's key may use that key; AWS's Security
 * Reference Architecture grants the management account exactly this. Only data keys in CloudTrail's encryption context
 * qualify, and the bucket policy still gives that account no object to read.
 */
export function trailOwnerDecryptStatement(trailAccount: string, sidSuffix = ''): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `TrailOwnerDecryptLogs${sidSuffix}`,
    principals: [new iam.AccountPrincipal(trailAccount)],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: CLOUDTRAIL_CONTEXT_PRESENT,
  });
}

/** A bucket, its key and its Region, as replication sees them. */
export interface ReplicationEnd {
  readonly bucketArn: string;
  readonly keyArn: string;
  readonly region: string;
}

/** S3 uses the object ARN, or with an S3 Bucket Key the bucket ARN, as encryption context: allow both. */
function s3KeyUse(end: ReplicationEnd) {
  return {
    StringEquals: { 'kms:ViaService': `s3.${end.region}.amazonaws.com` },
    StringLike: { 'kms:EncryptionContext:aws:s3:arn': [end.bucketArn, `${end.bucketArn}/*`] },
  };
}

/** What the destination's owner lets the replication role do: write replicas and nothing else. */
export function replicaWriteActions(ownerOverride: boolean): string[] {
  return ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', ...(ownerOverride ? ['s3:ObjectOwnerOverrideToBucketOwner'] : [])];
}

/**
 * The permissions S3 documents for replicating SSE-KMS objects from an Object Lock bucket: read the source's
 * replication configuration and object versions (with their retention and legal hold), decrypt them through S3 in the
 * source Region, and write and re-encrypt the replicas through S3 in the destination Region.
 */
export function replicationRoleStatements(source: ReplicationEnd, destination: ReplicationEnd, ownerOverride: boolean): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReadReplicationConfiguration',
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [source.bucketArn],
    }),
    new iam.PolicyStatement({
      sid: 'ReadSourceVersions',
      actions: [
        's3:GetObjectVersionForReplication',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionTagging',
        's3:GetObjectRetention',
        's3:GetObjectLegalHold',
      ],
      resources: [`${source.bucketArn}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'WriteReplicas',
      actions: replicaWriteActions(ownerOverride),
      resources: [`${destination.bucketArn}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'DecryptSource',
      actions: ['kms:Decrypt'],
      resources: [source.keyArn],
      conditions: s3KeyUse(source),
    }),
    new iam.PolicyStatement({
      sid: 'EncryptReplicas',
      // Decrypt too: S3 checks an S3 Bucket Key of the destination with it.
      actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [destination.keyArn],
      conditions: s3KeyUse(destination),
    }),
  ];
}

/** What a destination in another account must add to its bucket policy for the replication role. */
export function replicaBucketStatements(destination: ReplicationEnd, role: iam.IPrincipal, ownerOverride: boolean): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReplicateLogFilesHere',
      principals: [role],
      actions: replicaWriteActions(ownerOverride),
      resources: [`${destination.bucketArn}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'ReplicationChecksVersioning',
      principals: [role],
      actions: ['s3:GetBucketVersioning', 's3:ListBucket'],
      resources: [destination.bucketArn],
    }),
  ];
}

/** What a destination key in another account must allow the replication role. */
export function replicaKeyStatement(destination: ReplicationEnd, role: iam.IPrincipal): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'EncryptLogFileReplicas',
    principals: [role],
    actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
    resources: ['*'],
    conditions: s3KeyUse(destination),
  });
}
