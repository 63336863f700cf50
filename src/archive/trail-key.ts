import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DEFAULTS } from '../core/defaults';
import { LIMITS } from '../core/limits';
import { denyCreateGrantStatement } from '../core/policies';
import { Problems, isResolved, pathOf, validateRemovalPolicy } from '../core/validation';

/**
 * Properties of a {@link TrailKey}.
 */
export interface TrailKeyProps {
  /**
   * An alias for the key: `alias/` (added when missing) and then letters, digits, `/`, `_`, `-` or `:`, at most 256
   * characters; `alias/aws/` is reserved for AWS managed keys.
   *
   * @default - no alias
   */
  readonly alias?: string;

  /**
   * A description of the key.
   *
   * @default - "Encrypts AWS CloudTrail log files"
   */
  readonly description?: string;

  /**
   * What happens to the key when it leaves the stack. Deleting the key makes every log file it encrypted unreadable.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A symmetric KMS customer managed key for CloudTrail log files, with yearly rotation (KMS.4) and a key policy that
 * denies grants to anything but AWS services acting on AWS resources (Control Tower CT.KMS.PR.3).
 *
 * The services that use the key add their own statements: the log archive adds CloudTrail's, the trail's log group
 * adds CloudWatch Logs'.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export class TrailKey extends kms.Key {
  /** The alias given in the props. Its ARN is known at synth time, so stacks in other environments can name the key. */
  public readonly alias?: kms.Alias;

  constructor(scope: Construct, id: string, props: TrailKeyProps = {}) {
    validateProps(props, pathOf(scope, id));
    super(scope, id, {
      description: props.description ?? 'Encrypts AWS CloudTrail log files',
      enableKeyRotation: true,
      keySpec: kms.KeySpec.SYMMETRIC_DEFAULT,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy ?? DEFAULTS.removalPolicy,
    });
    // The same construct path as the `alias` prop of kms.Key would give it.
    if (props.alias !== undefined) this.alias = this.addAlias(props.alias);
    this.addToResourcePolicy(denyCreateGrantStatement());
  }
}

function validateProps(props: TrailKeyProps, path: string): void {
  const problems = new Problems('TrailKey', path);
  const alias = props.alias;
  if (alias !== undefined && isResolved(alias)) {
    // kms.Alias adds the "alias/" prefix when it is missing.
    const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
    if (name.startsWith('alias/aws/')) {
      problems.add('alias', alias, 'starts with "alias/aws/", which AWS reserves for AWS managed keys', 'Use another prefix, e.g. "alias/cloudtrail/".');
    } else if (!LIMITS.kmsAliasPattern.test(name) || name.length > LIMITS.kmsAliasMaxLength) {
      problems.add(
        'alias',
        alias,
        `is not a KMS alias name: "alias/" and then letters, digits, "/", "_", "-" or ":", at most ${LIMITS.kmsAliasMaxLength} characters in all`,
        'Use a name such as "alias/cloudtrail/org-trail".',
      );
    }
  }
  const description = props.description;
  if (description !== undefined && isResolved(description) && description.length > LIMITS.kmsDescriptionMaxLength) {
    problems.add('description', `${description.slice(0, 40)}... (${description.length} characters)`, `is longer than the ${LIMITS.kmsDescriptionMaxLength} characters of a KMS key description`, 'Shorten it.');
  }
  validateRemovalPolicy(problems, 'removalPolicy', props.removalPolicy);
  problems.throwIfAny();
}
