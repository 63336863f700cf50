import { TAMPER_CALLS } from '../../core/tamper-calls';

/**
 * The CloudTrail events forwarded from every account and Region to the central event bus, as EventBridge event
 * patterns. An organization trail delivers to CloudWatch Logs minutes late; these arrive in near real time.
 */
export const SECURITY_EVENT_PATTERNS: Record<string, { description: string; pattern: Record<string, unknown> }> = {
  RootActivity: {
    description: 'Sign-ins and API calls of the root user',
    pattern: {
      'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS API Call via CloudTrail'],
      'detail': { userIdentity: { type: ['Root'] } },
    },
  },
  TrailTampering: {
    description: 'Calls that stop, delete or narrow CloudTrail logging',
    pattern: {
      'source': ['aws.cloudtrail'],
      'detail-type': ['AWS API Call via CloudTrail'],
      'detail': {
        eventSource: [TAMPER_CALLS.trail.eventSource],
        eventName: [...TAMPER_CALLS.trail.eventNames, ...TAMPER_CALLS.eventDataStore.eventNames],
      },
    },
  },
  LeaveOrganization: {
    description: 'An account leaving the organization, and with it the organization trail',
    pattern: {
      'source': ['aws.organizations'],
      'detail-type': ['AWS API Call via CloudTrail'],
      'detail': {
        eventSource: [TAMPER_CALLS.organizationMembership.eventSource],
        eventName: [...TAMPER_CALLS.organizationMembership.eventNames],
      },
    },
  },
};
