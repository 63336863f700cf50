import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The example imports the package by name, as a user would; here the name is the source.
jest.mock('cdk-organization-trail', () => jest.requireActual('../../src'), { virtual: true });

describe('examples/cross-account.ts', () => {
  test('synthesizes offline: the trail names the archive by literals, the archive names the trail', () => {
    // Given the example app, synthesized with aws-cdk-lib's CloudFormation schema validation on
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-organization-trail-example-'));
    process.env.CDK_OUTDIR = outdir;
    try {
      jest.requireActual('../../examples/cross-account');
    } finally {
      delete process.env.CDK_OUTDIR;
    }
    const template = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, `${name}.template.json`), 'utf-8'));
    const management = template('Management');
    const archive = template('LogArchive');
    // Then the trail's references are literals, and the archive's policies name the management account's trail
    const trail = Object.values<any>(management.Resources).find((r) => r.Type === 'AWS::CloudTrail::Trail');
    expect(typeof trail.Properties.S3BucketName).toBe('string');
    expect(trail.Properties.KMSKeyId).toMatch(/^arn:aws:kms:us-east-1:222222222222:alias\//);
    expect(JSON.stringify(archive)).toContain(':cloudtrail:us-east-1:111111111111:trail/');
    expect(JSON.stringify([management, archive])).not.toContain('Fn::ImportValue');
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
