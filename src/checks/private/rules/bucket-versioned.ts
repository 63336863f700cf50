import { literalString } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';

export const BUCKET_VERSIONED: CheckRule = {
  id: 'BucketVersioned',
  subject: 'bucket',
  controls: 'Security Hub S3.14; Control Tower CT.S3.PR.11',
  description: "The trail's bucket keeps object versions, so that an overwritten or deleted log file can be recovered.",
  fix: 'Set VersioningConfiguration Status to Enabled (s3.Bucket: versioned true).',
  check(bucket) {
    const versioning = bucket.properties.VersioningConfiguration;
    if (versioning === undefined) return compliantIf(false, 'VersioningConfiguration');
    const status = literalString(versioning?.Status);
    if (status === undefined) return unknown('VersioningConfiguration', 'the versioning status is a deploy-time value');
    return compliantIf(status === 'Enabled', 'VersioningConfiguration');
  },
};
