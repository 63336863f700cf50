/**
 * A fingerprint of every template the tests synthesize: the hand-picked configurations (test/configurations.ts) and
 * the 200 generated ones CI validates, each in an app of its own. A change that must not move behaviour (moved code,
 * a refactoring) leaves the output unchanged, byte for byte. Usage:
 *   tsx scripts/template-fingerprints.ts > before.json   (on the old commit)
 *   tsx scripts/template-fingerprints.ts --compare before.json
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CONFIGURATIONS } from '../test/configurations';
import { buildConfiguration, generateConfigurations } from '../test/reliability/generated-configurations';

const GENERATED = [
  { seed: 20260531, count: 100, offset: 0 },
  { seed: 8042, count: 100, offset: 100 },
];

function templatesOf(build: (app: App) => void): Record<string, string> {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprints-')),
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  build(app);
  const assembly = app.synth();
  const templates: Record<string, string> = {};
  for (const stack of assembly.stacksRecursively) {
    templates[stack.hierarchicalId] = createHash('sha256').update(JSON.stringify(stack.template)).digest('hex');
  }
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return templates;
}

function fingerprints(): Record<string, string> {
  const all: Record<string, string> = {};
  for (const name of Object.keys(CONFIGURATIONS)) {
    Object.assign(all, templatesOf((app) => CONFIGURATIONS[name](app, name)));
  }
  for (const { seed, count, offset } of GENERATED) {
    generateConfigurations(seed, count).forEach((spec, i) => {
      try {
        Object.assign(all, templatesOf((app) => buildConfiguration(app, `Config${offset + i}`, spec, offset + i)));
      } catch (e) {
        // A configuration that fails must fail the same way: its message is its fingerprint.
        all[`Config${offset + i}`] = `error: ${String(e).split('\n')[0]}`;
      }
    });
  }
  return all;
}

const current = fingerprints();
const compareWith = process.argv[process.argv.indexOf('--compare') + 1];
if (process.argv.includes('--compare')) {
  const before: Record<string, string> = JSON.parse(fs.readFileSync(compareWith, 'utf-8'));
  const names = [...new Set([...Object.keys(before), ...Object.keys(current)])].sort();
  const differing = names.filter((name) => before[name] !== current[name]);
  console.log(`${names.length} templates, ${differing.length} differing`);
  if (differing.length) {
    console.error(differing.join('\n'));
    process.exitCode = 1;
  }
} else {
  console.log(JSON.stringify(current, null, 1));
}
