/**
 * Synthesis benchmark: `npx projen bench` (compiles the library first; the scenarios use the compiled lib/, as users
 * do). In one Node process it interleaves repeated syntheses of every scenario, warm-up rounds first, and prints
 * medians and spread, the ratios that matter and the deploy footprint; everything goes to bench-results.json.
 *
 * Two kinds of round:
 * - warm: the modules stay loaded, so a round is the construction and synthesis of the app only. Marginal costs and
 *   scaling come from these.
 * - cold: aws-cdk-lib, constructs, the library and the scenarios are dropped from the module cache first, so a round
 *   also loads every module the scenario needs. Total costs (what one `cdk synth` pays) come from these.
 *
 * aws-cdk-lib's built-in CloudFormation validation is switched off for both, so that the figures isolate the
 * library's own cost; one more series with it on gives the figure users see.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { linearFit, summarize, Summary } from './stats';

// Every cold round reloads aws-cdk-lib, which registers a process exit listener each time.
process.setMaxListeners(0);

const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const VALIDATED_ROUNDS = Number(process.env.BENCH_VALIDATED_ROUNDS ?? 5);
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
/** The hand-written trail logs server access with a bucket policy, which needs this flag (new CDK projects set it). */
const CONTEXT = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true };
const RELOADED = /[\\/](node_modules[\\/](aws-cdk-lib|constructs)|lib|bench)[\\/]/;

interface Footprint {
  readonly resources: number;
  readonly templateBytes: number;
  readonly lambdaFunctions: number;
  readonly customResources: number;
}

/* eslint-disable @typescript-eslint/no-require-imports */
function load(): { App: typeof import('aws-cdk-lib').App; SCENARIOS: typeof import('./scenarios').SCENARIOS } {
  return { App: require('aws-cdk-lib').App, SCENARIOS: require('./scenarios').SCENARIOS };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** One synthesis of a scenario, timed from (re)loading the modules, if cold, to the written template. */
function synthesize(name: string, cold: boolean, validation: boolean): { ms: number; footprint: Footprint } {
  const outdir = fs.mkdtempSync(path.join(outRoot, `${name}-`));
  if (cold) for (const key of Object.keys(require.cache)) if (RELOADED.test(key)) delete require.cache[key];
  const start = performance.now();
  const { App, SCENARIOS } = load();
  const app = new App({ outdir, builtinCloudFormationValidation: validation, context: CONTEXT });
  SCENARIOS[name](app);
  const file = app.synth().stacks[0].templateFullPath;
  const ms = performance.now() - start;
  const text = fs.readFileSync(file, 'utf-8');
  const types = Object.values(JSON.parse(text).Resources ?? {}).map((r: any) => r.Type as string);
  fs.rmSync(outdir, { recursive: true, force: true });
  return {
    ms,
    footprint: {
      resources: types.length,
      templateBytes: Buffer.byteLength(text),
      lambdaFunctions: types.filter((t) => t === 'AWS::Lambda::Function').length,
      customResources: types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource').length,
    },
  };
}

type Series = Record<string, { summary: Summary; footprint: Footprint }>;

/** Interleaved rounds: every scenario once per round, so that drift in the machine affects all of them alike. */
function series(names: string[], cold: boolean, validation: boolean, rounds: number): Series {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const footprints: Record<string, Footprint> = {};
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (const name of names) {
      const { ms, footprint } = synthesize(name, cold, validation);
      footprints[name] = footprint;
      if (round >= WARMUP) samples[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { summary: summarize(samples[n]), footprint: footprints[n] }]));
}

const names = Object.keys(load().SCENARIOS);
const warm = series(names, false, false, ROUNDS);
const cold = series(['empty', 'handwritten', 'default'], true, false, ROUNDS);
const validated = series(['empty', 'handwritten', 'default'], false, true, VALIDATED_ROUNDS);
fs.rmSync(outRoot, { recursive: true, force: true });

const w = (name: string) => warm[name].summary.median;
const c = (name: string) => cold[name].summary.median;
const ratios = {
  /** (3 - 1) / (2 - 1) on warm rounds: what the library costs on top of the empty stack, against hand-written code. */
  marginalDefaultOverHandwritten: (w('default') - w('empty')) / (w('handwritten') - w('empty')),
  /** 3 / 1 on cold rounds: a whole synthesis of the default trail against that of an empty stack. */
  totalDefaultOverEmpty: c('default') / c('empty'),
  totalDefaultOverHandwritten: c('default') / c('handwritten'),
  hundredRulesAndFiveHundredValuesAddMs: w('alarms-100+selectors-500') - w('default'),
};
const scaling = {
  alarmRules: linearFit([10, 50, 100], ['alarms-10', 'alarms-50', 'alarms-100'].map(w)),
  selectorValues: linearFit([50, 200, 500], ['selectors-50', 'selectors-200', 'selectors-500'].map(w)),
};

const cpu = os.cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
fs.writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ machine, rounds: { warmup: WARMUP, measured: ROUNDS, validated: VALIDATED_ROUNDS }, warm, cold, validated, ratios, scaling }, undefined, 2)}\n`,
);

const n = (x: number, width = 8, digits = 1) => x.toFixed(digits).padStart(width);
const table = (title: string, s: Series, footprint: boolean) => {
  console.log(`\n${title}`);
  console.log(`${'scenario'.padEnd(26)}  median     p10     p90     MAD${footprint ? '  resources   bytes  lambdas  custom' : ''}`);
  for (const [name, { summary: x, footprint: fp }] of Object.entries(s)) {
    const extra = footprint
      ? `${n(fp.resources, 11, 0)}${n(fp.templateBytes, 8, 0)}${n(fp.lambdaFunctions, 9, 0)}${n(fp.customResources, 8, 0)}`
      : '';
    console.log(`${name.padEnd(26)}${n(x.median)}${n(x.p10)}${n(x.p90)}${n(x.mad)}${extra}`);
  }
};
console.log(`Machine: ${machine}`);
console.log(`Rounds: ${WARMUP} warm-up, then ${ROUNDS} measured (${VALIDATED_ROUNDS} with validation on), interleaved; times in ms`);
table('Warm synthesis (modules loaded), built-in CloudFormation validation OFF', warm, true);
table('Cold synthesis (modules reloaded every round), validation OFF', cold, false);
table('Warm synthesis, built-in CloudFormation validation ON (what users see)', validated, false);
console.log('\nRatios');
console.log(`  marginal, default over hand-written, warm ((3 - 1) / (2 - 1)):  ${ratios.marginalDefaultOverHandwritten.toFixed(2)}`);
console.log(`  total, default over empty stack, cold (3 / 1):                  ${ratios.totalDefaultOverEmpty.toFixed(2)}`);
console.log(`  total, default over hand-written, cold:                         ${ratios.totalDefaultOverHandwritten.toFixed(2)}`);
console.log(`  100 alarm rules + 500 selector values add:                      ${ratios.hundredRulesAndFiveHundredValuesAddMs.toFixed(0)} ms`);
console.log(`  alarm rules: ${scaling.alarmRules.slope.toFixed(2)} ms per rule, R² ${scaling.alarmRules.r2.toFixed(3)} (1 = linear)`);
console.log(`  selector values: ${scaling.selectorValues.slope.toFixed(3)} ms per value, R² ${scaling.selectorValues.r2.toFixed(3)}`);
console.log('\nWritten to bench-results.json');
