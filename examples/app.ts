/**
 * The default organization trail, as a platform team would add it to the app of its management account, with the
 * validators its CI runs. `npx projen example` synthesizes it offline into cdk.out/ and prints the validation summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { OrganizationTrail } from 'cdk-organization-trail';
import { STRICT_VALIDATION_CONTEXT, addValidators, validationSummary, warningSummary } from './validation';

/** The example app's context. Construct paths go into the template, as with the CDK CLI, for the diagram. */
export const EXAMPLE_CONTEXT = {
  ...STRICT_VALIDATION_CONTEXT,
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:enable-path-metadata': true,
};

/** The stack of the management account, with the organization trail. */
export function exampleStack(app: App): Stack {
  const management = new Stack(app, 'OrganizationTrail', {
    env: { account: '111111111111', region: 'us-east-1' },
    description: 'Organization-wide AWS CloudTrail trail (cdk-organization-trail example)',
  });
  new OrganizationTrail(management, 'Trail', {
    organizationId: 'o-a1b2c3d4e5',
    trailName: 'organization-trail',
    alarms: { emailSubscriptions: ['security-team@example.com'] },
  });
  return management;
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out', context: EXAMPLE_CONTEXT });
  addValidators(app);
  exampleStack(app);
  try {
    app.synth();
  } finally {
    const summary = [validationSummary(app.outdir), warningSummary(app)].join('\n');
    fs.writeFileSync(path.join(app.outdir, 'validation-summary.txt'), `${summary}\n`);
    console.log(`\nValidation summary (${app.outdir}/validation-summary.txt):\n${summary}`);
  }
}
