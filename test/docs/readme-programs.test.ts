import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Snippet, extractSnippets, runProgram, typeCheckSnippets } from './snippets';
import { STRICT_VALIDATION_CONTEXT, addValidators, warningSummary } from '../../examples/validation';
import * as library from '../../src';
import { synthAndReport } from '../validators';

// Every README example is a complete program. CI (README_PROGRAMS=true, from .ci/run) compiles them all, runs each
// with every validator the README names attached to each App it creates, and then runs cfn-lint and checkov on the
// templates written to cdk.out.readme/. About 12 s of compile and 10 s of validation: outside the 60 s test budget.
const ROOT = path.join(__dirname, '..', '..');
const OUTDIR = path.join(ROOT, 'cdk.out.readme');
const readme = extractSnippets(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'), 'README.md');
const describeInCi = process.env.README_PROGRAMS === 'true' ? describe : describe.skip;

/** A program that does not compile: its error names the Markdown line. */
const TYPO: Snippet = {
  source: 'sample.md',
  line: 40,
  code: [
    "import { App, Stack } from 'aws-cdk-lib';",
    "import { OrganizationTrail } from 'cdk-organization-trail';",
    "new OrganizationTrail(new Stack(new App(), 'Stack'), 'Trail', {",
    "  organisationId: 'o-a1b2c3d4e5',", // line 43
    '});',
  ].join('\n'),
};

describeInCi('README programs', () => {
  // Templates of programs that are no longer in the README must not reach cfn-lint and checkov
  beforeAll(() => fs.rmSync(OUTDIR, { recursive: true, force: true }));

  describe('compile as written', () => {
    const results = typeCheckSnippets([TYPO, ...readme]);

    test('a program that does not compile fails with the diagnostic and its line in the Markdown file', () => {
      const [error, ...others] = results[0].errors;
      expect(others).toEqual([]);
      expect(error).toMatch(/^sample\.md:43: Object literal may only specify known properties, .* 'organisationId' does not exist/);
    });

    test.each(results.slice(1).map((r) => [r.snippet.line, r.errors]))('README.md program at line %i compiles', (_, errors) => {
      expect(errors).toEqual([]);
    });
  });

  test.each(readme.map((s) => [s.line, s]))(
    'README.md program at line %i synthesizes with every validator: no finding, no unacknowledged warning',
    (line, snippet) => {
      const apps: cdk.App[] = [];
      class ValidatedApp extends cdk.App {
        constructor(props: cdk.AppProps = {}) {
          const outdir = path.join(OUTDIR, `line-${line}-app-${apps.length + 1}`);
          fs.rmSync(outdir, { recursive: true, force: true });
          super({
            ...props,
            outdir,
            context: { ...STRICT_VALIDATION_CONTEXT, ...props.context },
          });
          addValidators(this);
          apps.push(this);
        }
      }
      const awsCdkLib = new Proxy(cdk, { get: (target, key) => (key === 'App' ? ValidatedApp : (target as any)[key]) });

      runProgram(snippet, { 'aws-cdk-lib': awsCdkLib, 'cdk-organization-trail': library });

      expect(apps.length).toBeGreaterThanOrEqual(1);
      for (const app of apps) {
        expect(synthAndReport(app).findings).toEqual([]);
        expect(warningSummary(app)).toBe('Construct warnings: 0');
        expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.template.json')).length).toBeGreaterThanOrEqual(1);
      }
    },
  );
});
