import { CheckRule } from '../../src/checks/private/check-rule';

/** The README's table of the pack's rules: what each checks, the controls it serves, and the fix. */
export function rulesTable(rules: CheckRule[]): string {
  return [
    '| Rule | Checks | Controls | Fix |',
    '|---|---|---|---|',
    ...rules.map((r) => `| \`CloudTrail-${r.id}\` | ${r.description} | ${r.controls} | ${r.fix} |`),
  ].join('\n');
}
