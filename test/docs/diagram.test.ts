import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { architecture, architectureDiagram, boxLabel } from '../../scripts/diagram';
import { OrganizationTrail } from '../../src';
import { ENV, ORG_ID } from '../util';

// The example app imports the package by name, as a user would (examples/tsconfig.json maps the name to src/).
jest.mock('cdk-organization-trail', () => jest.requireActual('../../src'), { virtual: true });
const { EXAMPLE_CONTEXT, exampleStack } = jest.requireActual<{ EXAMPLE_CONTEXT: object; exampleStack: (app: App) => Stack }>(
  '../../examples/app',
);

const COMMITTED = path.join(__dirname, '..', '..', 'docs', 'architecture.svg');

/** The template of a stack, with construct paths, as `cdk synth` writes it. */
function synthesize(build: (app: App) => Stack): any {
  const app = new App({ context: EXAMPLE_CONTEXT, builtinCloudFormationValidation: false });
  const stack = build(app);
  return app.synth().getStackByName(stack.stackName).template;
}

function defaultTemplate(): any {
  return synthesize((app) => {
    const stack = new Stack(app, 'Stack', { env: ENV });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID });
    return stack;
  });
}

describe('architecture diagram', () => {
  const template = defaultTemplate();

  test('draws one box per resource of the default configuration, policies folded and repeated resources counted', () => {
    // When the default configuration is drawn
    const { resources, boxes } = architecture(template);
    // Then every resource is in a box, and the boxes are the architecture a reader expects
    const types = Object.values<any>(template.Resources).map((r) => r.Type);
    expect(resources).toBe(types.length);
    const policiesAndAliases = types.filter((t) => /Policy$|::Alias$/.test(t)).length;
    expect(boxes.reduce((sum, b) => sum + b.members.length, 0)).toBe(resources - policiesAndAliases);
    expect(boxes.map(boxLabel).sort()).toEqual([
      'CloudTrail trail Trail',
      'CloudWatch alarm ×17 Alarms/*',
      'CloudWatch composite alarm Alarms/DeliveryHeartbeat/Alert',
      'EventBridge rule Alarms/TamperDetection/Rule',
      'IAM role CloudWatchLogs/DeliveryRole',
      'KMS key Alarms/TopicKey',
      'KMS key Key',
      'Log group CloudWatchLogs/LogGroup',
      'Metric filter ×18 Alarms/Rules/*',
      'S3 bucket LogArchive/AccessLogsBucket',
      'S3 bucket LogArchive/Bucket',
      'SNS topic Alarms/Topic',
    ]);
    const folded = Object.fromEntries(boxes.filter((b) => b.folded.size).map((b) => [boxLabel(b), [...b.folded]]));
    expect(folded).toEqual({
      'S3 bucket LogArchive/Bucket': ['bucket policy'],
      'S3 bucket LogArchive/AccessLogsBucket': ['bucket policy'],
      'KMS key Key': ['alias'],
      'IAM role CloudWatchLogs/DeliveryRole': ['managed policy'],
      'SNS topic Alarms/Topic': ['topic policy'],
    });
  });

  test('draws one arrow per reference between boxes, and none for policy detail', () => {
    const { edges } = architecture(template);
    const arrows = edges.map((e) => `${boxLabel(e.from)} -> ${boxLabel(e.to)}${e.watch ? ' (watches)' : ''}`);
    // Deduplicated: the trail refers to the bucket by name and depends on its policy, one arrow
    expect(new Set(arrows).size).toBe(arrows.length);
    expect(arrows).toEqual(
      expect.arrayContaining([
        'CloudTrail trail Trail -> S3 bucket LogArchive/Bucket',
        'CloudTrail trail Trail -> KMS key Key',
        'CloudTrail trail Trail -> Log group CloudWatchLogs/LogGroup',
        'CloudTrail trail Trail -> IAM role CloudWatchLogs/DeliveryRole',
        'S3 bucket LogArchive/Bucket -> S3 bucket LogArchive/AccessLogsBucket',
        'S3 bucket LogArchive/Bucket -> KMS key Key',
        'Metric filter ×18 Alarms/Rules/* -> Log group CloudWatchLogs/LogGroup',
        'CloudWatch alarm ×17 Alarms/* -> Metric filter ×18 Alarms/Rules/*',
        'CloudWatch alarm ×17 Alarms/* -> SNS topic Alarms/Topic',
        'CloudWatch composite alarm Alarms/DeliveryHeartbeat/Alert -> CloudWatch alarm ×17 Alarms/*',
        'CloudWatch composite alarm Alarms/DeliveryHeartbeat/Alert -> SNS topic Alarms/Topic',
        'EventBridge rule Alarms/TamperDetection/Rule -> S3 bucket LogArchive/Bucket (watches)',
        'EventBridge rule Alarms/TamperDetection/Rule -> SNS topic Alarms/Topic',
      ]),
    );
    // The bucket policy of the access-log bucket names the log bucket as the only source: not an arrow
    expect(arrows).not.toContain('S3 bucket LogArchive/AccessLogsBucket -> S3 bucket LogArchive/Bucket');
  });

  test('is an SVG with the key resources, and the same bytes for the same template', () => {
    const svg = architectureDiagram(template);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const label of ['CloudTrail trail', 'S3 bucket', 'LogArchive/Bucket', 'KMS key', 'Log group', 'IAM role', 'SNS topic', '×18', '×17', 'ENCRYPTION']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    // One frame per box, not per resource
    expect(svg.match(/rx="6"/g)).toHaveLength(architecture(template).boxes.length);
    expect(architectureDiagram(defaultTemplate())).toBe(svg);
  });

  test('escapes text and draws templates without construct paths by logical id', () => {
    const svg = architectureDiagram({
      Description: 'Logs & <alarms>',
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket' },
        Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' } } },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { Name: { 'Fn::Sub': '${Bucket}-queue' } } },
      },
    });
    expect(svg).toContain('>Logs &amp; &lt;alarms&gt;</text>');
    expect(svg).toContain('>SQS queue</text>');
    expect(svg).toContain('>Bucket</text>');
    expect(svg).toContain('>+ bucket policy</text>');
    expect(svg.match(/marker-end="url\(#arrow-3f8624\)"/g)).toHaveLength(1);
  });

  test('docs/architecture.svg is up to date with the example app (npx projen example && npx projen diagram)', () => {
    const expected = architectureDiagram(synthesize(exampleStack));
    const committed = fs.readFileSync(COMMITTED, 'utf-8');
    if (committed !== expected) {
      throw new Error('docs/architecture.svg is out of date: run `npx projen example && npx projen diagram` and commit it');
    }
  });
});
