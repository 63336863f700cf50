import { App } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** A stack as deployed: its name, environment and template (a `CloudFormationStackArtifact` is one). */
export interface DeployedStack {
  readonly stackName: string;
  readonly environment: { readonly account: string; readonly region: string };
  readonly template: any;
  /** Values of the template's parameters, e.g. those a StackSet passes to its instances. */
  readonly parameters?: Record<string, string>;
}

/**
 * The templates of an app as if they were deployed: every intrinsic function resolved to the physical names and ARNs
 * CloudFormation would give, so that real policy evaluators can read the policies. Physical names that AWS chooses at
 * deployment (unnamed buckets, key ids) get stable stand-ins derived from the logical id.
 */
export class Deployment {
  /** Synthesizes what `build` adds to a fresh app. */
  public static of(build: (app: App) => void, outside: DeployedStack[] = []): Deployment {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
    build(app);
    return new Deployment([...app.synth().stacks, ...outside]);
  }

  /** Synthesizes one configuration of test/configurations.ts. */
  public static ofConfiguration(build: (scope: Construct, id: string) => Construct, id = 'Config'): Deployment {
    return Deployment.of((app) => build(app, id));
  }

  public readonly resources: DeployedResource[];

  /** The stacks of an assembly, and templates written by hand for resources that live outside the app. */
  constructor(public readonly stacks: DeployedStack[]) {
    this.resources = stacks.flatMap((stack) =>
      Object.entries<any>(stack.template.Resources ?? {}).map(([logicalId, resource]) => {
        const deployed = new DeployedResource(this, stack, logicalId, resource);
        return deployed;
      }),
    );
  }

  /** This deployment and more stacks, such as a StackSet's instances or resources that live outside the app. */
  public with(more: DeployedStack[]): Deployment {
    return new Deployment([...this.stacks, ...more]);
  }

  /** The resources of a type, optionally only those whose logical id matches `idPattern`. */
  public all(type: string, idPattern = ''): DeployedResource[] {
    return this.resources.filter((r) => r.type === type && new RegExp(idPattern).test(r.logicalId));
  }

  /** The one resource of a type (whose logical id matches `idPattern`). */
  public one(type: string, idPart = ''): DeployedResource {
    const found = this.all(type, idPart);
    if (found.length !== 1) throw new Error(`expected one ${type} with "${idPart}" in its id, found ${found.length}`);
    return found[0];
  }

  /** The policy that governs requests to `arn` besides the caller's own: bucket, key, topic or trust policy. */
  public resourcePolicyFor(arn: string): any | undefined {
    const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1];
    if (bucket !== undefined) {
      return this.all('AWS::S3::BucketPolicy').find((p) => p.property('Bucket') === bucket)?.property('PolicyDocument');
    }
    const key = this.all('AWS::KMS::Key').find((k) => k.arn === arn);
    if (key) return key.property('KeyPolicy');
    const topic = this.all('AWS::SNS::Topic').find((t) => t.arn === arn);
    if (topic) return this.all('AWS::SNS::TopicPolicy').find((p) => p.property('Topics').includes(arn))?.property('PolicyDocument');
    const role = this.all('AWS::IAM::Role').find((r) => r.arn === arn);
    if (role) return role.property('AssumeRolePolicyDocument');
    const bus = this.all('AWS::Events::EventBus').find((b) => b.arn === arn);
    if (bus) {
      const statements = this.all('AWS::Events::EventBusPolicy').filter((p) => p.property('EventBusName') === bus.ref).map((p) => p.property('Statement'));
      return { Version: '2012-10-17', Statement: statements };
    }
    return undefined;
  }

  /** The account that owns the resource of `arn` (S3 ARNs carry none: the bucket's stack tells). */
  public accountOf(arn: string): string {
    const account = arn.split(':')[4];
    if (account) return account;
    const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1];
    const owner = this.all('AWS::S3::Bucket').find((b) => b.ref === bucket);
    if (!owner) throw new Error(`no bucket of this app is named ${bucket}: say whose it is`);
    return owner.account;
  }

  /** The identity policies of a role of this app: inline, managed by ARN, and policies that name the role. */
  public identityPoliciesOf(roleArn: string): Array<{ name: string; policy: any }> {
    const role = this.all('AWS::IAM::Role').find((r) => r.arn === roleArn);
    if (!role) return [];
    const inline = (role.property('Policies') ?? []).map((p: any) => ({ name: p.PolicyName, policy: p.PolicyDocument }));
    const managedArns: string[] = role.property('ManagedPolicyArns') ?? [];
    const attached = [...this.all('AWS::IAM::ManagedPolicy'), ...this.all('AWS::IAM::Policy')]
      .filter((p) => managedArns.includes(p.ref) || (p.property('Roles') ?? []).includes(role.ref))
      .map((p) => ({ name: p.logicalId, policy: p.property('PolicyDocument') }));
    return [...inline, ...attached];
  }
}

/** One resource of a synthesized template, with the names and ARN it would get. */
export class DeployedResource {
  public readonly type: string;
  public readonly account: string;
  public readonly region: string;
  public readonly partition: string;
  public readonly stackName: string;
  private readonly parameters: Record<string, string>;

  constructor(
    private readonly deployment: Deployment,
    stack: DeployedStack,
    public readonly logicalId: string,
    public readonly template: any,
  ) {
    this.type = template.Type;
    this.account = stack.environment.account;
    this.region = stack.environment.region;
    this.stackName = stack.stackName;
    this.parameters = stack.parameters ?? {};
    this.partition = this.region.startsWith('cn-') ? 'aws-cn' : this.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  }

  /** A property, with every intrinsic function resolved. */
  public property(name: string): any {
    return this.resolve(this.template.Properties?.[name]);
  }

  /** What `Ref` returns. */
  public get ref(): string {
    const p = (name: string) => this.property(name);
    switch (this.type) {
      case 'AWS::S3::Bucket': return p('BucketName') ?? `${this.stackName}-${this.logicalId}`.toLowerCase();
      case 'AWS::KMS::Key': return `key-${this.logicalId.toLowerCase()}`;
      case 'AWS::KMS::Alias': return p('AliasName');
      case 'AWS::Logs::LogGroup': return p('LogGroupName') ?? this.logicalId;
      case 'AWS::IAM::Role': return p('RoleName') ?? this.logicalId;
      case 'AWS::IAM::ManagedPolicy': return this.arn;
      case 'AWS::SNS::Topic': return this.arn;
      case 'AWS::CloudTrail::Trail': return p('TrailName') ?? this.logicalId;
      case 'AWS::CloudTrail::EventDataStore': return this.arn;
      case 'AWS::CloudWatch::Alarm': return p('AlarmName') ?? this.logicalId;
      case 'AWS::Events::Rule': return p('Name') ?? this.logicalId;
      case 'AWS::Events::EventBus': return p('Name');
      case 'AWS::Glue::Database': return p('DatabaseInput').Name;
      case 'AWS::Glue::Table': return p('TableInput').Name;
      case 'AWS::Athena::WorkGroup': return p('Name');
      default: return this.logicalId;
    }
  }

  /** What `Fn::GetAtt Arn` returns. */
  public get arn(): string {
    const at = (service: string, rest: string, region = this.region, account = this.account) =>
      `arn:${this.partition}:${service}:${region}:${account}:${rest}`;
    switch (this.type) {
      case 'AWS::S3::Bucket': return `arn:${this.partition}:s3:::${this.ref}`;
      case 'AWS::KMS::Key': return at('kms', `key/${this.ref}`);
      case 'AWS::Logs::LogGroup': return at('logs', `log-group:${this.ref}:*`);
      case 'AWS::IAM::Role': return at('iam', `role/${this.ref}`, '');
      case 'AWS::IAM::ManagedPolicy': return at('iam', `policy/${this.property('ManagedPolicyName') ?? this.logicalId}`, '');
      case 'AWS::SNS::Topic': return at('sns', this.property('TopicName') ?? this.logicalId);
      case 'AWS::CloudTrail::Trail': return at('cloudtrail', `trail/${this.ref}`);
      case 'AWS::CloudTrail::EventDataStore': return at('cloudtrail', `eventdatastore/${this.logicalId.toLowerCase()}`);
      case 'AWS::CloudWatch::Alarm': return at('cloudwatch', `alarm:${this.ref}`);
      case 'AWS::Events::Rule': return at('events', `rule/${this.ref}`);
      case 'AWS::Events::EventBus': return at('events', `event-bus/${this.ref}`);
      default: return at(this.type.split('::')[1].toLowerCase(), this.logicalId);
    }
  }

  /** Resolves intrinsic functions as CloudFormation would in this resource's stack. */
  public resolve(value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const [fn] = Object.keys(value);
    const arg = value[fn];
    switch (fn) {
      case 'Ref': return this.pseudo(arg) ?? this.parameters[arg] ?? this.sibling(arg).ref;
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : arg.split('.');
        const target = this.sibling(id);
        if (attribute === 'Arn' || attribute === 'TopicArn') return target.arn;
        if (attribute === 'KeyId') return target.ref;
        return `${target.ref}.${attribute}`;
      }
      case 'Fn::Join': return this.resolve(arg[1]).join(arg[0]);
      case 'Fn::Select': return this.resolve(arg[1])[Number(this.resolve(arg[0]))];
      case 'Fn::Split': return String(this.resolve(arg[1])).split(arg[0]);
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        return text.replace(/\$\{([^}]+)\}/g, (_: string, name: string) =>
          name in vars ? this.resolve(vars[name]) : this.resolve(name.includes('.') ? { 'Fn::GetAtt': name } : { Ref: name }));
      }
      default:
        if (fn.startsWith('Fn::')) throw new Error(`cannot resolve ${fn} in ${this.logicalId}`);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    }
  }

  private pseudo(name: string): string | undefined {
    switch (name) {
      case 'AWS::Partition': return this.partition;
      case 'AWS::AccountId': return this.account;
      case 'AWS::Region': return this.region;
      case 'AWS::URLSuffix': return this.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName': return this.stackName;
      default: return undefined;
    }
  }

  private sibling(logicalId: string): DeployedResource {
    const found = this.deployment.resources.find((r) => r.stackName === this.stackName && r.logicalId === logicalId);
    if (!found) throw new Error(`${this.stackName} has no resource ${logicalId}`);
    return found;
  }
}

