import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConfigurationSpec, buildConfiguration, featuresOf, generateConfigurations } from './generated-configurations';
import { selectorValueCount, serviceLimitProblems } from './service-limits';
import { Finding, cdkNagApp, synthAndReport, validatedApp } from '../validators';

/**
 * Property-based tests of valid configurations, in two parts that jest runs in parallel. Each part draws its
 * configurations from a fixed seed, builds every one as stacks of its own in one app, and synthesizes once through
 * cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS packs.
 *
 * The Control Tower Guard rules and aws-cdk-lib's strict CloudFormation validation cost about 1 s of CPU per
 * template (and 3.5 s to start), half a minute for the parts' templates: CI runs them on every configuration
 * (`VALIDATE_ALL_CONFIGURATIONS=true`), and the test run on the hand-picked configurations of validators.test.ts.
 */
const ALL_VALIDATORS = process.env.VALIDATE_ALL_CONFIGURATIONS === 'true';

/** CI draws 100 configurations per part; the test run the first 40 of them (a sample of a seed is a stream). */
const COUNT = ALL_VALIDATORS ? 100 : 40;
export const PARTS = { a: { seed: 20260531, count: COUNT }, b: { seed: 8042, count: COUNT } } as const;
const GUARD = 'cdk-validator-cfnguard';

/** The validator findings each warning of the library announces: the user chose them, and was told. */
const ANNOUNCED: Record<string, Array<{ rule: string; plugin?: string }>> = {
  cloudWatchLogsOff: [
    ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({ rule: `${pack}-CloudTrailCloudWatchLogsEnabled` })),
    { rule: 'cloud_trail_cloud_watch_logs_enabled_check', plugin: GUARD },
    { rule: 'CloudTrail-TrailCloudWatchLogs' },
  ],
  shortLogRetention: [{ rule: 'cloudwatch_log_group_retention_period_check', plugin: GUARD }, { rule: 'CloudTrail-LogGroupRetention' }],
  managementEventsNotAll: [{ rule: 'CloudTrail-TrailManagementEvents' }],
  managementEventSourcesExcluded: [{ rule: 'CloudTrail-TrailManagementEvents' }],
  trailBucketDataEvents: [{ rule: 'CloudTrail-TrailS3DataEventsExcludeTrailBuckets' }],
  logRetentionNotSet: ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({ rule: `${pack}-CloudWatchLogGroupRetentionPeriod` })),
};

/**
 * What the conformance pack cannot judge, and says so, in a configuration that names a bucket or key of another app:
 * that resource is outside the app, so its rules are unknown rather than passed.
 */
function unjudgeable(spec: ConfigurationSpec): Array<{ rule: string; plugin?: string }> {
  const importedBucket = spec.storage === 'importedBucket';
  // A log archive of another account of the app brings its own key, in the app; ownKey then encrypts the log group.
  const importedKey = spec.ownKey && spec.storage !== 'crossAccountArchive';
  return [
    ...(importedBucket || importedKey ? [{ rule: 'CloudTrail-TrailDeliveryChainInApp[Unknown]' }] : []),
    // The trail's key is judged, but whether the imported bucket uses an S3 Bucket Key is not known.
    ...(importedBucket && !importedKey ? [{ rule: 'CloudTrail-KeyBucketKeyDecrypt[Unknown]' }] : []),
  ];
}

interface Outcome {
  readonly spec: ConfigurationSpec;
  error?: string;
  findings: Finding[];
  warnings: string[];
  templates: any[];
}

export function describeValidConfigurations(part: keyof typeof PARTS): void {
  const { seed, count } = PARTS[part];
  const specs = generateConfigurations(seed, count);
  const offset = part === 'a' ? 0 : 100;
  const names = specs.map((spec, i) => `#${offset + i} ${featuresOf(spec).filter((f) => !f.startsWith('region:')).join(' ')}`);
  const outcomes: Outcome[] = specs.map((spec) => ({ spec, findings: [], warnings: [], templates: [] }));
  let app: App;

  beforeAll(() => {
    app = ALL_VALIDATORS ? validatedApp() : cdkNagApp();
    const ids = specs.map((_, i) => `Config${offset + i}`);
    specs.forEach((spec, i) => {
      try {
        buildConfiguration(app, ids[i], spec, offset + i);
        const invalid = app.node.findChild(ids[i]).node.findAll().flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));
        if (invalid.length > 0) throw new Error(invalid.join('\n'));
      } catch (e) {
        outcomes[i].error = String(e);
        app.node.tryRemoveChild(ids[i]);
      }
    });
    const report = quietly(() => synthAndReport(app));

    specs.forEach((_, i) => {
      const group = app.node.tryFindChild(ids[i]);
      if (!group) return;
      outcomes[i].findings = report.findings.filter((f) => f.paths.some((p) => p.startsWith(`${ids[i]}/`)));
      outcomes[i].warnings = warningsOf(group);
      outcomes[i].templates = group.node
        .findAll()
        .filter((c): c is Stack => Stack.isStack(c))
        .map((stack) => JSON.parse(fs.readFileSync(path.join(app.outdir, stack.templateFile), 'utf-8')));
    });
  });

  afterAll(() => fs.rmSync(app.outdir, { recursive: true, force: true }));

  describe(`${count} valid configurations generated from seed ${seed} (part ${part} of ${Object.keys(PARTS).length})`, () => {
    test(`${count} generated, through ${ALL_VALIDATORS ? 'every validator' : "cdk-nag's four packs"}`, () => {
      expect(specs).toHaveLength(count);
      // Enough variety to mean something: the two parts of the test run exercise 90 option values, CI's all 91.
      const drawn = new Set(Object.values(PARTS).flatMap((p) => generateConfigurations(p.seed, p.count)).flatMap(featuresOf));
      expect(drawn.size).toBeGreaterThanOrEqual(ALL_VALIDATORS ? 91 : 90);
    });

    test.each(names.map((name, i) => [name, i]))('%s: synthesizes', (_, i) => {
      expect(outcomes[i].error).toBeUndefined();
      expect(outcomes[i].templates.length).toBeGreaterThan(0);
    });

    test.each(names.map((name, i) => [name, i]))('%s: every validator finding is one a warning of the library announced, or an imported resource left unjudged', (_, i) => {
      const { findings, warnings } = outcomes[i];
      const expected = [...warnings.flatMap((w) => ANNOUNCED[w] ?? []), ...unjudgeable(outcomes[i].spec)]
        .filter((a) => ALL_VALIDATORS || a.plugin !== GUARD)
        .map((a) => a.rule);
      // Exactly the announced findings: none unannounced, and every announced one reported (the validators ran).
      expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([...new Set(expected)].sort());
    });

    test.each(names.map((name, i) => [name, i]))('%s: renders within the limits of CloudTrail and the services it uses', (_, i) => {
      const { templates, spec } = outcomes[i];
      expect(templates.flatMap(serviceLimitProblems)).toEqual([]);
      if (spec.fillSelectorsToLimit) {
        const trail = templates.flatMap((t) => Object.values<any>(t.Resources)).find((r) => r.Type === 'AWS::CloudTrail::Trail');
        expect(selectorValueCount(trail.Properties.AdvancedEventSelectors)).toBe(500);
      }
    });
  });
}

/** The ids of the library's warnings under a construct. */
function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)))
    .map((data) => /\[ack: cdk-organization-trail:(\w+)\]/.exec(data)?.[1])
    .filter((id): id is string => id !== undefined);
}

/** Runs without the validation report aws-cdk-lib prints for every finding (the tests assert on the findings). */
function quietly<T>(fn: () => T): T {
  const spies = (['log', 'error', 'warn', 'info'] as const).map((level) => jest.spyOn(console, level).mockImplementation(() => undefined));
  try {
    return fn();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}
