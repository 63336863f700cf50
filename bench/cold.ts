/**
 * One cold synthesis, which `run.ts` runs in a fresh Node process, as `cdk synth` runs an app: prints the milliseconds
 * from loading aws-cdk-lib to the written template. Usage: cold.ts <scenario> <outdir> <on|off (validation)>
 */
import { performance } from 'perf_hooks';

const start = performance.now();
// Required after the clock starts: loading aws-cdk-lib, and whatever the scenario loads, is part of the cost.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthesizeScenario } = require('./scenarios') as typeof import('./scenarios');
const [name, outdir, validation] = process.argv.slice(2);
synthesizeScenario(name, outdir, validation === 'on');
console.log(performance.now() - start);
