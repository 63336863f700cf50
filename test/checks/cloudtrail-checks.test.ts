import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudTrailChecks, OrganizationTrail } from '../../src';
import { AppTemplates } from '../../src/checks/private/app-templates';
import { DeliveryChains } from '../../src/checks/private/delivery-chains';
import { RULES } from '../../src/checks/private/rules';
import { ENV, ORG_ID, testApp } from '../util';
import { rulesTable } from './rules-table';
import { synthAndReport } from '../validators';

/** The trails the README compares, each built as its users write it. */
const TRAILS: Record<string, (stack: Stack) => void> = {
  'aws-cdk-lib Trail, defaults': (stack) => new cloudtrail.Trail(stack, 'Trail'),
  'aws-cdk-lib Trail, hardened by hand': (stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, versioned: true, removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = new s3.Bucket(stack, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      lifecycleRules: [{ expiration: Duration.days(2557) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cloudtrail.Trail(stack, 'Trail', {
      bucket,
      encryptionKey: key,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: new logs.LogGroup(stack, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR }),
    });
  },
  'CfnTrail, bare': (stack) => new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'a-bucket-of-another-app' }),
  'OrganizationTrail, defaults': (stack) => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, alarms: { emailSubscriptions: ['security@example.com'] } }),
};

const MARKS: Record<string, string> = { compliant: 'pass', notApplicable: 'n/a', nonCompliant: 'FAIL', unknown: 'unknown' };

/** Each rule's outcome per trail, as the README's table shows it: the worst verdict over the resources it covers. */
function outcomes(build: (stack: Stack) => void): Record<string, string> {
  const app = testApp();
  const stack = new Stack(app, 'S', { env: ENV });
  build(stack);
  const chains = new DeliveryChains(new AppTemplates([{ stackPath: 'S', template: Template.fromStack(stack).toJSON() }]));
  const order = ['nonCompliant', 'unknown', 'compliant', 'notApplicable'];
  return Object.fromEntries(RULES.map((rule) => {
    const statuses = chains.subjects(rule.subject).map((r) => rule.check(r, chains).status);
    const worst = order.find((s) => statuses.includes(s as any)) ?? 'notApplicable';
    return [rule.id, MARKS[worst]];
  }));
}

describe('the README compares trails', () => {
  test('its table is what the pack answers for each trail', () => {
    const names = Object.keys(TRAILS);
    const results = names.map((name) => outcomes(TRAILS[name]));
    const rows = RULES.map((rule) => `| \`CloudTrail-${rule.id}\` | ${results.map((r) => r[rule.id]).join(' | ')} |`);
    const expected = [`| Rule | ${names.join(' | ')} |`, `|---|${names.map(() => '---|').join('')}`, ...rows].join('\n');
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf-8');
    expect(readme).toContain(expected);
    // The findings users see: the library's trail has none; aws-cdk-lib's Trail fails what it leaves to its user.
    expect(results[3]).toEqual(Object.fromEntries(RULES.map((r) => [r.id, r.id === 'TrailInsightsPrerequisites' ? 'n/a' : 'pass'])));
    expect(results.slice(0, 3).map((r) => Object.values(r).filter((m) => m === 'FAIL').length)).toEqual([8, 4, 4]);
  });
});

describe('CloudTrailChecks as a validation plugin', () => {
  function app(acknowledge?: (trail: cloudtrail.Trail) => void) {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checks-')), builtinCloudFormationValidation: false });
    Validations.of(a).addPlugins(new CloudTrailChecks());
    const stack = new Stack(a, 'S', { env: ENV });
    const trail = new cloudtrail.Trail(stack, 'Trail', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    acknowledge?.(trail);
    return a;
  }
  const quietly = <T>(fn: () => T): T => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try { return fn(); } finally { spy.mockRestore(); }
  };

  test('reports each finding on its construct, and a finding fails synthesis', () => {
    const a = app();
    expect(() => quietly(() => a.synth())).toThrow(/CloudTrail-TrailCloudWatchLogs/);
    const report = synthAndReport(app());
    expect(report.findings.find((f) => f.rule === 'CloudTrail-TrailCloudWatchLogs')).toEqual({
      plugin: 'CloudTrailChecks', rule: 'CloudTrail-TrailCloudWatchLogs', paths: ['S/Trail/Resource'], reason: undefined,
    });
    expect(report.findings.find((f) => f.rule === 'CloudTrail-KeyCloudTrailConditions')?.paths).toEqual(['S/Key/Resource']);
  });

  test('is acknowledged the cdk-nag way: by the qualified id, listed with its reason, or by the plain id', () => {
    const qualified = quietly(() => synthAndReport(app((trail) => Validations.of(trail).acknowledge({
      id: 'CloudTrailChecks::CloudTrail-TrailCloudWatchLogs', reason: 'The alarms watch another trail of the organization.',
    }))));
    expect(qualified.findings.map((f) => f.rule)).not.toContain('CloudTrail-TrailCloudWatchLogs');
    expect(qualified.acknowledged).toContainEqual({
      plugin: 'CloudTrailChecks', rule: 'CloudTrail-TrailCloudWatchLogs', paths: ['S/Trail/Resource'], reason: 'The alarms watch another trail of the organization.',
    });
    const plain = quietly(() => synthAndReport(app((trail) => Validations.of(trail).acknowledge({ id: 'CloudTrail-TrailCloudWatchLogs', reason: 'r' }))));
    expect(plain.findings.map((f) => f.rule)).not.toContain('CloudTrail-TrailCloudWatchLogs');
    // Only that rule: the others still report.
    expect(plain.findings.map((f) => f.rule)).toContain('CloudTrail-BucketVersioned');
  });

  test('a trail in a nested stack is judged too, on its construct', () => {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checks-')), builtinCloudFormationValidation: false });
    Validations.of(a).addPlugins(new CloudTrailChecks());
    new cloudtrail.Trail(new NestedStack(new Stack(a, 'S', { env: ENV }), 'Nested'), 'Trail');
    const report = quietly(() => synthAndReport(a));
    expect(report.findings.find((f) => f.rule === 'CloudTrail-TrailEncrypted')?.paths).toEqual(['S/Nested/Trail/Resource']);
    expect(report.findings.find((f) => f.rule === 'CloudTrail-BucketVersioned')?.paths).toEqual(['S/Nested/Trail/S3/Resource']);
  });

  test('an unknown is a warning that does not fail synthesis, and names why', () => {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checks-')), builtinCloudFormationValidation: false });
    Validations.of(a).addPlugins(new CloudTrailChecks());
    const stack = new Stack(a, 'S', { env: ENV });
    new OrganizationTrail(stack, 'Trail', {
      organizationId: ORG_ID,
      alarms: { emailSubscriptions: ['security@example.com'] },
      encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    });
    expect(() => quietly(() => a.synth())).not.toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(a.outdir, 'validation-report.json'), 'utf-8'));
    const pack = report.pluginReports.find((p: any) => p.pluginName === 'CloudTrailChecks');
    expect(pack.violations.map((v: any) => [v.ruleName, v.severity])).toEqual([['CloudTrail-TrailDeliveryChainInApp[Unknown]', 'warning']]);
    expect(pack.violations[0].description).toMatch(/KMSKeyId is outside of the app/);
  });
});

test('the README documents every rule: what it checks, the controls it serves and its fix', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf-8');
  expect(readme).toContain(rulesTable(RULES));
  expect(new CloudTrailChecks().ruleIds).toEqual(RULES.map((r) => `CloudTrail-${r.id}`));
});
