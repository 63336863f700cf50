import { literalBoolean, literalString, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, NOT_APPLICABLE, unknown } from '../check-rule';

export const KEY_ROTATION: CheckRule = {
  id: 'KeyRotation',
  subject: 'key',
  controls: 'CIS v5.0 3.6 (v1.4 3.8, v6.0 4.6); Security Hub KMS.4; Control Tower CT.KMS.PR.1',
  description: "The trail's key rotates its key material every year (symmetric keys).",
  fix: 'Set EnableKeyRotation to true (kms.Key: enableKeyRotation true).',
  check(key) {
    const spec = literalString(key.properties.KeySpec ?? 'SYMMETRIC_DEFAULT');
    if (spec !== 'SYMMETRIC_DEFAULT') return NOT_APPLICABLE; // KMS rotates only symmetric encryption keys automatically
    const enabled = literalBoolean(key.properties.EnableKeyRotation);
    if (enabled === UNKNOWN) return unknown('EnableKeyRotation', 'EnableKeyRotation is a deploy-time value');
    return compliantIf(enabled === true, 'EnableKeyRotation');
  },
};
