import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The filter patterns of the security alarm catalogue.
 *
 * Security Hub fails CloudWatch.1 to CloudWatch.14 unless the metric filter is exactly the text it publishes, so those
 * patterns are the published strings, byte for byte (source: AWS Security Hub user guide, CloudWatch controls). Every
 * other pattern is built with `logs.FilterPattern`, except the CIS v6.0.0 text of 5.1, which mixes `||` and `&&` without
 * parentheses and so cannot be built: it is kept verbatim to match the benchmark's audit text.
 */
export const SECURITY_HUB_PATTERNS = {
  'CloudWatch.1':
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  'CloudWatch.2':
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  'CloudWatch.3':
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  'CloudWatch.4':
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  'CloudWatch.5':
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  'CloudWatch.6':
    '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  'CloudWatch.7':
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  'CloudWatch.8':
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  'CloudWatch.9':
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  'CloudWatch.10':
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  'CloudWatch.11':
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  'CloudWatch.12':
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  'CloudWatch.13':
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  'CloudWatch.14':
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
} as const;

/** CIS AWS Foundations Benchmark v6.0.0 5.1 as published (v2.0.0 to v5.0.0 differ only in whitespace). */
export const CIS_UNAUTHORIZED_API_CALLS =
  '{ ($.errorCode="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';

const F = logs.FilterPattern;

/** `($.eventName = "A") || ($.eventName = "B") || ...` */
function anyEventName(...names: string[]): logs.JsonPattern {
  return F.any(...names.map((name) => F.stringValue('$.eventName', '=', name)));
}

/** Calls of these operations on one service. */
function serviceCalls(eventSource: string, ...names: string[]): logs.JsonPattern {
  return F.all(F.stringValue('$.eventSource', '=', eventSource), anyEventName(...names));
}

/**
 * `{($.eventSource=<source>) && (($.eventName=A) || ($.eventName=B) || ...)}`: calls of one service, written the way
 * Security Hub writes CloudWatch.7 to .9. Auditors' scanners look for unquoted names in this shape (Powerpipe's CIS
 * queries reject the quoted values `logs.FilterPattern` writes), so rules that scanners judge are written this way.
 */
function unquotedServiceCalls(eventSource: string, ...names: string[]): logs.IFilterPattern {
  const alternatives = names.map((name) => `($.eventName=${name})`).join(' || ');
  return logs.FilterPattern.literal(`{($.eventSource=${eventSource}) && (${alternatives})}`);
}

/**
 * Security Hub's current recommendation for CloudWatch.13: the CIS operations, on Amazon EC2 only. Prowler's route-table
 * check requires the event source; Security Hub's published text before it did not have it.
 */
export const ROUTE_TABLE_CHANGES_ON_EC2 = unquotedServiceCalls(
  'ec2.amazonaws.com',
  'CreateRoute',
  'CreateRouteTable',
  'ReplaceRoute',
  'ReplaceRouteTableAssociation',
  'DeleteRouteTable',
  'DeleteRoute',
  'DisassociateRouteTable',
);

/** CIS v5.0.0 4.10 / v6.0.0 5.10: CloudWatch.10's six operations and `ModifySecurityGroupRules`, on Amazon EC2. */
export const SECURITY_GROUP_AND_RULE_CHANGES = unquotedServiceCalls(
  'ec2.amazonaws.com',
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
  'ModifySecurityGroupRules',
);

/**
 * CIS v1.3.0 onward, 4.15 / 5.15: AWS Organizations changes, in the benchmark's order, then the three calls Prowler's
 * check also requires (`CancelHandshake`, `CreateOrganization`, `EnableAllFeatures`).
 */
export const ORGANIZATIONS_CHANGES = unquotedServiceCalls(
  'organizations.amazonaws.com',
  'AcceptHandshake',
  'AttachPolicy',
  'CreateAccount',
  'CreateOrganizationalUnit',
  'CreatePolicy',
  'DeclineHandshake',
  'DeleteOrganization',
  'DeleteOrganizationalUnit',
  'DeletePolicy',
  'DetachPolicy',
  'DisablePolicyType',
  'EnablePolicyType',
  'InviteAccountToOrganization',
  'LeaveOrganization',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'UpdatePolicy',
  'UpdateOrganizationalUnit',
  'CancelHandshake',
  'CreateOrganization',
  'EnableAllFeatures',
);

/**
 * The intent of CIS 4.1 / 5.1 with explicit grouping: an unauthorized or access-denied call, except S3 log delivery
 * and `HeadBucket` probes.
 */
export const UNAUTHORIZED_API_CALLS_GROUPED = F.all(
  F.any(F.stringValue('$.errorCode', '=', '*UnauthorizedOperation'), F.stringValue('$.errorCode', '=', 'AccessDenied*')),
  F.stringValue('$.sourceIPAddress', '!=', 'delivery.logs.amazonaws.com'),
  F.stringValue('$.eventName', '!=', 'HeadBucket'),
);

/** What a trail records, narrowed without touching the trail itself (CloudWatch.5 watches the trail). */
export const CLOUDTRAIL_SELECTOR_CHANGES = serviceCalls('cloudtrail.amazonaws.com', 'PutEventSelectors', 'PutInsightSelectors');

/** Who may use a KMS key, and whether it keeps rotating (CloudWatch.7 watches disabling and deletion). */
export const KMS_KEY_POLICY_CHANGES = serviceCalls('kms.amazonaws.com', 'PutKeyPolicy', 'DisableKeyRotation');

/** The four settings of S3 Block Public Access, as CloudTrail records a configuration. */
const PUBLIC_ACCESS_BLOCK_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

/**
 * S3 Block Public Access removed from a bucket or a whole account, or weakened: a configuration put with any of its
 * four settings off. CloudTrail records the account-level calls of S3 Control under `s3.amazonaws.com` too; the
 * source is pinned, so a call of the same name elsewhere does not count.
 */
export const S3_PUBLIC_ACCESS_BLOCK_REMOVED = F.all(
  F.stringValue('$.eventSource', '=', 's3.amazonaws.com'),
  F.any(
    anyEventName('DeleteBucketPublicAccessBlock', 'DeleteAccountPublicAccessBlock'),
    F.all(
      anyEventName('PutBucketPublicAccessBlock', 'PutAccountPublicAccessBlock'),
      F.any(...PUBLIC_ACCESS_BLOCK_SETTINGS.map((setting) => F.booleanValue(`$.requestParameters.PublicAccessBlockConfiguration.${setting}`, false))),
    ),
  ),
);

/** GuardDuty, Security Hub or IAM Access Analyzer turned off or cut loose from their administrator. */
export const SECURITY_SERVICES_DISABLED = F.any(
  serviceCalls(
    'guardduty.amazonaws.com',
    'DeleteDetector',
    'DisassociateFromMasterAccount',
    'DisassociateFromAdministratorAccount',
    'StopMonitoringMembers',
  ),
  serviceCalls(
    'securityhub.amazonaws.com',
    'DisableSecurityHub',
    'DisassociateFromMasterAccount',
    'DisassociateFromAdministratorAccount',
    'BatchDisableStandards',
  ),
  serviceCalls('access-analyzer.amazonaws.com', 'DeleteAnalyzer'),
);

/**
 * The texts auditors' tools look for beside Security Hub's, by the control whose alarm counts them: CIS 5.1's
 * unauthorized-API text with its exclusions, CIS 5.10's security groups with `ModifySecurityGroupRules`, and the
 * Amazon EC2 route-table text that Security Hub now recommends and Prowler requires.
 */
export const ALSO_COUNTED: Record<string, logs.IFilterPattern[]> = {
  'CloudWatch.2': [logs.FilterPattern.literal(CIS_UNAUTHORIZED_API_CALLS)],
  'CloudWatch.10': [SECURITY_GROUP_AND_RULE_CHANGES],
  'CloudWatch.13': [ROUTE_TABLE_CHANGES_ON_EC2],
};
