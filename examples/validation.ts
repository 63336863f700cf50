import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { CloudTrailChecks } from 'cdk-organization-trail';

/** Context that makes aws-cdk-lib's built-in CloudFormation schema findings errors rather than warnings. */
export const STRICT_VALIDATION_CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true };

/**
 * Registers the validators a security auditor asks for: cdk-nag's AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS
 * packs and the AWS Control Tower proactive controls (Guard rules). aws-cdk-lib's CloudFormation schema validation
 * runs on every synthesis anyway. Any unacknowledged finding fails `app.synth()`.
 */
export function addValidators(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
    new CloudTrailChecks(),
    // The Guard plugin implements the Beta1 plugin interface, which the current one extends structurally.
    new CfnGuardValidator() as unknown as IPolicyValidationPlugin,
  );
}

/** A short, human-readable summary of `validation-report.json`: what passed, and what was acknowledged and why. */
export function validationSummary(outdir: string): string {
  const file = path.join(outdir, 'validation-report.json');
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const lines: string[] = [];
  const plugins: any[] = report.pluginReports;
  // aws-cdk-lib lists a plugin only when it reports something.
  if (!plugins.some((p) => p.pluginName === 'CloudFormation Validate') && process.env.CDK_VALIDATION !== 'false') {
    lines.push('CloudFormation Validate (aws-cdk-lib built-in schemas): passed, 0 acknowledged');
  }
  if (!plugins.some((p) => p.pluginName === 'CloudTrailChecks')) {
    lines.push("CloudTrailChecks (this library's conformance pack): passed, 0 acknowledged");
  }
  for (const plugin of plugins) {
    const violations = plugin.violations ?? [];
    const acknowledged = plugin.suppressedViolations ?? [];
    lines.push(`${plugin.pluginName}: ${violations.length === 0 ? 'passed' : `${violations.length} finding(s)`}, ${acknowledged.length} acknowledged`);
    for (const v of violations) lines.push(`  FINDING ${v.ruleName} on ${constructs(v)}`);
    for (const v of acknowledged) lines.push(`  acknowledged ${v.ruleName} on ${constructs(v)}\n      because: ${v.reason}`);
  }
  return lines.join('\n');
}

function constructs(violation: any): string {
  return (violation.violatingConstructs ?? violation.violatingResources ?? [])
    .map((c: any) => c.constructPath ?? c.resourceLogicalId)
    .join(', ');
}

/** The warnings the constructs emitted, which synthesis reports but does not fail on. */
export function warningSummary(app: App): string {
  const warnings = app.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => `  ${c.node.path}: ${m.data}`));
  return `Construct warnings: ${warnings.length}${warnings.length ? `\n${warnings.join('\n')}` : ''}`;
}
