import * as fs from 'fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationTrail, SecurityAlarmRule } from '../../src';
import { AppTemplates } from '../../src/checks/private/app-templates';
import { CheckRule, Verdict } from '../../src/checks/private/check-rule';
import { DeliveryChains } from '../../src/checks/private/delivery-chains';
import { RULES } from '../../src/checks/private/rules';
import { ENV, ORG_ID, testApp } from '../util';

/**
 * Each rule of the conformance pack on the templates it reads, without synthesis: the compliant case is this library's
 * default trail (whose zero findings validators.test.ts also proves through the plugin), and every other case changes
 * that template in one place, the way another construct or a hand-written template would differ.
 *
 * What the templates cannot show, these tests cannot either: the account's S3 Block Public Access, whether an SNS
 * subscription was confirmed, a policy edited outside CloudFormation, and how AWS reads an empty EventSelectors list
 * (taken as CloudTrail's default, as aws-cdk-lib's Trail documents; README, "What AWS does not document").
 */
let base: any;

beforeAll(() => {
  const app = testApp();
  const stack = new Stack(app, 'S', { env: ENV });
  new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, alarms: { emailSubscriptions: ['security@example.com'] } });
  base = Template.fromStack(stack).toJSON();
});

type Resources = Record<string, any>;

/** The template's resources after `change`, and the rule's verdict on each resource it covers. */
function judge(checkRule: CheckRule, change: (resources: Resources) => void = () => undefined, more: any[] = []): Verdict[] {
  const template = structuredClone(base);
  change(template.Resources);
  const chains = new DeliveryChains(new AppTemplates([{ stackPath: 'S', template }, ...more.map((t, i) => ({ stackPath: `More${i}`, template: t }))]));
  return chains.subjects(checkRule.subject).map((resource) => checkRule.check(resource, chains));
}

function rule(id: string): CheckRule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** The one resource of a type in the template's resources. */
function the(resources: Resources, type: string, filter: (r: any) => boolean = () => true): any {
  const found = Object.values(resources).filter((r: any) => r.Type === type && filter(r));
  if (found.length !== 1) throw new Error(`${found.length} resources of ${type}`);
  return found[0];
}

const trail = (r: Resources) => the(r, 'AWS::CloudTrail::Trail').Properties;
const bucket = (r: Resources) => the(r, 'AWS::S3::Bucket', (b) => b.Properties.ObjectLockEnabled === true).Properties;
const bucketPolicy = (r: Resources) => the(r, 'AWS::S3::BucketPolicy', (p) => JSON.stringify(p).includes('CloudTrailAclCheck')).Properties;
const key = (r: Resources) => the(r, 'AWS::KMS::Key', (k) => k.Properties.Description === 'Encrypts AWS CloudTrail log files').Properties;
const logGroup = (r: Resources) => the(r, 'AWS::Logs::LogGroup').Properties;
const topic = (r: Resources) => the(r, 'AWS::SNS::Topic').Properties;
const topicKey = (r: Resources) => the(r, 'AWS::KMS::Key', (k) => k.Properties.Description !== 'Encrypts AWS CloudTrail log files').Properties;
const PARAMETER = { Ref: 'SomeParameter' };

const statuses = (verdicts: Verdict[]) => verdicts.map((v) => v.status);
const COMPLIANT = ['compliant'];
const NON_COMPLIANT = ['nonCompliant'];
const UNKNOWN = ['unknown'];

describe('TrailMultiRegion', () => {
  const r = rule('TrailMultiRegion');
  test('a multi-Region trail with global service events complies; unset IncludeGlobalServiceEvents is CloudTrail\'s default, true', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete trail(x).IncludeGlobalServiceEvents))).toEqual(COMPLIANT);
  });
  test('a single-Region trail, or one without global service events, does not', () => {
    expect(judge(r, (x) => (trail(x).IsMultiRegionTrail = false))).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/IsMultiRegionTrail' }] }]);
    expect(statuses(judge(r, (x) => delete trail(x).IsMultiRegionTrail))).toEqual(NON_COMPLIANT);
    expect(judge(r, (x) => (trail(x).IncludeGlobalServiceEvents = false))).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/IncludeGlobalServiceEvents' }] }]);
  });
  test('a parameter is unknown', () => {
    expect(statuses(judge(r, (x) => (trail(x).IsMultiRegionTrail = PARAMETER)))).toEqual(UNKNOWN);
  });
});

describe('TrailManagementEvents', () => {
  const r = rule('TrailManagementEvents');
  test('no selectors, an empty list, or a basic selector for all management events complies', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete trail(x).EventSelectors))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (trail(x).EventSelectors = [])))).toEqual(COMPLIANT);
  });
  test('read-only, write-only, none, or excluded sources do not; read-only plus write-only selectors do', () => {
    const basic = (selectors: any[]) => judge(r, (x) => (trail(x).EventSelectors = selectors));
    expect(statuses(basic([{ ReadWriteType: 'ReadOnly' }]))).toEqual(NON_COMPLIANT);
    expect(statuses(basic([{ ReadWriteType: 'WriteOnly' }]))).toEqual(NON_COMPLIANT);
    expect(statuses(basic([{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }]))).toEqual(NON_COMPLIANT);
    expect(statuses(basic([{ ExcludeManagementEventSources: ['kms.amazonaws.com'] }]))).toEqual(NON_COMPLIANT);
    expect(statuses(basic([{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }]))).toEqual(COMPLIANT);
  });
  test('advanced selectors: eventCategory Management complies, narrowed by readOnly or eventSource does not', () => {
    const advanced = (fields: any[]) => judge(r, (x) => {
      delete trail(x).EventSelectors;
      trail(x).AdvancedEventSelectors = [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...fields] }];
    });
    expect(statuses(advanced([]))).toEqual(COMPLIANT);
    expect(statuses(advanced([{ Field: 'readOnly', Equals: ['true'] }]))).toEqual(NON_COMPLIANT);
    expect(statuses(advanced([{ Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }]))).toEqual(NON_COMPLIANT);
    expect(statuses(advanced([{ Field: 'readOnly', Equals: [PARAMETER] }]))).toEqual(UNKNOWN);
  });
});

describe('TrailLogFileValidation', () => {
  const r = rule('TrailLogFileValidation');
  test('enabled complies; off or unset (CloudTrail\'s default) does not; a parameter is unknown', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (trail(x).EnableLogFileValidation = false)))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete trail(x).EnableLogFileValidation))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (trail(x).EnableLogFileValidation = PARAMETER)))).toEqual(UNKNOWN);
  });
});

describe('TrailEncrypted', () => {
  const r = rule('TrailEncrypted');
  test('a KMS key complies, none does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(judge(r, (x) => delete trail(x).KMSKeyId)).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/KMSKeyId' }] }]);
  });
});

describe('TrailCloudWatchLogs', () => {
  const r = rule('TrailCloudWatchLogs');
  test('a log group and a role comply; either missing does not, and the finding names what is missing', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(judge(r, (x) => delete trail(x).CloudWatchLogsRoleArn)).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/CloudWatchLogsRoleArn' }] }]);
    expect(judge(r, (x) => {
      delete trail(x).CloudWatchLogsRoleArn;
      delete trail(x).CloudWatchLogsLogGroupArn;
    })).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/CloudWatchLogsLogGroupArn' }, { property: 'Properties/CloudWatchLogsRoleArn' }] }]);
  });
});

describe('TrailS3DataEventsExcludeTrailBuckets', () => {
  const r = rule('TrailS3DataEventsExcludeTrailBuckets');
  const bucketArn = (x: Resources) => Object.keys(x).find((id) => x[id] && bucket(x) === x[id].Properties)!;
  const accessLogsId = (x: Resources) => bucket(x).LoggingConfiguration.DestinationBucketName.Ref;
  const objects = (id: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, '/']] });
  const s3Selector = (x: Resources, fields: any[]) => {
    delete trail(x).EventSelectors;
    trail(x).AdvancedEventSelectors = [
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...fields] },
    ];
  };
  test('no S3 data events, or S3 data events that leave out both trail buckets, comply', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', NotStartsWith: [objects(bucketArn(x)), objects(accessLogsId(x))] }])))).toEqual(COMPLIANT);
  });
  test('every bucket without the exclusion, or leaving out only one of the two, does not', () => {
    expect(statuses(judge(r, (x) => s3Selector(x, [])))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', NotStartsWith: [objects(bucketArn(x))] }])))).toEqual(NON_COMPLIANT);
  });
  test('Equals or StartsWith on other buckets complies; on the trail bucket, on no bucket, or EndsWith does not', () => {
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::other-bucket/'] }])))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', StartsWith: [objects(bucketArn(x))] }])))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::'] }])))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', EndsWith: ['.json.gz'] }])))).toEqual(NON_COMPLIANT);
  });
  test('a prefix that no S3 object ARN has keeps nothing; one inside the bucket-name part may reach a generated name', () => {
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:us-east-1:123456789012:word'] }])))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => s3Selector(x, [{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::s-trail'] }])))).toEqual(NON_COMPLIANT);
    // With the bucket's name in the template, only a prefix of that name reaches it.
    const named = (prefix: string) => judge(r, (x) => {
      bucket(x).BucketName = 'org-trail-logs';
      s3Selector(x, [{ Field: 'resources.ARN', StartsWith: [prefix], NotStartsWith: [objects(accessLogsId(x))] }]);
    });
    expect(statuses(named('arn:aws:s3:::org-trail'))).toEqual(NON_COMPLIANT);
    expect(statuses(named('arn:aws:s3:::payments'))).toEqual(COMPLIANT);
  });
  test('a broad Equals or StartsWith is compliant when NotStartsWith leaves both trail buckets out', () => {
    expect(statuses(judge(r, (x) => s3Selector(x, [
      { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::'], NotStartsWith: [objects(bucketArn(x)), objects(accessLogsId(x))] },
    ])))).toEqual(COMPLIANT);
  });
  test('a basic selector for every bucket cannot leave any out', () => {
    expect(judge(r, (x) => (trail(x).EventSelectors = [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }])))
      .toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties/EventSelectors/0/DataResources/0' }] }]);
  });
});

describe('TrailInsightsPrerequisites', () => {
  const r = rule('TrailInsightsPrerequisites');
  const insights = (x: Resources, types: string[], selectors: any[]) => {
    trail(x).InsightSelectors = types.map((InsightType) => ({ InsightType }));
    trail(x).EventSelectors = selectors;
  };
  test('without Insights it does not apply; with the events they analyse it complies', () => {
    expect(statuses(judge(r))).toEqual(['notApplicable']);
    expect(statuses(judge(r, (x) => insights(x, ['ApiCallRateInsight', 'ApiErrorRateInsight'], [{ ReadWriteType: 'All' }])))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => insights(x, ['ApiErrorRateInsight'], [{ ReadWriteType: 'ReadOnly' }])))).toEqual(COMPLIANT);
  });
  test('call rate Insights on read-only events, or any Insights without management events, do not', () => {
    expect(statuses(judge(r, (x) => insights(x, ['ApiCallRateInsight'], [{ ReadWriteType: 'ReadOnly' }])))).toEqual(NON_COMPLIANT);
    const none = [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::b/'] }] }];
    expect(statuses(judge(r, (x) => insights(x, ['ApiErrorRateInsight'], none)))).toEqual(NON_COMPLIANT);
  });
});

describe('TrailDeliveryChainInApp', () => {
  const r = rule('TrailDeliveryChainInApp');
  test('a chain of the app complies, including one named by literal names across templates', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    const other = { Resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'archive-bucket' } } } };
    expect(statuses(judge(r, (x) => (trail(x).S3BucketName = 'archive-bucket'), [other]))).toEqual(COMPLIANT);
  });
  test('a reference across templates is followed: an export by Fn::ImportValue, a key by its alias ARN', () => {
    const exporter = {
      Resources: { Logs: { Type: 'AWS::S3::Bucket', Properties: {} }, Key: { Type: 'AWS::KMS::Key', Properties: {} }, KeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/cloudtrail/logs', TargetKeyId: { Ref: 'Key' } } } },
      Outputs: { LogsName: { Value: { Ref: 'Logs' }, Export: { Name: 'Archive:LogsName' } } },
    };
    expect(statuses(judge(r, (x) => {
      trail(x).S3BucketName = { 'Fn::ImportValue': 'Archive:LogsName' };
      trail(x).KMSKeyId = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:222222222222:alias/cloudtrail/logs']] };
    }, [exporter]))).toEqual(COMPLIANT);
    expect(judge(r, (x) => (trail(x).S3BucketName = { 'Fn::ImportValue': 'AnotherApp:Bucket' }), [exporter])).toEqual([
      { status: 'unknown', property: 'Properties/S3BucketName', reason: 'S3BucketName is outside of the app' },
    ]);
  });
  test('a bucket or key of another app, or a parameter, is unknown with the reason', () => {
    expect(judge(r, (x) => (trail(x).S3BucketName = 'control-tower-logs'))).toEqual([
      { status: 'unknown', property: 'Properties/S3BucketName', reason: 'S3BucketName is outside of the app' },
    ]);
    expect(judge(r, (x) => (trail(x).KMSKeyId = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'))).toEqual([
      { status: 'unknown', property: 'Properties/KMSKeyId', reason: 'KMSKeyId is outside of the app' },
    ]);
    expect(judge(r, (x) => (trail(x).S3BucketName = PARAMETER))).toEqual([
      { status: 'unknown', property: 'Properties/S3BucketName', reason: 'S3BucketName is known only at deploy time' },
    ]);
  });
});

describe('BucketPublicAccessBlocked', () => {
  const r = rule('BucketPublicAccessBlocked');
  test('all four settings comply; any one off or missing does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    for (const setting of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
      expect(statuses(judge(r, (x) => (bucket(x).PublicAccessBlockConfiguration[setting] = false)))).toEqual(NON_COMPLIANT);
    }
    expect(statuses(judge(r, (x) => delete bucket(x).PublicAccessBlockConfiguration))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (bucket(x).PublicAccessBlockConfiguration.BlockPublicAcls = PARAMETER)))).toEqual(UNKNOWN);
  });
});

describe('BucketTlsOnly', () => {
  const r = rule('BucketTlsOnly');
  const tlsStatement = (x: Resources) => bucketPolicy(x).PolicyDocument.Statement.find((s: any) => s.Condition?.Bool?.['aws:SecureTransport']);
  test('the Deny on insecure transport, on the bucket and its objects, complies', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
  });
  test('without it, with it on objects only, or for a narrower action, it does not', () => {
    const policy = bucketPolicy;
    const withoutTls = (x: Resources) => {
      policy(x).PolicyDocument.Statement = policy(x).PolicyDocument.Statement.filter((s: any) => s !== tlsStatement(x));
    };
    expect(statuses(judge(r, withoutTls))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (tlsStatement(x).Resource = [tlsStatement(x).Resource[1]])))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (tlsStatement(x).Action = 's3:GetObject')))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => Object.keys(x).filter((id) => x[id].Type === 'AWS::S3::BucketPolicy').forEach((id) => delete x[id])))).toEqual(NON_COMPLIANT);
  });
  test('a policy shaped by a condition is unknown', () => {
    expect(statuses(judge(r, (x) => (bucketPolicy(x).PolicyDocument = { 'Fn::If': ['C', {}, {}] })))).toEqual(UNKNOWN);
  });
});

describe('BucketVersioned', () => {
  const r = rule('BucketVersioned');
  test('Enabled complies; Suspended or unset does not; a parameter is unknown', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (bucket(x).VersioningConfiguration.Status = 'Suspended')))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete bucket(x).VersioningConfiguration))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (bucket(x).VersioningConfiguration.Status = PARAMETER)))).toEqual(UNKNOWN);
  });
});

describe('BucketOwnershipEnforced', () => {
  const r = rule('BucketOwnershipEnforced');
  test('BucketOwnerEnforced complies; BucketOwnerPreferred or unset does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (bucket(x).OwnershipControls.Rules[0].ObjectOwnership = 'BucketOwnerPreferred')))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete bucket(x).OwnershipControls))).toEqual(NON_COMPLIANT);
  });
});

describe('BucketAccessLogging', () => {
  const r = rule('BucketAccessLogging');
  test('a destination bucket complies; none does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete bucket(x).LoggingConfiguration))).toEqual(NON_COMPLIANT);
  });
});

describe('BucketLifecycle', () => {
  const r = rule('BucketLifecycle');
  test('an enabled rule complies; only disabled rules, or none, do not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (bucket(x).LifecycleConfiguration.Rules[0].Status = 'Disabled')))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete bucket(x).LifecycleConfiguration))).toEqual(NON_COMPLIANT);
  });
});

describe('BucketCloudTrailSourceArn', () => {
  const r = rule('BucketCloudTrailSourceArn');
  test('every CloudTrail statement limited by aws:SourceArn complies; one without does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => {
      const acl = bucketPolicy(x).PolicyDocument.Statement.find((s: any) => s.Sid === 'CloudTrailAclCheck');
      delete acl.Condition;
    }))).toEqual(NON_COMPLIANT);
  });
});

describe('BucketNoPublicAllow', () => {
  const r = rule('BucketNoPublicAllow');
  const allowEveryone = (condition?: any) => (x: Resources) => bucketPolicy(x).PolicyDocument.Statement.push({
    Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...(condition ? { Condition: condition } : {}),
  });
  test('no Allow to "*", or one confined to the organization, complies', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, allowEveryone({ StringEquals: { 'aws:PrincipalOrgID': ORG_ID } })))).toEqual(COMPLIANT);
  });
  test('an Allow to "*" without an organization condition does not', () => {
    expect(statuses(judge(r, allowEveryone()))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, allowEveryone({ StringEquals: { 'aws:SourceAccount': '111111111111' } })))).toEqual(NON_COMPLIANT);
  });
});

describe('KeyRotation', () => {
  const r = rule('KeyRotation');
  test('rotation on complies; off or unset does not; an asymmetric key is not judged', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (key(x).EnableKeyRotation = false)))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete key(x).EnableKeyRotation))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (key(x).KeySpec = 'RSA_2048')))).toEqual(['notApplicable']);
  });
});

describe('KeyCloudTrailConditions', () => {
  const r = rule('KeyCloudTrailConditions');
  const statement = (x: Resources, sid: string) => key(x).KeyPolicy.Statement.find((s: any) => s.Sid === sid);
  test('GenerateDataKey limited by the encryption context and aws:SourceArn complies', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
  });
  test('without either condition, without aws:SourceArn on Decrypt, or without any CloudTrail grant, it does not', () => {
    expect(statuses(judge(r, (x) => delete statement(x, 'CloudTrailEncryptLogs').Condition.StringLike))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete statement(x, 'CloudTrailEncryptLogs').Condition.StringEquals))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => delete statement(x, 'CloudTrailDecryptWithBucketKey').Condition))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (key(x).KeyPolicy.Statement = key(x).KeyPolicy.Statement.filter((s: any) => !s.Sid?.startsWith('CloudTrail')))))).toEqual(NON_COMPLIANT);
  });
});

describe('KeyBucketKeyDecrypt', () => {
  const r = rule('KeyBucketKeyDecrypt');
  const withoutDecrypt = (x: Resources) => (key(x).KeyPolicy.Statement = key(x).KeyPolicy.Statement.filter((s: any) => s.Sid !== 'CloudTrailDecryptWithBucketKey'));
  test('with a Bucket Key, CloudTrail\'s kms:Decrypt complies and its absence does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, withoutDecrypt))).toEqual(NON_COMPLIANT);
  });
  test('without a Bucket Key it does not apply; with the bucket outside the app it is unknown', () => {
    expect(statuses(judge(r, (x) => {
      withoutDecrypt(x);
      bucket(x).BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled = false;
    }))).toEqual(['notApplicable']);
    expect(statuses(judge(r, (x) => (trail(x).S3BucketName = 'bucket-of-another-app')))).toEqual(UNKNOWN);
  });
});

describe('LogGroupEncrypted', () => {
  const r = rule('LogGroupEncrypted');
  test('a KMS key complies; none does not', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete logGroup(x).KmsKeyId))).toEqual(NON_COMPLIANT);
  });
});

describe('LogGroupRetention', () => {
  const r = rule('LogGroupRetention');
  test('365 days and the longest retention comply, as does never expiring; 364 days does not', () => {
    expect(statuses(judge(r, (x) => (logGroup(x).RetentionInDays = 365)))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (logGroup(x).RetentionInDays = 3653)))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete logGroup(x).RetentionInDays))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => (logGroup(x).RetentionInDays = 364)))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (logGroup(x).RetentionInDays = PARAMETER)))).toEqual(UNKNOWN);
  });
});

describe('LogGroupSecurityHubAlarms', () => {
  const r = rule('LogGroupSecurityHubAlarms');
  const filterOf = (x: Resources, control: string) => {
    const published = SecurityAlarmRule.SECURITY_HUB.find((s) => s.securityHubControlId === control)!.filterPattern.logPatternString;
    return the(x, 'AWS::Logs::MetricFilter', (f) => f.Properties.FilterPattern === published).Properties;
  };
  test('the 14 published filters, each with an alarm that notifies, comply', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
  });
  test('a pattern that differs by one space, a filter on another log group, or an alarm without action fails that control only', () => {
    expect(judge(r, (x) => (filterOf(x, 'CloudWatch.1').FilterPattern += ' '))).toEqual([
      { status: 'nonCompliant', findings: [{ property: 'Properties', id: 'CloudWatch.1' }] },
    ]);
    expect(judge(r, (x) => (filterOf(x, 'CloudWatch.7').LogGroupName = 'another-log-group'))).toEqual([
      { status: 'nonCompliant', findings: [{ property: 'Properties', id: 'CloudWatch.7' }] },
    ]);
    expect(judge(r, (x) => {
      const metric = filterOf(x, 'CloudWatch.14').MetricTransformations[0].MetricName;
      the(x, 'AWS::CloudWatch::Alarm', (a) => a.Properties.MetricName === metric).Properties.AlarmActions = [];
    })).toEqual([{ status: 'nonCompliant', findings: [{ property: 'Properties', id: 'CloudWatch.14' }] }]);
  });
  test('no alarms at all fail all 14 controls, each its own finding', () => {
    const verdicts = judge(r, (x) => Object.keys(x).filter((id) => x[id].Type === 'AWS::CloudWatch::Alarm').forEach((id) => delete x[id]));
    expect(verdicts).toEqual([{ status: 'nonCompliant', findings: Array.from({ length: 14 }, (_, i) => ({ property: 'Properties', id: `CloudWatch.${i + 1}` })) }]);
  });
});

describe('AlarmTopicKey', () => {
  const r = rule('AlarmTopicKey');
  const cloudWatchGrant = (x: Resources) => topicKey(x).KeyPolicy.Statement.find((s: any) => JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'));
  test('a customer managed key that CloudWatch may use complies, as does an unencrypted topic', () => {
    expect(statuses(judge(r))).toEqual(COMPLIANT);
    expect(statuses(judge(r, (x) => delete topic(x).KmsMasterKeyId))).toEqual(COMPLIANT);
  });
  test('the AWS managed key, or a key without the CloudWatch grant, does not; a key of another app is unknown', () => {
    expect(statuses(judge(r, (x) => (topic(x).KmsMasterKeyId = 'alias/aws/sns')))).toEqual(NON_COMPLIANT);
    const withoutGrant = (x: Resources) => {
      topicKey(x).KeyPolicy.Statement = topicKey(x).KeyPolicy.Statement.filter((s: any) => s !== cloudWatchGrant(x));
    };
    expect(statuses(judge(r, withoutGrant))).toEqual(NON_COMPLIANT);
    expect(statuses(judge(r, (x) => (topic(x).KmsMasterKeyId = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab')))).toEqual(UNKNOWN);
  });
});

test('every rule of the pack has its tests above', () => {
  const described = [...fs.readFileSync(__filename, 'utf-8').matchAll(/^describe\('(\w+)'/gm)].map((m: RegExpMatchArray) => m[1]);
  expect(described.sort()).toEqual(RULES.map((r) => r.id).sort());
});
