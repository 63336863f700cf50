import { Annotations, Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { validateBucketName } from './validation';
import { renderResolved } from '../../core/arns';
import { WARNING_PREFIX } from '../../core/defaults';
import { Problems, knownRegion, pathOf, validateOrganizationId } from '../../core/validation';
import { ILogArchive, LogArchiveAttributes, TrailDelivery } from '../log-archive-ref';

/**
 * A log archive another app deployed: its bucket and key by name and ARN. Its policies are that app's to edit, so a
 * trail's delivery is announced rather than allowed.
 */
export class ImportedLogArchive extends Construct implements ILogArchive {
  public readonly logBucket: s3.IBucket;
  public readonly serverAccessLogsBucket?: s3.IBucket;
  public readonly encryptionKey: kms.IKey;
  public readonly organizationId: string;

  constructor(scope: Construct, id: string, attributes: LogArchiveAttributes) {
    const problems = new Problems('LogArchive.fromLogArchiveAttributes', pathOf(scope, id));
    validateOrganizationId(problems, 'organizationId', attributes.organizationId);
    for (const name of ['bucketName', 'accessLogsBucketName'] as const) {
      validateBucketName(problems, name, attributes[name], 'Give the name of the bucket as deployed, e.g. "org-trail-logs-222222222222".');
    }
    validateKeyArn(problems, attributes.encryptionKeyArn);
    problems.throwIfAny();
    super(scope, id);
    this.organizationId = attributes.organizationId;
    this.logBucket = s3.Bucket.fromBucketName(this, 'Bucket', attributes.bucketName);
    this.serverAccessLogsBucket = attributes.accessLogsBucketName
      ? s3.Bucket.fromBucketName(this, 'AccessLogsBucket', attributes.accessLogsBucketName)
      : undefined;
    this.encryptionKey = kms.Key.fromKeyArn(this, 'Key', attributes.encryptionKeyArn);
  }

  public allowTrailDelivery(delivery: TrailDelivery): void {
    const prefix = delivery.s3KeyPrefix === undefined ? '' : `, s3KeyPrefix: '${delivery.s3KeyPrefix}'`;
    const trailArn = this.readable(delivery.trailArn);
    Annotations.of(this).addWarningV2(
      `${WARNING_PREFIX}:logArchiveNotManaged`,
      'This log archive was deployed by another app, whose bucket and key policies this one cannot edit. In that app, ' +
        `call allowTrailDelivery({ trailArn: '${trailArn}', trailAccount: '${delivery.trailAccount}'${prefix} }) on ` +
        'its LogArchive before this trail is deployed, or CloudTrail refuses to create the trail. Acknowledge this ' +
        'warning once it does.',
    );
  }

  /**
   * A value as a person pastes it into the other app: the partition written out when the Region is known (the
   * trail's ARN is built with the partition of its stack), other references as `<name>`.
   */
  private readable(value: string): string {
    if (!Token.isUnresolved(value)) return value;
    const region = knownRegion(Stack.of(this));
    const partition = region === undefined ? '<partition>' : RegionInfo.get(region).partition ?? '<partition>';
    return renderResolved(Stack.of(this).resolve(value), { 'AWS::Partition': partition });
  }
}

/** A KMS key or alias ARN with the account and Region CloudTrail needs; a token passes. */
function validateKeyArn(problems: Problems, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  const fix = 'Give the ARN of the key, e.g. "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab", or of its alias.';
  try {
    const parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
    const kind = parts.resource;
    if (parts.service !== 'kms' || !parts.region || !parts.account || (kind !== 'key' && kind !== 'alias') || !parts.resourceName) {
      problems.add('encryptionKeyArn', arn, 'is not the ARN of a KMS key or alias with its account and Region', fix);
    }
  } catch {
    problems.add('encryptionKeyArn', arn, 'is not an ARN', fix);
  }
}
