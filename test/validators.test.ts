import { CfnResource } from 'aws-cdk-lib';
import { CONFIGURATIONS } from './configurations';
import { ValidationReport, synthAndReport, validatedApp } from './validators';

/**
 * The configurations go through cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and PCI packs, aws-cdk-lib's
 * CloudFormation schema validation and the Control Tower Guard rules (about 0.75 s of CPU per template). The test run
 * judges the configurations whose acknowledgements and findings are asserted below (the generated configurations
 * take cdk-nag's packs through 80 more); CI (`VALIDATE_ALL_CONFIGURATIONS=true`) judges every configuration with
 * every validator. Two more stacks prove the validators bite: a user's own bucket and a broken trail.
 */
let report: ValidationReport;
const ALL_CONFIGURATIONS = process.env.VALIDATE_ALL_CONFIGURATIONS === 'true';
const IN_TEST_RUN = new Set(['defaults', 'bringYourOwn']);
const judged = Object.keys(CONFIGURATIONS).filter((name) => ALL_CONFIGURATIONS || IN_TEST_RUN.has(name));
const configurations = judged.filter((name) => name !== 'bringYourOwn');

beforeAll(() => {
  const everyValidator = validatedApp();
  for (const name of judged) CONFIGURATIONS[name](everyValidator, name);
  const broken = CONFIGURATIONS.defaults(everyValidator, 'broken');
  (broken.node.findChild('Trail').node.defaultChild as CfnResource).addPropertyOverride('IsLogging', 'sometimes');
  const reports = [everyValidator].map(synthAndReport);
  report = {
    findings: reports.flatMap((r) => r.findings),
    acknowledged: reports.flatMap((r) => r.acknowledged),
  };
});

describe('validators', () => {
  test.each(configurations)('%s has no unacknowledged finding', (name) => {
    const findings = report.findings.filter((f) => f.paths.some((p) => p.startsWith(`${name}/`)));
    expect(findings).toEqual([]);
  });

  test('acknowledges only what cannot be satisfied by design, each with a reason', () => {
    const acknowledged = new Set(
      report.acknowledged
        .filter((f) => f.paths.some((p) => p.startsWith('defaults/')))
        // Older aws-cdk-lib reports one finding with the paths of every configuration it occurs in.
        .flatMap((f) => f.paths.filter((p) => p.startsWith('defaults/')).map((p) => `${f.rule.replace(/\[Resource::.*:log-stream:(.*)\]/, '[$1]')} ${p.replace(/^defaults\/Trail\/|\/Resource$/g, '')}`)),
    );
    for (const f of report.acknowledged) expect(f.reason).toMatch(/^\S.{60,}/);
    const byDesign = (rule: string, paths: string[]) => paths.map((p) => `${rule} ${p}`);
    expect([...acknowledged].sort()).toEqual(
      [
        // S3 delivers server access logs only to SSE-S3 buckets without Object Lock.
        ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap((pack) => [
          ...byDesign(`${pack}-S3DefaultEncryptionKMS`, ['LogArchive/AccessLogsBucket']),
          // Replication needs a destination only the owner can name.
          ...byDesign(`${pack}-S3BucketReplicationEnabled`, ['LogArchive/AccessLogsBucket', 'LogArchive/Bucket']),
        ]),
        ...byDesign('s3_bucket_default_encryption_kms_check', ['LogArchive/AccessLogsBucket']),
        ...byDesign('s3_bucket_logging_enabled_check', ['LogArchive/AccessLogsBucket']),
        ...byDesign('s3_bucket_object_lock_enabled_check', ['LogArchive/AccessLogsBucket']),
        // The heartbeat's inputs list their actions disabled: only its composite alarm notifies.
        ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap((pack) =>
          byDesign(`${pack}-CloudWatchAlarmAction`, ['Alarms/DeliveryHeartbeat/Alarm', 'Alarms/DeliveryHeartbeat/Armed'])),
        ...byDesign('cloudwatch_alarm_action_enabled_check', ['Alarms/DeliveryHeartbeat/Alarm', 'Alarms/DeliveryHeartbeat/Armed']),
        // CloudTrail chooses the suffix of the log-stream names it creates.
        'AwsSolutions-IAM5[111111111111_CloudTrail_us-east-1*] CloudWatchLogs/DeliveryPolicy',
        'AwsSolutions-IAM5[o-a1b2c3d4e5_*] CloudWatchLogs/DeliveryPolicy',
      ].sort(),
    );
  });

  test('aws-cdk-lib CloudFormation schema validation is among them and reports errors', () => {
    const broken = report.findings.filter((f) => f.paths.some((p) => p.startsWith('broken/')));
    expect(broken.map((f) => f.plugin)).toEqual(['CloudFormation Validate']);
  });
});

describe('a user-owned bucket', () => {
  test('is reported by the validators: the library does not acknowledge findings on resources it does not own', () => {
    const findings = report.findings.filter((f) => f.paths.some((p) => p.startsWith('bringYourOwn/')));
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(findings.every((f) => !f.paths.some((p) => p.startsWith('bringYourOwn/Trail/')))).toBe(true);
  });
});
