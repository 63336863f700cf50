import * as fs from 'fs';
import * as path from 'path';
import {
  CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, NestedStack, PolicyValidationPluginReport, PolicyViolation,
  PolicyViolatingResource, Stack, Validations,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AppTemplates, TemplateResource } from './private/app-templates';
import { CheckRule } from './private/check-rule';
import { DeliveryChains } from './private/delivery-chains';
import { RULES } from './private/rules';

/** The prefix of every rule id of the pack, as cdk-nag prefixes its packs' ids. */
const RULE_PREFIX = 'CloudTrail';

/**
 * A conformance pack for every CloudTrail trail of a CDK app, whoever built it: this library's constructs, an
 * aws-cdk-lib `Trail`, a bare `CfnTrail`, an escape-hatched L1. It judges the whole delivery chain as the app's
 * templates deploy it: the trail, the bucket it delivers to, its KMS key, its CloudWatch Logs log group, the Security
 * Hub metric filters and alarms on that log group, and the topic those alarms notify.
 *
 * It is a policy validation plugin, the engine cdk-nag's v3 packs run on: register it beside them with
 * `Validations.of(app).addPlugins(new CloudTrailChecks())`. Findings go to the app's `validation-report.json`; a
 * non-compliant resource is an error, which fails `app.synth()` and `cdk synth`. Acknowledge a finding the cdk-nag way,
 * on the construct or one of its scopes: `Validations.of(construct).acknowledge({ id: 'CloudTrail-BucketLifecycle',
 * reason })` (or `CloudTrailChecks::CloudTrail-BucketLifecycle`, which the report then lists with its reason).
 *
 * A value the templates do not fix (a parameter, a condition, a resource of another app) is never guessed: the rule
 * reports `CloudTrail-<rule>[Unknown]` as a warning with the reason.
 */
export class CloudTrailChecks implements IPolicyValidationPlugin {
  public readonly name = 'CloudTrailChecks';

  /** The id of every rule of the pack. */
  public readonly ruleIds?: string[] = RULES.map((rule) => `${RULE_PREFIX}-${rule.id}`);

  /** Judges the app's templates; aws-cdk-lib calls it after synthesis, with the app's construct tree. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const chains = new DeliveryChains(AppTemplates.read([...context.stackTemplates, ...nestedStackTemplates(context)]));
    const violations = withoutPlainAcknowledgements(context.appConstruct, judge(chains, new ConstructPaths(context.appConstruct)));
    return { success: !violations.some((v) => v.severity === 'error'), violations };
  }
}

/**
 * The templates of the app's nested stacks, which aws-cdk-lib does not hand to plugins: each is a file beside the
 * template of the top-level stack that holds it.
 */
function nestedStackTemplates(context: IPolicyValidationContext): Array<{ stackConstructPath: string; templatePath: string }> {
  const topLevel = new Map(context.stackTemplates.map((s) => [s.stackConstructPath, s.templatePath]));
  return context.appConstruct.node.findAll().filter(NestedStack.isNestedStack).flatMap((nested) => {
    let root: Stack = nested;
    while (root.nestedStackParent) root = root.nestedStackParent;
    const parentTemplate = topLevel.get(root.node.path);
    const templatePath = parentTemplate && path.join(path.dirname(parentTemplate), nested.templateFile);
    return templatePath && fs.existsSync(templatePath) ? [{ stackConstructPath: nested.node.path, templatePath }] : [];
  });
}

/** Every rule on every resource it covers, grouped by rule id as the validation report lists them. */
function judge(chains: DeliveryChains, paths: ConstructPaths): PolicyViolation[] {
  const byId = new Map<string, { rule: CheckRule; severity: string; reasons: Set<string>; resources: PolicyViolatingResource[] }>();
  const add = (
    rule: CheckRule, suffix: string | undefined, severity: string, resource: TemplateResource, properties: string[], reason?: string,
  ): void => {
    const ruleName = `${RULE_PREFIX}-${rule.id}${suffix ? `[${suffix}]` : ''}`;
    const entry = byId.get(ruleName) ?? { rule, severity, reasons: new Set<string>(), resources: [] };
    const constructPath = resource.constructPath ?? paths.of(resource);
    if (reason) entry.reasons.add(`${constructPath ?? resource.logicalId}: ${reason}`);
    entry.resources.push(constructPath
      // aws-cdk-lib takes either a construct path or a template and logical id; the path is what acknowledgements match.
      ? { constructPath, locations: properties }
      : { templatePath: resource.stack.templatePath, resourceLogicalId: resource.logicalId, locations: properties });
    byId.set(ruleName, entry);
  };
  for (const rule of RULES) {
    for (const resource of chains.subjects(rule.subject)) {
      const verdict = rule.check(resource, chains);
      if (verdict.status === 'nonCompliant') {
        for (const id of new Set(verdict.findings.map((f) => f.id))) {
          add(rule, id, 'error', resource, verdict.findings.filter((f) => f.id === id).map((f) => f.property));
        }
      }
      if (verdict.status === 'unknown') add(rule, 'Unknown', 'warning', resource, [verdict.property], verdict.reason);
    }
  }
  return [...byId.entries()].map(([ruleName, { rule, severity, reasons, resources }]) => ({
    ruleName,
    description: severity === 'error'
      ? `${rule.description} (${rule.controls})`
      : `Could not be judged from the templates, so not passed: ${[...reasons].join('; ')}. The rule: ${rule.description}`,
    fix: rule.fix,
    severity,
    violatingResources: resources,
  }));
}

/**
 * The violations less the resources acknowledged by the plain rule id (`CloudTrail-BucketLifecycle`), on the construct
 * or a scope of it, as cdk-nag's packs accept. aws-cdk-lib itself matches only the id qualified by the plugin's name
 * (and then lists the acknowledgement in the report); it records a plain id under the `Annotation::` namespace.
 */
function withoutPlainAcknowledgements(app: IConstruct, violations: PolicyViolation[]): PolicyViolation[] {
  return violations
    .map((violation) => {
      const wanted = `annotation::${violation.ruleName}`.toLowerCase();
      const acknowledged = (scope: IConstruct): boolean => scope.node.metadata.some((m) =>
        m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && Object.keys(m.data ?? {}).some((id) => id.toLowerCase() === wanted));
      const violatingResources = violation.violatingResources.filter((resource) => {
        for (let scope = resource.constructPath ? findByPath(app, resource.constructPath) : undefined; scope; scope = scope.node.scope) {
          if (acknowledged(scope)) return false;
        }
        return true;
      });
      return { ...violation, violatingResources };
    })
    .filter((violation) => violation.violatingResources.length > 0);
}

/**
 * The construct path of a template's resource. Templates carry it only when the CDK CLI asks (`aws:cdk:path`
 * metadata), so it is looked up in the app's tree, once, and only when there is a finding to place.
 */
class ConstructPaths {
  private byTemplate?: Map<string, Map<string, string>>;

  constructor(private readonly app: IConstruct) {}

  public of(resource: TemplateResource): string | undefined {
    this.byTemplate ??= this.index();
    return this.byTemplate.get(path.basename(resource.stack.templatePath ?? ''))?.get(resource.logicalId);
  }

  private index(): Map<string, Map<string, string>> {
    const byTemplate = new Map<string, Map<string, string>>();
    for (const construct of this.app.node.findAll()) {
      if (!CfnResource.isCfnResource(construct)) continue;
      const stack = Stack.of(construct);
      const paths = byTemplate.get(stack.templateFile) ?? new Map<string, string>();
      paths.set(stack.resolve(construct.logicalId), construct.node.path);
      byTemplate.set(stack.templateFile, paths);
    }
    return byTemplate;
  }
}

function findByPath(app: IConstruct, constructPath: string): IConstruct | undefined {
  let scope: IConstruct | undefined = app;
  for (const id of constructPath.split('/')) scope = scope?.node.tryFindChild(id);
  return scope;
}
