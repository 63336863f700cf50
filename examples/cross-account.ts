/**
 * The log archive in its own account, the organization trail in the management account: two stacks of one app.
 *
 *   npx tsx examples/cross-account.ts   (synthesizes offline into cdk.out/)
 *
 * Deploy the LogArchive stack first (`cdk deploy LogArchive`, with credentials of the log-archive account), then the
 * Management stack (credentials of the management account); `cdk deploy --all` does it in this order.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ArchiveTamperAlerts, LogArchive, LogArchiveGuardrails, OrganizationTrail } from 'cdk-organization-trail';

const organizationId = 'o-a1b2c3d4e5';

const app = new App();
const archiveStack = new Stack(app, 'LogArchive', { env: { account: '222222222222', region: 'us-east-1' } });
const managementStack = new Stack(app, 'Management', { env: { account: '111111111111', region: 'us-east-1' } });

// The bucket, its access-log bucket and the KMS key live in the log-archive account.
const archive = new LogArchive(archiveStack, 'LogArchive', {
  organizationId,
  // Each member account may read its own log files, and only those.
  memberAccountsReadOwnLogs: true,
  // Tampering with the archive in its own account reaches the management account's security event bus in seconds.
  tamperAlerts: ArchiveTamperAlerts.toEventBus('arn:aws:events:us-east-1:111111111111:event-bus/organization-security-events'),
});
// A SIEM role of the security account reads every log file.
archive.grantRead(new iam.ArnPrincipal('arn:aws:iam::333333333333:role/siem-log-reader'));

// The trail lives in the management account and delivers to the archive: its bucket and key are named by literals,
// and the archive's bucket and key policies name this trail.
new OrganizationTrail(managementStack, 'Trail', { organizationId, trailName: 'organization-trail', logArchive: archive });

// AWS Organizations policies, from the management account: nobody in the member accounts (but the break-glass role
// and the archive's own CDK deployments) may change the archive's buckets, delete its log files or weaken its key,
// no principal outside the organization may use them, and no member account may leave the organization.
new LogArchiveGuardrails(managementStack, 'Guardrails', {
  logArchive: archive,
  targetIds: ['ou-ab12-34cd56ef'],
  exemptPrincipalArns: ['arn:aws:iam::222222222222:role/BreakGlass'],
  resourceControlPolicy: true,
});

app.synth();
