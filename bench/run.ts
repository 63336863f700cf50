/**
 * Synthesis benchmark: `npx projen bench` (compiles the library first; the scenarios use the compiled lib/, as users
 * do). In one Node process it interleaves repeated syntheses of every scenario, warm-up rounds first, and prints
 * medians and spread, the ratios that matter and the deploy footprint; everything goes to bench-results.json.
 *
 * Two kinds of round:
 * - warm: in this process, with the modules loaded, so a round is the construction and synthesis of the app only.
 *   Marginal costs and scaling come from these.
 * - cold: a fresh Node process per synthesis (bench/cold.ts), as `cdk synth` runs an app, timed from loading
 *   aws-cdk-lib to the written template. Total costs come from these; each scenario loads only what it uses.
 *
 * aws-cdk-lib's built-in CloudFormation validation is switched off for both, so that the figures isolate the
 * library's own cost; two more series with it on, warm and cold, give the figures users see.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CHECKS_VALIDATE_MS, synthesizeScenario, SCENARIOS } from './scenarios';
import { bootstrapInterval, linearFit, summarize, Summary } from './stats';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Warm rounds cost milliseconds: four times as many steady the marginal ratio, a difference of small differences. */
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 4 * ROUNDS);
const VALIDATED_ROUNDS = Number(process.env.BENCH_VALIDATED_ROUNDS ?? 5);
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));

interface Footprint {
  readonly resources: number;
  /** How many resources of each CloudFormation type. */
  readonly resourceTypes: Record<string, number>;
  readonly templateBytes: number;
  readonly lambdaFunctions: number;
  readonly customResources: number;
}

/** One synthesis of a scenario: warm in this process, or cold in a fresh one. */
function synthesize(name: string, cold: boolean, validation: boolean): { ms: number; footprint: Footprint } {
  const outdir = fs.mkdtempSync(path.join(outRoot, `${name}-`));
  let ms: number;
  let file: string;
  if (cold) {
    // process.execArgv carries tsx's loader, so that the child can run TypeScript.
    const args = [...process.execArgv, path.join(__dirname, 'cold.ts'), name, outdir, validation ? 'on' : 'off'];
    const output = execFileSync(process.execPath, args, { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] });
    ms = Number(output.trim().split('\n').pop());
    file = path.join(outdir, 'Bench.template.json');
  } else {
    const start = performance.now();
    file = synthesizeScenario(name, outdir, validation);
    ms = performance.now() - start;
  }
  const text = fs.readFileSync(file, 'utf-8');
  const types = Object.values(JSON.parse(text).Resources ?? {}).map((r: any) => r.Type as string);
  fs.rmSync(outdir, { recursive: true, force: true });
  return {
    ms,
    footprint: {
      resources: types.length,
      resourceTypes: Object.fromEntries([...new Set(types)].sort().map((t) => [t, types.filter((x) => x === t).length])),
      templateBytes: Buffer.byteLength(text),
      lambdaFunctions: types.filter((t) => t === 'AWS::Lambda::Function').length,
      customResources: types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource').length,
    },
  };
}

type Series = Record<string, { summary: Summary; footprint: Footprint; samples: number[] }>;

/**
 * Interleaved rounds: every scenario once per round, so that drift in the machine affects all of them alike, and each
 * round starts one scenario further along, so that none always runs right after the same neighbour.
 */
function series(names: string[], cold: boolean, validation: boolean, rounds: number): Series {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const footprints: Record<string, Footprint> = {};
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const { ms, footprint } = synthesize(name, cold, validation);
      footprints[name] = footprint;
      if (round >= WARMUP) samples[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { summary: summarize(samples[n]), footprint: footprints[n], samples: samples[n] }]));
}

const names = Object.keys(SCENARIOS);
const warm = series(names, false, false, WARM_ROUNDS);
const cold = series(['empty', 'handwritten', 'default', 'default+checks', 'default+plugin'], true, false, ROUNDS);
const validated = series(['empty', 'handwritten', 'default'], false, true, VALIDATED_ROUNDS);
const coldValidated = series(['empty', 'handwritten', 'default'], true, true, VALIDATED_ROUNDS);
fs.rmSync(outRoot, { recursive: true, force: true });

const w = (name: string) => warm[name].summary.median;
/** How far the marginal ratio could move with other rounds: a bootstrap over the warm rounds. */
const marginalInterval = bootstrapInterval(warm.default.samples.length, (rounds) => {
  const m = (name: string) => summarize(rounds.map((i) => warm[name].samples[i])).median;
  return (m('default') - m('empty')) / (m('handwritten') - m('empty'));
});
const c = (name: string) => cold[name].summary.median;
const ratios = {
  /** (3 - 1) / (2 - 1) on warm rounds: what the library costs on top of the empty stack, against hand-written code. */
  marginalDefaultOverHandwritten: (w('default') - w('empty')) / (w('handwritten') - w('empty')),
  /** The 90% bootstrap interval of that ratio. */
  marginalInterval,
  /** 3 / 1 on cold rounds: a whole synthesis of the default trail against that of an empty stack. */
  totalDefaultOverEmpty: c('default') / c('empty'),
  totalDefaultOverHandwritten: c('default') / c('handwritten'),
  /** The same two totals, cold, with the built-in CloudFormation validation on: what `cdk synth` costs users. */
  totalDefaultOverEmptyValidated: coldValidated.default.summary.median / coldValidated.empty.summary.median,
  totalDefaultOverHandwrittenValidated: coldValidated.default.summary.median / coldValidated.handwritten.summary.median,
  /** The floor the library cannot move: the hand-written code's cold total over the empty stack's. */
  totalHandwrittenOverEmpty: c('handwritten') / c('empty'),
  hundredRulesAndFiveHundredValuesAddMs: w('alarms-100+selectors-500') - w('default'),
  /**
   * What CloudTrailChecks adds to the default trail's synthesis (the budget is 10%): its own validate(), timed around
   * each call (what the example app, which runs five validators already, pays for it), and registered on an app with
   * no other plugin, where it also starts aws-cdk-lib's validation machinery, which a plugin that checks nothing
   * shows alone.
   */
  checksValidateMs: summarize(CHECKS_VALIDATE_MS).median,
  checksOwnWarm: summarize(CHECKS_VALIDATE_MS).median / w('default'),
  checksWithMachineryWarm: w('default+checks') / w('default') - 1,
  pluginMachineryWarm: w('default+plugin') / w('default') - 1,
};
const scaling = {
  alarmRules: linearFit([10, 50, 100], ['alarms-10', 'alarms-50', 'alarms-100'].map(w)),
  selectorValues: linearFit([50, 200, 500], ['selectors-50', 'selectors-200', 'selectors-500'].map(w)),
};

/** Resource types of which the default trail and the hand-written equivalent deploy different numbers. */
const typesThatDiffer = (() => {
  const [a, b] = [warm.default.footprint.resourceTypes, warm.handwritten.footprint.resourceTypes];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]).map((t) => `${t} ${a[t] ?? 0}/${b[t] ?? 0}`);
})();

const cpu = os.cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
fs.writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ machine, rounds: { warmup: WARMUP, warm: WARM_ROUNDS, cold: ROUNDS, validated: VALIDATED_ROUNDS }, warm, cold, validated, coldValidated, ratios, scaling, typesThatDiffer }, undefined, 2)}\n`,
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
console.log(
  `Rounds: ${WARMUP} warm-up, then ${WARM_ROUNDS} warm and ${ROUNDS} cold measured (${VALIDATED_ROUNDS} of each with ` +
    'validation on), interleaved; times in ms',
);
table('Warm synthesis (modules loaded), built-in CloudFormation validation OFF', warm, true);
table('Cold synthesis (a fresh Node process per synthesis), validation OFF', cold, false);
table('Warm synthesis, built-in CloudFormation validation ON (what users see)', validated, false);
table('Cold synthesis, validation ON (a whole `cdk synth` as users run it)', coldValidated, false);
console.log('\nRatios');
console.log(`  marginal, default over hand-written, warm ((3 - 1) / (2 - 1)):  ${ratios.marginalDefaultOverHandwritten.toFixed(2)}`);
console.log(`    90% bootstrap interval over the warm rounds:                 ${marginalInterval.low.toFixed(2)} to ${marginalInterval.high.toFixed(2)}`);
console.log(`  total, default over empty stack, cold (3 / 1):                  ${ratios.totalDefaultOverEmpty.toFixed(2)}`);
console.log(`  total, default over hand-written, cold:                         ${ratios.totalDefaultOverHandwritten.toFixed(2)}`);
console.log(`  total, hand-written over empty stack, cold (the floor):         ${ratios.totalHandwrittenOverEmpty.toFixed(2)}`);
console.log(`  total, default over empty stack, cold, validation ON:           ${ratios.totalDefaultOverEmptyValidated.toFixed(2)}`);
console.log(`  total, default over hand-written, cold, validation ON:          ${ratios.totalDefaultOverHandwrittenValidated.toFixed(2)}`);
console.log(`  100 alarm rules + 500 selector values add:                      ${ratios.hundredRulesAndFiveHundredValuesAddMs.toFixed(0)} ms`);
console.log(`  alarm rules: ${scaling.alarmRules.slope.toFixed(2)} ms per rule, R² ${scaling.alarmRules.r2.toFixed(3)} (1 = linear)`);
console.log(`  selector values: ${scaling.selectorValues.slope.toFixed(3)} ms per value, R² ${scaling.selectorValues.r2.toFixed(3)}`);
console.log(`  CloudTrailChecks' validate() on the default trail:               ${ratios.checksValidateMs.toFixed(2)} ms, ${pct(ratios.checksOwnWarm)} of its warm synthesis (budget 10%)`);
console.log(`    registered, with aws-cdk-lib's validation machinery, warm:     +${pct(ratios.checksWithMachineryWarm)} (a plugin that checks nothing: +${pct(ratios.pluginMachineryWarm)})`);
console.log(`  resource types in different numbers (default/hand-written):     ${typesThatDiffer.join(', ') || 'none'}`);
console.log('\nWritten to bench-results.json');

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
