import { awscdk, javascript, ReleasableCommits } from 'projen';

/**
 * Peer-dependency floor: the first aws-cdk-lib whose `Validations.acknowledge` accepts cdk-nag 3's finding ids with
 * `::` inside brackets (aws/aws-cdk#38787); 2.268.0 and earlier throw `InvalidValidationId` on every construct. CI
 * synthesizes the example and runs the tests at this version (.ci/run).
 */
const cdkVersion = '2.269.0';
/** The aws-cdk-lib the tests and examples run against: the latest 2.x. */
const cdkDevVersion = '^2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-organization-trail',
  description:
    'An AWS CloudTrail organization trail, secure by default: KMS-encrypted log archive, CloudWatch Logs, CIS alarms, data events and Insights.',
  author: 'cdk-organization-trail maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-organization-trail/cdk-organization-trail.git',
  license: 'Apache-2.0',
  keywords: ['aws-cdk', 'awscdk', 'cloudtrail', 'organizations', 'security', 'cis', 'audit', 'kms'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  stability: 'experimental',
  releasableCommits: ReleasableCommits.featuresAndFixes(),
  // Other languages are packaged by the release workflow; local and CI commands package JavaScript only.
  publishToPypi: { distName: 'cdk-organization-trail', module: 'cdk_organization_trail' },
  publishToMaven: {
    javaPackage: 'io.github.cdkorganizationtrail',
    mavenGroupId: 'io.github.cdk-organization-trail',
    mavenArtifactId: 'cdk-organization-trail',
  },
  publishToNuget: { dotNetNamespace: 'CdkOrganizationTrail', packageId: 'CdkOrganizationTrail' },
  publishToGo: { moduleName: 'github.com/cdk-organization-trail/cdk-organization-trail-go' },
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    `aws-cdk-lib@${cdkDevVersion}`,
    'constructs@^10.5.1',
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    'tsx@^4',
    'fast-check@^4',
    // Kept explicit: projen would otherwise pin the types of the lowest Node.js in `engines`.
    '@types/node@^26.6.6',
    // Proof of behaviour: an offline IAM evaluator, and the cdk CLI's diff engine (which changes replace what).
    '@cloud-copilot/iam-simulate@^0.1.173',
    '@aws-cdk/cloudformation-diff@^2.187.5',
  ],
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coverageReporters: ['text-summary'],
      // Jest's default on 2 cores is a single worker; the two validator-heavy suites run side by side with two.
      maxWorkers: 2,
      // Coverage instruments every file and slows the suite; nothing reads its report.
      collectCoverage: false,
      testTimeout: 60_000,
      // The examples import the library by its package name, as users do; in the tests that name is the source.
      moduleNameMapper: { '^cdk-organization-trail$': '<rootDir>/src' },
    },
  },
  githubOptions: { mergify: false },
  gitignore: ['.DS_Store', 'cdk.out', 'cdk.out.readme', '.jsii.tabl.json', 'bench-results.json'],
});

// The Node.js versions CI proves: the tests and the example run on Node.js 20, 22 and 24 (.ci/run).
project.package.addEngine('node', '>= 20.0.0');

// jsii prints an end-of-life banner for Node 20 and looks up a support policy online; keep builds quiet and offline.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('JSII_SILENCE_SUPPORT_WARNING', '1');

// The published JavaScript carries no inline source maps, as aws-cdk-lib's does not: they tripled the files users load,
// and every stack trace CDK records per resource was mapped through them under ts-node or tsx.
project.tsconfig?.file.addOverride('compilerOptions.inlineSourceMap', false);
project.tsconfig?.file.addOverride('compilerOptions.inlineSources', false);

// The devDependency on aws-cdk-lib deliberately tracks the latest 2.x rather than the peer floor (jsii warns otherwise).
// Reserved-word warnings stay on: a name jsii must rename in another language (none today) should be seen.
project.compileTask.reset('jsii --silence-warnings=metadata/missing-dev-dependency');

// `npx projen build` packages JavaScript only, on any machine: the other languages need registries and toolchains
// that the release workflow has (it runs package:python, package:java, ... itself).
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// API.md opens with a contents list, the main construct first (jsii-docgen lists types alphabetically).
project.tasks.tryFind('docgen')?.exec('tsx scripts/api-contents.ts API.md');

project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ offline and print its validation report',
  exec: 'tsx --tsconfig examples/tsconfig.json examples/app.ts',
});

project.addTask('diagram', {
  description: 'Draw docs/architecture.svg from the example template in cdk.out/ (run `npx projen example` first)',
  exec: 'tsx scripts/diagram.ts cdk.out/OrganizationTrail.template.json docs/architecture.svg',
});

const bench = project.addTask('bench', {
  description: 'Benchmark synthesis cost against a hand-written equivalent; prints figures and writes bench-results.json',
});
bench.spawn(project.compileTask);
bench.exec('tsx bench/run.ts');

project.addTask('stateful-ids:update', {
  description: 'Regenerate the pinned logical IDs of stateful resources (note the change in CHANGELOG.md)',
  exec: 'jest test/reliability/stateful-ids.test.ts --coverage=false',
  env: { UPDATE_STATEFUL_IDS: 'true' },
});

// `npx projen test` runs the tests only, in under a minute; lint runs with the compile (post-compile), in the build
// and in CI, where type-aware eslint's half a minute does not delay the tests.
const lintInTests = project.testTask.steps.findIndex((step) => step.spawn === project.eslint?.eslintTask.name);
if (lintInTests >= 0) project.testTask.removeStep(lintInTests);
if (project.eslint) project.postCompileTask.spawn(project.eslint.eslintTask);

project.tsconfigDev.addInclude('examples/**/*.ts');
project.tsconfigDev.addInclude('bench/**/*.ts');
project.tsconfigDev.addInclude('scripts/**/*.ts');
// The examples name the package as users do; type-checked with the tests, that name is the source.
project.tsconfigDev.file.addOverride('compilerOptions.paths', { 'cdk-organization-trail': ['../src/index.ts'] });
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
project.eslint?.addLintPattern('scripts');
project.eslint?.allowDevDeps('examples/**');
project.eslint?.allowDevDeps('bench/**');
project.eslint?.allowDevDeps('scripts/**');
// The examples import the package by name, as a user would; examples/tsconfig.json maps it to src/.
project.eslint?.addOverride({
  files: ['examples/**/*.ts'],
  rules: { 'import/no-unresolved': ['error', { ignore: ['^cdk-organization-trail$'] }] },
});
// The floors of src/ (README, "Architecture"): core/ imports nothing above it; a wing imports core/, its own files and
// other wings' index.ts only; the L3 at the root composes them all. Lint fails on an import that runs back up.
const WINGS = ['archive', 'alarms', 'events', 'analytics', 'organization', 'detections', 'checks'];
project.eslint?.addRules({
  'import/no-restricted-paths': [
    'error',
    {
      zones: [
        { target: './src/core', from: './src', except: ['./core'], message: 'core/ is the ground floor: it imports nothing above it.' },
        ...WINGS.map((wing) => ({
          target: `./src/${wing}`,
          from: './src',
          except: [`./${wing}`, './core', ...WINGS.filter((other) => other !== wing).map((other) => `./${other}/index.ts`)],
          message: 'A wing imports core/, its own files, and other wings through their index.ts only.',
        })),
      ],
    },
  ],
});
project.npmignore?.exclude('/examples/', '/.ci/', '/bench/', '/scripts/', '/docs/', 'cdk.out', 'cdk.out.readme', '*.tgz');
// What users install, as an allowlist: a stray file in the working tree (a tarball, benchmark results) never ships.
// scripts/check-package-files.ts checks the packed list in CI.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'CHANGELOG.md']);
project.gitignore.exclude('*.tgz');

project.synth();
