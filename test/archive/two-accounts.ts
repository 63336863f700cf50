import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogArchive, LogArchiveProps, OrganizationTrail, OrganizationTrailProps } from '../../src';
import { ORG_ID } from '../util';

export const MANAGEMENT_ACCOUNT = '111111111111';
export const ARCHIVE_ACCOUNT = '222222222222';

export interface TwoAccountsOptions {
  readonly archive?: Partial<LogArchiveProps>;
  readonly trail?: Partial<OrganizationTrailProps>;
  readonly archiveRegion?: string;
}

/**
 * The layout of issue 5: a LogArchive in a log-archive account (222222222222) and the OrganizationTrail in the
 * management account (111111111111), two stacks of one app, us-east-1 unless told otherwise.
 */
export function twoAccounts(options: TwoAccountsOptions = {}) {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const archiveStack = new Stack(app, 'LogArchive', { env: { account: ARCHIVE_ACCOUNT, region: options.archiveRegion ?? 'us-east-1' } });
  const managementStack = new Stack(app, 'Management', { env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' } });
  const archive = new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID, ...options.archive });
  const trail = new OrganizationTrail(managementStack, 'Trail', {
    organizationId: ORG_ID,
    trailName: 'org-trail',
    logArchive: archive,
    // The alarms (with a topic key of their own) are covered by the validators' crossAccount configuration.
    alarms: { enabled: false },
    ...options.trail,
  });
  return {
    app,
    archiveStack,
    managementStack,
    archive,
    trail,
    archiveTemplate: () => Template.fromStack(archiveStack),
    managementTemplate: () => Template.fromStack(managementStack),
  };
}
