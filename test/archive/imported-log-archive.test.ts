import { Annotations as CoreAnnotations, App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { DataEvent, LogArchive, LogArchiveAttributes, OrganizationTrail, OrganizationTrailProps } from '../../src';
import { ORG_ID, partitionArn, testStack } from '../util';

const KEY_ARN = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ATTRIBUTES: LogArchiveAttributes = {
  bucketName: 'org-trail-logs-222222222222',
  encryptionKeyArn: KEY_ARN,
  organizationId: ORG_ID,
  accessLogsBucketName: 'org-trail-access-logs-222222222222',
};

/** A trail of this app delivering to an archive that another app deployed. */
function withImportedArchive(props: Partial<OrganizationTrailProps> = {}, attributes: Partial<LogArchiveAttributes> = {}) {
  const stack = testStack();
  const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', { ...ATTRIBUTES, ...attributes });
  const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', logArchive, ...props });
  return { stack, trail, logArchive };
}

describe('a log archive another app deployed', () => {
  test('is named by its bucket and key ARN, and nothing of it is created or edited here', () => {
    const { stack, trail } = withImportedArchive();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { S3BucketName: 'org-trail-logs-222222222222', KMSKeyId: KEY_ARN });
    expect(template.findResources('AWS::S3::Bucket')).toEqual({});
    expect(template.findResources('AWS::S3::BucketPolicy')).toEqual({});
    // The only keys are the log group's and the alarm topic's, both of this account
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toHaveLength(2);
    expect(trail.logArchive).toBeUndefined();
    expect(trail.bucket.bucketName).toBe('org-trail-logs-222222222222');
  });

  test('warns with the allowTrailDelivery call its own app must make, and the warning can be acknowledged', () => {
    const { stack, trail } = withImportedArchive({ s3KeyPrefix: 'organization' });
    // The partition of a Region known at synth time, written out: the message is pasted into the other app
    const resolvedArn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Archive',
      Match.stringLikeRegexp(
        `call allowTrailDelivery\\(\\{ trailArn: '${resolvedArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}', trailAccount: '111111111111', s3KeyPrefix: 'organization' \\}\\) on its LogArchive.*logArchiveNotManaged`,
      ),
    );

    const acknowledged = withImportedArchive();
    CoreAnnotations.of(acknowledged.logArchive).acknowledgeWarning('cdk-organization-trail:logArchiveNotManaged', 'Allowed in the log-archive app.');
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.stringLikeRegexp('logArchiveNotManaged'));
    expect(trail.logArchive).toBeUndefined();
  });

  test('its log bucket and access-log bucket are left out of S3 data events of all buckets', () => {
    const { stack } = withImportedArchive({ dataEvents: [DataEvent.allS3Objects()] });
    const selectors = Template.fromStack(stack).toJSON().Resources;
    const trail = Object.values<any>(selectors).find((r) => r.Type === 'AWS::CloudTrail::Trail');
    const excluded = trail.Properties.AdvancedEventSelectors.flatMap((s: any) => s.FieldSelectors).find((f: any) => f.Field === 'resources.ARN');
    expect(excluded.NotStartsWith).toEqual([
      partitionArn(':s3:::org-trail-logs-222222222222/'),
      partitionArn(':s3:::org-trail-access-logs-222222222222/'),
    ]);
  });

  test.each([
    ['encryptionKeyArn', { encryptionKeyArn: 'arn:aws:s3:::bucket' }, '"arn:aws:s3:::bucket"', /is not the ARN of a KMS key or alias with its account and Region/],
    ['encryptionKeyArn', { encryptionKeyArn: 'arn:aws:kms::222222222222:key/abcd' }, '"arn:aws:kms::222222222222:key/abcd"', /is not the ARN of a KMS key or alias/],
    ['encryptionKeyArn', { encryptionKeyArn: 'key/abcd' }, '"key/abcd"', /is not an ARN/],
    ['bucketName', { bucketName: 'Org_Trail' }, '"Org_Trail"', /is not an S3 bucket name/],
    ['organizationId', { organizationId: 'o-123' }, '"o-123"', /not an AWS Organizations organization id/],
  ])('rejects a bad %s, naming the path, the value and the fix, and leaving nothing behind', (prop, attributes, received, problem) => {
    const stack = testStack();
    let message = '';
    try {
      LogArchive.fromLogArchiveAttributes(stack, 'Archive', { ...ATTRIBUTES, ...attributes });
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/^Error: Invalid LogArchive.fromLogArchiveAttributes configuration at Stack\/Archive:\n/);
    expect(message).toContain(`${prop}: `);
    expect(message).toMatch(problem);
    expect(message).toContain(`(received ${received}). `);
    expect(stack.node.tryFindChild('Archive')).toBeUndefined();
  });

  test('accepts an alias ARN, and a key ARN of another Region of the partition', () => {
    const alias = 'arn:aws:kms:eu-west-1:222222222222:alias/cloudtrail/org-trail';
    const { stack } = withImportedArchive({}, { encryptionKeyArn: alias });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: alias });
  });

  test('rejects an archive of another partition or organization', () => {
    expect(() => withImportedArchive({}, { encryptionKeyArn: 'arn:aws-cn:kms:cn-north-1:222222222222:key/abcd' })).toThrow(
      /logArchive: is in partition aws-cn, and the trail in aws: CloudTrail delivers only within a partition \(received "a log archive whose key is arn:aws-cn:kms:cn-north-1:222222222222:key\/abcd"\)/,
    );
    expect(() => withImportedArchive({}, { organizationId: 'o-zzzzzzzzzz' })).toThrow(/logArchive: serves another organization than the trail/);
  });

  test('still lets the trail deliver from a stack whose Region is unknown', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'Agnostic');
    const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', ATTRIBUTES);
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'org-trail', logArchive });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: KEY_ARN });
  });
});
