import { literalBoolean, UNKNOWN } from '../app-templates';
import { CheckRule, compliantIf, unknown } from '../check-rule';

export const TRAIL_LOG_FILE_VALIDATION: CheckRule = {
  id: 'TrailLogFileValidation',
  subject: 'trail',
  controls: 'CIS v5.0 3.2 (v6.0 4.2); Security Hub CloudTrail.4; Control Tower CT.CLOUDTRAIL.PR.2',
  description: 'The trail writes signed digest files, so that a changed or deleted log file can be proven.',
  fix: 'Set EnableLogFileValidation to true (cloudtrail.Trail: enableFileValidation, true by default).',
  check(trail) {
    const enabled = literalBoolean(trail.properties.EnableLogFileValidation);
    if (enabled === UNKNOWN) return unknown('EnableLogFileValidation', 'EnableLogFileValidation is a deploy-time value');
    return compliantIf(enabled === true, 'EnableLogFileValidation');
  },
};
