import { isResource, literalString, UNKNOWN } from '../app-templates';
import { CheckRule, COMPLIANT, nonCompliant, unknown } from '../check-rule';
import { OwnBucket, s3SelectionsIncluding } from '../event-selectors';

export const TRAIL_S3_DATA_EVENTS_EXCLUDE_TRAIL_BUCKETS: CheckRule = {
  id: 'TrailS3DataEventsExcludeTrailBuckets',
  subject: 'trail',
  controls: 'CIS v5.0 3.8/3.9 (v6.0 4.8/4.9) and Security Hub S3.22/S3.23 ask for S3 data events; CloudTrail best practice: not on its own buckets',
  description: "S3 data events leave out the trail's own bucket and its access-log bucket: otherwise every log file CloudTrail delivers is recorded again as a data event, and billed.",
  fix: 'Record S3 data events with advanced event selectors and a resources.ARN NotStartsWith condition on "<bucket ARN>/" for each of the trail\'s buckets (basic selectors cannot leave a bucket out).',
  check(trail, chains) {
    const bucket = chains.linkOf(trail, 'bucket');
    const own = isResource(bucket)
      ? [new OwnBucket(chains.templates, trail, bucket, literalString(bucket.properties.BucketName))]
      : [new OwnBucket(chains.templates, trail, undefined, literalString(trail.properties.S3BucketName))];
    if (isResource(bucket)) {
      const accessLogs = chains.templates.resourceNamedBy(bucket.stack, bucket.properties.LoggingConfiguration?.DestinationBucketName, 'AWS::S3::Bucket');
      if (isResource(accessLogs)) own.push(new OwnBucket(chains.templates, trail, accessLogs, literalString(accessLogs.properties.BucketName)));
    }
    const faults = s3SelectionsIncluding(trail, own);
    if (faults === UNKNOWN) return unknown('AdvancedEventSelectors', 'the event selectors hold deploy-time values');
    return faults.length ? nonCompliant(...faults) : COMPLIANT;
  },
};
