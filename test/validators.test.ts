import { CONFIGURATIONS } from './configurations';
import { ValidationReport, synthAndReport, validatedApp } from './validators';

/**
 * Every configuration goes through cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and PCI packs, the Control Tower
 * proactive-control Guard rules and aws-cdk-lib's CloudFormation schema validation, in one synthesis.
 */
describe('validators', () => {
  let report: ValidationReport;
  const configurations = Object.keys(CONFIGURATIONS).filter((name) => name !== 'bringYourOwn');

  beforeAll(() => {
    const app = validatedApp();
    for (const name of configurations) CONFIGURATIONS[name](app, name);
    report = synthAndReport(app);
  });

  test.each(configurations)('%s has no unacknowledged finding', (name) => {
    const findings = report.findings.filter((f) => f.paths.some((p) => p.startsWith(`${name}/`)));
    expect(findings).toEqual([]);
  });

  test('acknowledges only what server access logging and the opt-in custom resource make impossible', () => {
    const acknowledged = new Set(report.acknowledged.map((f) => `${f.rule} ${f.paths.join(',').replace(/^[^/]+\//, '')}`));
    expect([...acknowledged].sort()).toEqual([
      // The custom resource of CloudTrailTrustedAccess (opt-in).
      'lambda_inside_vpc_check Management/AWS679f53fac002430cb0da5b7982bd2287/Resource',
      's3_bucket_default_encryption_kms_check LogArchive/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_default_encryption_kms_check Trail/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_logging_enabled_check LogArchive/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_logging_enabled_check Trail/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_object_lock_enabled_check LogArchive/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_object_lock_enabled_check Trail/LogArchive/AccessLogsBucket/Resource',
    ]);
  });
});

describe('a user-owned bucket', () => {
  test('is reported by the validators: the library does not acknowledge findings on resources it does not own', () => {
    const app = validatedApp();
    CONFIGURATIONS.bringYourOwn(app, 'bringYourOwn');
    const { findings } = synthAndReport(app);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(findings.every((f) => !f.paths.some((p) => p.startsWith('bringYourOwn/Trail/')))).toBe(true);
  });
});
