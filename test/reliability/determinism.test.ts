import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CONFIGURATIONS } from '../configurations';

/** Synthesizes every configuration into a fresh directory and returns each template's bytes. */
function synthesizeAll(): Record<string, string> {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-')),
    builtinCloudFormationValidation: false,
  });
  for (const [name, build] of Object.entries(CONFIGURATIONS)) build(app, name);
  const assembly = app.synth();
  const templates = Object.fromEntries(assembly.stacks.map((s) => [s.hierarchicalId, fs.readFileSync(s.templateFullPath, 'utf-8')]));
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return templates;
}

test('two syntheses give byte-identical templates for every configuration', () => {
  const first = synthesizeAll();
  const second = synthesizeAll();
  expect(Object.keys(first).length).toBeGreaterThanOrEqual(Object.keys(CONFIGURATIONS).length);
  for (const name of Object.keys(first)) expect(second[name]).toBe(first[name]);
});
