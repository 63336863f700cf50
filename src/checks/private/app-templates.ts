import * as fs from 'fs';

/**
 * The synthesized templates of an app, read the way CloudFormation reads them: the checks judge what is deployed,
 * whoever wrote it (this library, an aws-cdk-lib L2, a bare L1 with escape-hatch overrides), and never guess. A value
 * built from a parameter, a condition or a reference to something outside the app is unknown.
 */
export class AppTemplates {
  /** Reads the templates aws-cdk-lib's validation hands to a plugin. */
  public static read(stacks: Array<{ stackConstructPath: string; templatePath: string }>): AppTemplates {
    return new AppTemplates(
      stacks.map((s) => ({ stackPath: s.stackConstructPath, templatePath: s.templatePath, template: JSON.parse(fs.readFileSync(s.templatePath, 'utf-8')) })),
    );
  }

  public readonly stacks: StackTemplate[];
  private readonly byType = new Map<string, TemplateResource[]>();

  constructor(templates: Array<{ stackPath: string; templatePath?: string; template: any }>) {
    this.stacks = templates.map((t) => {
      const stack: StackTemplate = {
        stackPath: t.stackPath,
        templatePath: t.templatePath,
        resources: new Map(),
        outputs: t.template.Outputs ?? {},
      };
      for (const [logicalId, r] of Object.entries<any>(t.template.Resources ?? {})) {
        const resource: TemplateResource = {
          stack,
          logicalId,
          type: r.Type,
          properties: r.Properties ?? {},
          constructPath: r.Metadata?.['aws:cdk:path'],
        };
        stack.resources.set(logicalId, resource);
        const list = this.byType.get(r.Type) ?? [];
        list.push(resource);
        this.byType.set(r.Type, list);
      }
      return stack;
    });
  }

  /** Every resource of a CloudFormation type, in every template. */
  public resourcesOfType(type: string): TemplateResource[] {
    return this.byType.get(type) ?? [];
  }

  /**
   * The resource of `type` that a property value of `from` names: by `Ref` or `Fn::GetAtt` in the same template, by
   * `Fn::ImportValue` through another template's export, or by its literal name or ARN (as an app names a resource of
   * another of its environments). A literal that names nothing in the app is `OUTSIDE`; a parameter, a condition or a
   * name computed at deploy time is `UNKNOWN`.
   */
  public resourceNamedBy(from: StackTemplate, value: unknown, type: string): Link {
    const reference = referencedLogicalId(value);
    if (reference) {
      const resource = from.resources.get(reference);
      if (resource) return resource.type === type ? resource : UNKNOWN;
      return UNKNOWN; // a parameter
    }
    if (isObject(value) && 'Fn::ImportValue' in value) {
      const exportName = literalString(value['Fn::ImportValue']);
      if (exportName === undefined) return UNKNOWN;
      for (const stack of this.stacks) {
        for (const output of Object.values<any>(stack.outputs)) {
          if (literalString(output?.Export?.Name) === exportName) return this.resourceNamedBy(stack, output.Value, type);
        }
      }
      return OUTSIDE;
    }
    const text = literalString(value);
    if (text === undefined) {
      const inner = singleReferenceIn(value);
      const resource = inner ? from.resources.get(inner) : undefined;
      return resource?.type === type ? resource : UNKNOWN;
    }
    return this.resourceByName(text, type);
  }

  private resourceByName(text: string, type: string): Link {
    const naming = NAMES[type];
    if (!naming) return OUTSIDE;
    if (type === 'AWS::KMS::Key') {
      const alias = /(?:^|:)(alias\/.+)$/.exec(text)?.[1];
      if (!alias) return OUTSIDE; // a key ARN or id: CloudFormation generates those, so no key of the app has it yet
      const aliasResource = this.resourcesOfType('AWS::KMS::Alias').find((a) => literalString(a.properties.AliasName) === alias);
      return aliasResource ? this.resourceNamedBy(aliasResource.stack, aliasResource.properties.TargetKeyId, type) : OUTSIDE;
    }
    const name = naming.nameIn(text);
    return this.resourcesOfType(type).find((r) => literalString(r.properties[naming.property]) === name) ?? OUTSIDE;
  }
}

export interface StackTemplate {
  readonly stackPath: string;
  readonly templatePath?: string;
  readonly resources: Map<string, TemplateResource>;
  readonly outputs: Record<string, any>;
}

/** A resource of a synthesized template. */
export interface TemplateResource {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  /** The construct path aws-cdk-lib records in the resource's metadata, where the CDK CLI asks it to. */
  readonly constructPath?: string;
}

/** What a reference leads to: a resource of the app, nothing in the app, or a value the templates cannot decide. */
export type Link = TemplateResource | typeof OUTSIDE | typeof UNKNOWN;
export const OUTSIDE = 'outside of the app' as const;
export const UNKNOWN = 'known only at deploy time' as const;

export function isResource(link: Link | undefined): link is TemplateResource {
  return typeof link === 'object';
}

/** How a literal name or ARN names a resource of each type the checks follow. */
const NAMES: Record<string, { property: string; nameIn(text: string): string }> = {
  'AWS::S3::Bucket': { property: 'BucketName', nameIn: (t) => /^arn:[^:]*:s3:::([^/]+)/.exec(t)?.[1] ?? t },
  'AWS::Logs::LogGroup': { property: 'LogGroupName', nameIn: (t) => /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:([^:]+)/.exec(t)?.[1] ?? t },
  'AWS::SNS::Topic': { property: 'TopicName', nameIn: (t) => /^arn:[^:]*:sns:[^:]*:[^:]*:(.+)$/.exec(t)?.[1] ?? t },
  'AWS::KMS::Key': { property: 'AliasName', nameIn: (t) => t },
};

/** The pseudo parameters a literal may contain: their values are the same wherever the resource is judged. */
const PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::StackId']);

/**
 * A value as text, if the template fixes it: a string, a number, a boolean, or an `Fn::Join` of those and pseudo
 * parameters (rendered as `${Partition}`). Anything else is undefined.
 */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isObject(value)) return undefined;
  // Rendered without colons, so that ARN patterns still split on them.
  if ('Ref' in value && PSEUDO.has(value.Ref as string)) return `\${${(value.Ref as string).replace('AWS::', '')}}`;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(literalString);
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/** A boolean property: true, false, undefined when absent, or UNKNOWN. */
export function literalBoolean(value: unknown): boolean | undefined | typeof UNKNOWN {
  if (value === undefined) return undefined;
  const text = literalString(value);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return UNKNOWN;
}

/** The logical id a `Ref` or `Fn::GetAtt` names. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return PSEUDO.has(value.Ref) ? undefined : value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** The one resource an `Fn::Join` refers to (an ARN built from a bucket's name, say), if exactly one. */
function singleReferenceIn(value: unknown): string | undefined {
  const ids = new Set<string>();
  const visit = (v: unknown): void => {
    const id = referencedLogicalId(v);
    if (id) ids.add(id);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return ids.size === 1 ? [...ids][0] : undefined;
}

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

