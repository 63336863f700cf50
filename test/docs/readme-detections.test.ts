import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { extractSnippets, runProgram } from './snippets';
import * as library from '../../src';

// The README's "Testing your own detections" example runs in the test command, as written: a check that fails puts
// an error on the stack, which fails `cdk synth`.
const readme = extractSnippets(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8'), 'README.md');
const example = readme.filter((snippet) => snippet.code.includes('DetectionTest.'));

/** Runs the example with these library exports, and returns the errors on the constructs of the Apps it created. */
function errorsOf(exports: object): string[] {
  const apps: cdk.App[] = [];
  class RecordedApp extends cdk.App {
    constructor(props?: cdk.AppProps) {
      super(props);
      apps.push(this);
    }
  }
  runProgram(example[0], { 'cdk-organization-trail': exports, 'aws-cdk-lib': { ...cdk, App: RecordedApp } });
  expect(apps).toHaveLength(1);
  return apps[0].node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === 'aws:cdk:error').map((m) => String(m.data));
}

test('the README shows one DetectionTest example', () => {
  expect(example).toHaveLength(1);
});

test('its checks hold', () => {
  expect(errorsOf(library)).toEqual([]);
});

test.each(['securityAlarmRuleMatches', 'eventRuleMatches'] as const)('its checks would fail if %s answered otherwise', (method) => {
  const detectionTest: Record<string, (...args: any[]) => any> = {
    parseRecord: (json) => library.DetectionTest.parseRecord(json),
    securityAlarmRuleMatches: (rule, record) => library.DetectionTest.securityAlarmRuleMatches(rule, record),
    eventRuleMatches: (rule, record) => library.DetectionTest.eventRuleMatches(rule, record),
  };
  const answer = detectionTest[method];
  detectionTest[method] = (...args) => !answer(...args);
  expect(errorsOf({ ...library, DetectionTest: detectionTest })).toEqual(['A detection check failed.']);
});
