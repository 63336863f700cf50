import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { STRICT_VALIDATION_CONTEXT, addValidators } from '../examples/validation';
import { CloudTrailChecks } from '../src';

/**
 * An app with every validator the project is judged by: cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and PCI packs,
 * the Control Tower proactive-control Guard rules, and aws-cdk-lib's built-in CloudFormation validation as errors.
 */
export function validatedApp(props: AppProps = {}): App {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-organization-trail-')),
    ...props,
    context: { ...STRICT_VALIDATION_CONTEXT, 'aws:cdk:disable-creation-stack-traces': true, ...props.context },
  });
  addValidators(app);
  return app;
}

/**
 * An app with cdk-nag's four packs and this library's conformance pack only. The Control Tower Guard rules cost about 0.75 s of CPU per template and the
 * CloudFormation schema validation about 0.15 s, cdk-nag about 0.03 s: suites that synthesize hundreds of stacks
 * run these, and the full set on a part of them.
 */
export function cdkNagApp(props: { schemaValidation?: boolean } = {}): App {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-organization-trail-')),
    builtinCloudFormationValidation: props.schemaValidation ?? false,
    context: { ...(props.schemaValidation ? STRICT_VALIDATION_CONTEXT : {}), 'aws:cdk:disable-creation-stack-traces': true },
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app),
    new CloudTrailChecks(),
  );
  return app;
}

export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly paths: string[];
  /** Why the finding was acknowledged, for acknowledged findings. */
  readonly reason?: string;
}

export interface ValidationReport {
  readonly findings: Finding[];
  readonly acknowledged: Finding[];
}

/** Synthesizes the app and reads its validation report; a failed validation does not throw here. */
export function synthAndReport(app: App): ValidationReport {
  try {
    app.synth();
  } catch (e) {
    if (!/Validation ?Failed/i.test(String(e))) throw e;
  }
  return readReport(app.outdir);
}

export function readReport(outdir: string): ValidationReport {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return { findings: [], acknowledged: [] };
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const findings: Finding[] = [];
  const acknowledged: Finding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    const toFinding = (v: any): Finding => ({
      plugin: plugin.pluginName,
      rule: v.ruleName,
      paths: (v.violatingConstructs ?? v.violatingResources ?? []).map((c: any) => c.constructPath ?? c.resourceLogicalId),
      reason: v.reason,
    });
    findings.push(...(plugin.violations ?? []).filter((v: any) => v.severity !== 'info').map(toFinding));
    acknowledged.push(...(plugin.suppressedViolations ?? []).map(toFinding));
  }
  return { findings, acknowledged };
}
