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

  test('acknowledges only what server access logging makes impossible', () => {
    const acknowledged = new Set(report.acknowledged.map((f) => `${f.rule} ${f.paths.join(',').replace(/^[^/]+\//, '')}`));
    expect([...acknowledged].sort()).toEqual([
      's3_bucket_default_encryption_kms_check Analytics/AccessLogsBucket/Resource',
      's3_bucket_default_encryption_kms_check Trail/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_logging_enabled_check Analytics/AccessLogsBucket/Resource',
      's3_bucket_logging_enabled_check Trail/LogArchive/AccessLogsBucket/Resource',
      's3_bucket_object_lock_enabled_check Analytics/AccessLogsBucket/Resource',
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
