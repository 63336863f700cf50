import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeScenario } from '../../bench/scenarios';

/**
 * The benchmark compares the default trail with a hand-written equivalent; the comparison is fair only while both
 * deploy the same resources. The CloudTrail L2 the hand-written code uses attaches an inline policy to the delivery
 * role where the library attaches a managed one.
 */
describe('the benchmark hand-written equivalent', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'equivalence-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const resourceTypes = (name: string): Record<string, number> => {
    const template = JSON.parse(fs.readFileSync(synthesizeScenario(name, path.join(outdir, name), false), 'utf-8'));
    const counts: Record<string, number> = {};
    for (const resource of Object.values<any>(template.Resources)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    return counts;
  };

  test('deploys the same resources as the default trail, type for type', () => {
    const { 'AWS::IAM::Policy': inline, ...handwritten } = resourceTypes('handwritten');
    const { 'AWS::IAM::ManagedPolicy': managed, ...library } = resourceTypes('default');
    expect(inline).toBe(1);
    expect(managed).toBe(1);
    expect(library).toEqual(handwritten);
    expect(library['AWS::CloudWatch::Alarm']).toBe(15);
    expect(Object.keys(library).filter((type) => type.startsWith('Custom::') || type.includes('Lambda'))).toEqual([]);
  });
});
