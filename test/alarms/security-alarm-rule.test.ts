import * as logs from 'aws-cdk-lib/aws-logs';
import { PUBLISHED_CIS, PUBLISHED_SECURITY_HUB } from './published-patterns';
import { SecurityAlarmRule } from '../../src';

/** Whitespace and quotes around values do not change what CloudWatch Logs matches. */
function normalized(pattern: string): string {
  return pattern.replace(/\s+/g, '').replace(/"/g, '');
}

const SECURITY_HUB_MEMBERS: Array<[string, SecurityAlarmRule]> = [
  ['CloudWatch.1', SecurityAlarmRule.ROOT_ACCOUNT_USAGE],
  ['CloudWatch.2', SecurityAlarmRule.UNAUTHORIZED_API_CALLS],
  ['CloudWatch.3', SecurityAlarmRule.CONSOLE_SIGN_IN_WITHOUT_MFA],
  ['CloudWatch.4', SecurityAlarmRule.IAM_POLICY_CHANGES],
  ['CloudWatch.5', SecurityAlarmRule.CLOUDTRAIL_CONFIGURATION_CHANGES],
  ['CloudWatch.6', SecurityAlarmRule.CONSOLE_AUTHENTICATION_FAILURES],
  ['CloudWatch.7', SecurityAlarmRule.KMS_KEY_DISABLED_OR_SCHEDULED_FOR_DELETION],
  ['CloudWatch.8', SecurityAlarmRule.S3_BUCKET_POLICY_CHANGES],
  ['CloudWatch.9', SecurityAlarmRule.CONFIG_CHANGES],
  ['CloudWatch.10', SecurityAlarmRule.SECURITY_GROUP_CHANGES],
  ['CloudWatch.11', SecurityAlarmRule.NACL_CHANGES],
  ['CloudWatch.12', SecurityAlarmRule.NETWORK_GATEWAY_CHANGES],
  ['CloudWatch.13', SecurityAlarmRule.ROUTE_TABLE_CHANGES],
  ['CloudWatch.14', SecurityAlarmRule.VPC_CHANGES],
];

const ALL_MEMBERS = [
  ...SECURITY_HUB_MEMBERS.map(([, rule]) => rule),
  SecurityAlarmRule.SECURITY_GROUP_AND_RULE_CHANGES,
  SecurityAlarmRule.ORGANIZATIONS_CHANGES,
  SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS,
  SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED,
  SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES,
  SecurityAlarmRule.KMS_KEY_POLICY_CHANGES,
  SecurityAlarmRule.S3_PUBLIC_ACCESS_BLOCK_REMOVED,
  SecurityAlarmRule.SECURITY_SERVICES_DISABLED,
];

describe('Security Hub rules', () => {
  test.each(SECURITY_HUB_MEMBERS)('%s carries the published filter pattern byte for byte', (control, rule) => {
    expect(rule.filterPattern.logPatternString).toBe(PUBLISHED_SECURITY_HUB[control]);
    expect(rule.securityHubControlId).toBe(control);
  });

  test('SECURITY_HUB is exactly CloudWatch.1 to CloudWatch.14, in order', () => {
    expect(SecurityAlarmRule.SECURITY_HUB).toEqual(SECURITY_HUB_MEMBERS.map(([, rule]) => rule));
  });

  test('only the Security Hub rules claim a Security Hub control', () => {
    const claiming = ALL_MEMBERS.filter((rule) => rule.securityHubControlId !== undefined);
    expect(claiming).toEqual(SECURITY_HUB_MEMBERS.map(([, rule]) => rule));
  });
});

test('every catalogue rule outside the Security Hub set that watches one service pins its event source', () => {
  const all = [...new Set([...SecurityAlarmRule.CIS, ...SecurityAlarmRule.RECOMMENDED])];
  // The unauthorized-API rules watch every service: an error code, not a service, is what they look for.
  const crossService = [SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS, SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED];
  const unpinned = all
    .filter((rule) => rule.securityHubControlId === undefined && !crossService.includes(rule))
    .filter((rule) => rule.filterPatterns.some((pattern) => !/\$\.eventSource\s*=/.test(pattern.logPatternString)));
  expect(unpinned.map((rule) => rule.id)).toEqual([]);
  expect(all.filter((rule) => rule.securityHubControlId === undefined).length).toBeGreaterThanOrEqual(8);
});

describe('CIS rules', () => {
  test('the CIS unauthorized-API rule is the v6.0.0 text verbatim, and v2.0.0-v5.0.0 differ only in whitespace', () => {
    const pattern = SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS.filterPattern.logPatternString;
    expect(pattern).toBe(PUBLISHED_CIS['v6.0.0 5.1']);
    expect(pattern.replace(/\s+/g, '')).toBe(PUBLISHED_CIS['v5.0.0 4.1'].replace(/\s+/g, ''));
    expect(pattern.replace(/\s+/g, '')).toBe(PUBLISHED_CIS['v2.0.0 4.1'].replace(/\s+/g, ''));
  });

  /** `{ body }` as `{(source) && (body)}`, normalized: the CIS alternatives, on one service. */
  const onService = (eventSource: string, cisText: string, ...extra: string[]) =>
    `{($.eventSource=${eventSource})&&(${[normalized(cisText).slice(1, -1), ...extra.map((name) => `($.eventName=${name})`)].join('||')})}`;

  test('the security group rule is CIS v5.0.0 4.10 and v6.0.0 5.10 (ModifySecurityGroupRules included), on Amazon EC2, unquoted', () => {
    const pattern = SecurityAlarmRule.SECURITY_GROUP_AND_RULE_CHANGES.filterPattern.logPatternString;
    expect(pattern).not.toContain('"');
    expect(normalized(pattern)).toBe(onService('ec2.amazonaws.com', PUBLISHED_CIS['v5.0.0 4.10']));
    expect(normalized(pattern)).toBe(onService('ec2.amazonaws.com', PUBLISHED_CIS['v6.0.0 5.10']));
  });

  test('the Organizations rule is CIS v1.3.0 4.15 to v5.0.0 4.15 in order, then the three calls Prowler also requires, unquoted', () => {
    const pattern = SecurityAlarmRule.ORGANIZATIONS_CHANGES.filterPattern.logPatternString;
    expect(pattern).not.toContain('"');
    const cisBody = (text: string) => normalized(text).replace(/^\{\(\$\.eventSource=organizations\.amazonaws\.com\)&&\((.*)\)\}$/, '{$1}');
    for (const version of ['v1.3.0 4.15', 'v5.0.0 4.15']) {
      expect(normalized(pattern)).toBe(onService('organizations.amazonaws.com', cisBody(PUBLISHED_CIS[version]), 'CancelHandshake', 'CreateOrganization', 'EnableAllFeatures'));
    }
  });

  test('the no-MFA rule is CIS\'s alternative pattern for organizations that sign in through SSO', () => {
    const pattern = SecurityAlarmRule.CONSOLE_SIGN_IN_WITHOUT_MFA.filterPattern.logPatternString;
    expect(normalized(pattern)).toBe(normalized(PUBLISHED_CIS['v6.0.0 5.2 alternative']));
  });

  test('CIS is the v6.0.0 monitoring section, one rule for each of 5.1 to 5.15', () => {
    const ids = SecurityAlarmRule.CIS.map((rule) => rule.cisControls.find((c) => c.benchmarkVersion === 'v6.0.0')?.controlId);
    expect(ids.sort((a, b) => Number(a!.split('.')[1]) - Number(b!.split('.')[1]))).toEqual(
      Array.from({ length: 15 }, (_, i) => `5.${i + 1}`),
    );
    expect(SecurityAlarmRule.CIS).toContain(SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS);
    expect(SecurityAlarmRule.CIS).toContain(SecurityAlarmRule.SECURITY_GROUP_AND_RULE_CHANGES);
    expect(SecurityAlarmRule.CIS).not.toContain(SecurityAlarmRule.SECURITY_GROUP_CHANGES);
  });

  test('each rule names its CIS control per benchmark version', () => {
    expect(SecurityAlarmRule.ROOT_ACCOUNT_USAGE.cisControls).toEqual([
      { benchmarkVersion: 'v1.2.0', controlId: '3.3' },
      { benchmarkVersion: 'v1.3.0', controlId: '4.3' },
      { benchmarkVersion: 'v1.4.0', controlId: '4.3' },
      { benchmarkVersion: 'v1.5.0', controlId: '4.3' },
      { benchmarkVersion: 'v2.0.0', controlId: '4.3' },
      { benchmarkVersion: 'v3.0.0', controlId: '4.3' },
      { benchmarkVersion: 'v4.0.0', controlId: '4.3' },
      { benchmarkVersion: 'v5.0.0', controlId: '4.3' },
      { benchmarkVersion: 'v6.0.0', controlId: '5.3' },
    ]);
    expect(SecurityAlarmRule.ORGANIZATIONS_CHANGES.cisControls[0]).toEqual({ benchmarkVersion: 'v1.3.0', controlId: '4.15' });
    expect(SecurityAlarmRule.SECURITY_GROUP_CHANGES.cisControls.map((c) => c.benchmarkVersion).pop()).toBe('v4.0.0');
    expect(SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS.cisControls[0]).toEqual({ benchmarkVersion: 'v2.0.0', controlId: '4.1' });
    expect(SecurityAlarmRule.KMS_KEY_POLICY_CHANGES.cisControls).toEqual([]);
  });
});

describe('recommended rules', () => {
  test('the unauthorized-API rule groups the CIS exclusions explicitly', () => {
    expect(SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED.filterPattern.logPatternString).toBe(
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ' +
        '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    );
  });

  test.each([
    [
      SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES,
      '{ ($.eventSource = "cloudtrail.amazonaws.com") && (($.eventName = "PutEventSelectors") || ($.eventName = "PutInsightSelectors")) }',
    ],
    [
      SecurityAlarmRule.KMS_KEY_POLICY_CHANGES,
      '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "PutKeyPolicy") || ($.eventName = "DisableKeyRotation")) }',
    ],
    [
      SecurityAlarmRule.S3_PUBLIC_ACCESS_BLOCK_REMOVED,
      '{ ($.eventSource = "s3.amazonaws.com") && ((($.eventName = "DeleteBucketPublicAccessBlock") || ($.eventName = "DeleteAccountPublicAccessBlock")) || ' +
        '((($.eventName = "PutBucketPublicAccessBlock") || ($.eventName = "PutAccountPublicAccessBlock")) && ' +
        '(($.requestParameters.PublicAccessBlockConfiguration.BlockPublicAcls IS FALSE) || ($.requestParameters.PublicAccessBlockConfiguration.IgnorePublicAcls IS FALSE) || ' +
        '($.requestParameters.PublicAccessBlockConfiguration.BlockPublicPolicy IS FALSE) || ($.requestParameters.PublicAccessBlockConfiguration.RestrictPublicBuckets IS FALSE)))) }',
    ],
    [
      SecurityAlarmRule.SECURITY_SERVICES_DISABLED,
      '{ (($.eventSource = "guardduty.amazonaws.com") && (($.eventName = "DeleteDetector") || ' +
        '($.eventName = "DisassociateFromMasterAccount") || ($.eventName = "DisassociateFromAdministratorAccount") || ' +
        '($.eventName = "StopMonitoringMembers"))) || (($.eventSource = "securityhub.amazonaws.com") && ' +
        '(($.eventName = "DisableSecurityHub") || ($.eventName = "DisassociateFromMasterAccount") || ' +
        '($.eventName = "DisassociateFromAdministratorAccount") || ($.eventName = "BatchDisableStandards"))) || ' +
        '(($.eventSource = "access-analyzer.amazonaws.com") && ($.eventName = "DeleteAnalyzer")) }',
    ],
  ].map(([rule, pattern]) => [(rule as SecurityAlarmRule).id, rule, pattern]))('%s has the pinned pattern', (_id, rule, pattern) => {
    expect((rule as SecurityAlarmRule).filterPattern.logPatternString).toBe(pattern);
  });

  test('RECOMMENDED is CIS with the grouped unauthorized-API rule, plus the rules beyond CIS', () => {
    const cisWithoutText = SecurityAlarmRule.CIS.filter((rule) => rule !== SecurityAlarmRule.UNAUTHORIZED_API_CALLS_CIS);
    expect(SecurityAlarmRule.RECOMMENDED).toEqual([
      SecurityAlarmRule.UNAUTHORIZED_API_CALLS_GROUPED,
      ...cisWithoutText,
      SecurityAlarmRule.CLOUDTRAIL_SELECTOR_CHANGES,
      SecurityAlarmRule.KMS_KEY_POLICY_CHANGES,
      SecurityAlarmRule.S3_PUBLIC_ACCESS_BLOCK_REMOVED,
      SecurityAlarmRule.SECURITY_SERVICES_DISABLED,
    ]);
  });
});

describe('the catalogue', () => {
  test('every pattern fits the 1024 characters CloudWatch Logs accepts', () => {
    for (const rule of ALL_MEMBERS) expect(rule.filterPattern.logPatternString.length).toBeLessThanOrEqual(1024);
  });

  test('ids are unique and stable', () => {
    expect(new Set(ALL_MEMBERS.map((rule) => rule.id)).size).toBe(ALL_MEMBERS.length);
    expect(ALL_MEMBERS.map((rule) => rule.id)).toEqual([
      'RootAccountUsage',
      'UnauthorizedApiCalls',
      'ConsoleSignInWithoutMfa',
      'IamPolicyChanges',
      'CloudTrailConfigurationChanges',
      'ConsoleAuthenticationFailures',
      'KmsKeyDisabledOrScheduledForDeletion',
      'S3BucketPolicyChanges',
      'ConfigChanges',
      'SecurityGroupChanges',
      'NaclChanges',
      'NetworkGatewayChanges',
      'RouteTableChanges',
      'VpcChanges',
      'SecurityGroupAndRuleChanges',
      'OrganizationsChanges',
      'UnauthorizedApiCallsCis',
      'UnauthorizedApiCallsGrouped',
      'CloudTrailSelectorChanges',
      'KmsKeyPolicyChanges',
      'S3PublicAccessBlockRemoved',
      'SecurityServicesDisabled',
    ]);
  });

  test('profiles cannot be modified', () => {
    expect(() => SecurityAlarmRule.SECURITY_HUB.push(SecurityAlarmRule.ORGANIZATIONS_CHANGES)).toThrow();
    expect(SecurityAlarmRule.SECURITY_HUB).toHaveLength(14);
    expect(SecurityAlarmRule.CIS).toHaveLength(15);
    expect(SecurityAlarmRule.RECOMMENDED).toHaveLength(19);
  });
});

describe('custom rules', () => {
  test('carry their id, pattern and description', () => {
    const pattern = logs.FilterPattern.stringValue('$.eventName', '=', 'DeleteFlowLogs');
    const rule = SecurityAlarmRule.custom({ id: 'FlowLogsDeleted', filterPattern: pattern, description: 'Flow logs were deleted.' });
    expect(rule.id).toBe('FlowLogsDeleted');
    expect(rule.filterPattern).toBe(pattern);
    expect(rule.description).toBe('Flow logs were deleted.');
    expect(rule.securityHubControlId).toBeUndefined();
    expect(SecurityAlarmRule.custom({ id: 'X', filterPattern: pattern }).description).toBe('Custom security alarm X.');
  });

  test('fails with an id that cannot name an alarm', () => {
    expect(() => SecurityAlarmRule.custom({ id: 'Flow logs/deleted', filterPattern: logs.FilterPattern.allEvents() })).toThrow(
      /id: is not a valid security alarm rule id \(received "Flow logs\/deleted"\)\. Use a letter or digit/,
    );
  });

  test('fails with a pattern longer than 1024 characters', () => {
    const names = Array.from({ length: 60 }, (_, i) => logs.FilterPattern.stringValue('$.eventName', '=', `Operation${i}`));
    expect(() => SecurityAlarmRule.custom({ id: 'TooLong', filterPattern: logs.FilterPattern.any(...names) })).toThrow(
      /filterPattern: is longer than the 1024 characters CloudWatch Logs accepts in a filter pattern \(received ".*\(\d+ characters\)"\)\. Split the rule/,
    );
  });

  test('fails with a description longer than an alarm description may be', () => {
    expect(() => SecurityAlarmRule.custom({ id: 'Wordy', filterPattern: logs.FilterPattern.allEvents(), description: 'd'.repeat(1025) })).toThrow(
      /description: is longer than the 1024 characters of a CloudWatch alarm description \(received "d+\.\.\. \(1025 characters\)"\)\. Shorten it\./,
    );
  });
});
