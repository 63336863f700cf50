/**
 * The README's TypeScript Quick start, synthesized into the directory given: the reference the other languages'
 * Quick starts are compared with (.ci/python-quickstart). Usage: quickstart.ts <outdir>
 */
import { App, Stack } from 'aws-cdk-lib';
import { OrganizationTrail } from '../src';

const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'OrganizationTrail', { env: { account: '111111111111', region: 'us-east-1' } });
new OrganizationTrail(stack, 'Trail', {
  organizationId: 'o-a1b2c3d4e5',
  trailName: 'organization-trail',
  alarms: { emailSubscriptions: ['security-team@example.com'] },
});
app.synth();
