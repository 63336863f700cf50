import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, BootstraplessSynthesizer, CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ForwardingRules } from './forwarding-rules';

/** Name of the member template's parameter that receives the central event bus ARN. */
export const CENTRAL_EVENT_BUS_PARAMETER = 'CentralEventBusArn';

/**
 * What the StackSet deploys to every account and Region: the forwarding rules, pointed at the central event bus by a
 * parameter. Environment-agnostic and bootstrap-free, since StackSets deploy it to accounts without a CDK bootstrap.
 */
export class ForwardingMemberStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false, ...props });
    const bus = new CfnParameter(this, CENTRAL_EVENT_BUS_PARAMETER, {
      type: 'String',
      description: 'ARN of the central event bus that receives the security events',
      allowedPattern: '^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[A-Za-z0-9._/-]+$',
    });
    new ForwardingRules(this, 'Forwarding', bus.valueAsString);
  }
}

/**
 * Synthesizes the member stack in an app of its own, outside the user's cloud assembly (so `cdk deploy` never deploys
 * it directly), and returns its template as the JSON text a StackSet takes.
 */
export function synthesizeMemberTemplate(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-organization-trail-stackset-'));
  try {
    const app = new App({
      outdir,
      autoSynth: false,
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:enable-path-metadata': false, 'aws:cdk:disable-creation-stack-traces': true },
    });
    const stack = new ForwardingMemberStack(app, 'SecurityEventForwarding');
    return JSON.stringify(app.synth().getStackArtifact(stack.artifactId).template);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
