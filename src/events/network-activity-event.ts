import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { FieldCondition, SelectorField, SelectorOperator } from './field-condition';
import { DEFAULTS } from '../core/defaults';
import { Condition, Selector, categoryCondition, userConditions, validateConditions } from './private/selectors';
import { LIMITS } from '../core/limits';
import { Problems, isResolved } from '../core/validation';

/**
 * Options of network activity events.
 */
export interface NetworkActivityEventOptions {
  /**
   * Log only the calls a VPC endpoint policy denied (`errorCode` Equals `VpceAccessDenied`): the attempts to reach
   * the service from outside the data perimeter, at a fraction of the volume.
   *
   * @default false
   */
  readonly onlyAccessDenied?: boolean;

  /**
   * Log only calls through these VPC endpoints.
   *
   * @default - calls through every VPC endpoint of the service
   */
  readonly vpcEndpoints?: ec2.IVpcEndpoint[];

  /**
   * Further conditions on `eventName` or `vpcEndpointId`.
   *
   * @default - no further conditions
   */
  readonly conditions?: FieldCondition[];
}

/**
 * Network activity events: the AWS API calls that pass through the organization's VPC endpoints to one service,
 * including those the endpoint policy denied. Rendered as one advanced event selector per service.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
 */
export class NetworkActivityEvent {
  /**
   * Calls to one service through VPC endpoints.
   *
   * @param eventSource the service's event source, e.g. `kms.amazonaws.com`, `s3.amazonaws.com`,
   * `secretsmanager.amazonaws.com`, `ec2.amazonaws.com` or `cloudtrail.amazonaws.com`
   */
  public static of(eventSource: string, options: NetworkActivityEventOptions = {}): NetworkActivityEvent {
    return new NetworkActivityEvent(eventSource, options);
  }

  /** The service whose calls are logged. */
  public readonly eventSource: string;

  private readonly options: NetworkActivityEventOptions;

  /**
   * @param eventSource the service's event source
   * @param options which calls to log
   */
  protected constructor(eventSource: string, options: NetworkActivityEventOptions = {}) {
    this.eventSource = eventSource;
    this.options = options;
  }

  /**
   * Reports what CloudTrail would reject, naming `prop`.
   *
   * @internal
   */
  public _validate(problems: Problems, prop: string): void {
    const at = `${prop} (NetworkActivityEvent.of)`;
    if (isResolved(this.eventSource) && !LIMITS.eventSourcePattern.test(this.eventSource)) {
      problems.add(
        `${at}.eventSource`,
        this.eventSource,
        'is not the event source of an AWS service',
        'Use the service\'s endpoint name, e.g. "kms.amazonaws.com".',
      );
    }
    if (this.options.vpcEndpoints && this.options.vpcEndpoints.length === 0) {
      problems.add(`${at}.vpcEndpoints`, [], 'is empty: no VPC endpoint to log calls through', 'Give at least one, or leave it out for every endpoint.');
    }
    const conditions = this.options.conditions ?? [];
    if (this.options.onlyAccessDenied !== undefined && conditions.some((c) => c.field === SelectorField.ERROR_CODE)) {
      problems.add(
        `${at}.conditions`,
        'an errorCode condition',
        'is given together with the onlyAccessDenied option',
        'Keep one of the two: the onlyAccessDenied option is enough.',
      );
    }
    validateConditions(problems, at, 'NetworkActivity', conditions);
  }

  /**
   * The advanced event selector of these events on a trail.
   *
   * @internal
   */
  public _selector(): Selector {
    const conditions: Condition[] = [
      categoryCondition('NetworkActivity'),
      { field: SelectorField.EVENT_SOURCE.name, operator: SelectorOperator.EQUALS, values: [this.eventSource] },
    ];
    if (this.options.onlyAccessDenied ?? DEFAULTS.onlyAccessDeniedNetworkActivity) {
      conditions.push({ field: SelectorField.ERROR_CODE.name, operator: SelectorOperator.EQUALS, values: [LIMITS.networkActivityErrorCode] });
    }
    if (this.options.vpcEndpoints) {
      conditions.push({
        field: SelectorField.VPC_ENDPOINT_ID.name,
        operator: SelectorOperator.EQUALS,
        values: this.options.vpcEndpoints.map((endpoint) => endpoint.vpcEndpointId),
      });
    }
    conditions.push(...userConditions(this.options.conditions));
    return { name: `Network activity events: ${this.eventSource}`, category: 'NetworkActivity', conditions };
  }
}
