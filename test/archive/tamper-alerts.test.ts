import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ArchiveTamperAlerts, DetectionTest, LogArchive, LogArchiveProps, OrganizationTrail } from '../../src';
import { TAMPER_CALLS } from '../../src/core/tamper-calls';
import { ORG_ID, testApp } from '../util';

const BUS = 'arn:aws:events:us-east-1:111111111111:event-bus/organization-security-events';

/** A log archive in its own account, and the organization trail of the management account delivering to it. */
function twoAccounts(props: Partial<LogArchiveProps> = {}) {
  const app = testApp();
  const archiveStack = new Stack(app, 'LogArchive', { env: { account: '222222222222', region: 'us-east-1' } });
  const management = new Stack(app, 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
  const archive = new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID, ...props });
  new OrganizationTrail(management, 'Trail', { organizationId: ORG_ID, trailName: 'OrganizationTrail', logArchive: archive });
  return { archiveStack, archive };
}

const NOT_WATCHED = /archiveNotWatched/;

describe('a log archive in its own account', () => {
  test('without tamper alerts warns that tampering there reaches no EventBridge rule', () => {
    const { archiveStack } = twoAccounts();
    const warnings = Annotations.fromStack(archiveStack).findWarning('*', Match.stringLikeRegexp('archiveNotWatched'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/deleting this archive's bucket policy or scheduling the deletion of its key in account 222222222222 reaches no EventBridge rule/);
  });

  test('in the trail\'s own stack, is watched by the trail\'s rule and does not warn', () => {
    const stack = new Stack(testApp(), 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
    new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'OrganizationTrail' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('archiveNotWatched'))).toEqual([]);
  });

  describe('with alerts to the management account\'s security bus', () => {
    const { archiveStack, archive } = twoAccounts({ tamperAlerts: ArchiveTamperAlerts.toEventBus(BUS) });
    const template = Template.fromStack(archiveStack);

    test('does not warn', () => {
      expect(Annotations.fromStack(archiveStack).findWarning('*', Match.stringLikeRegexp(NOT_WATCHED.source))).toEqual([]);
    });

    test('watches the catalogue\'s calls on its buckets and key, and forwards them through a role that may only put them on that bus', () => {
      const rule = Object.values(template.findResources('AWS::Events::Rule'))[0] as any;
      const clauses = rule.Properties.EventPattern.detail.$or;
      const namesOf = (source: string) => [...new Set(clauses.filter((c: any) => c.eventSource[0] === source).flatMap((c: any) => c.eventName))];
      expect(namesOf('s3.amazonaws.com')).toEqual(TAMPER_CALLS.bucket.eventNames);
      expect(namesOf('kms.amazonaws.com')).toEqual(TAMPER_CALLS.key.eventNames);
      expect(rule.Properties.Targets).toEqual([{ Id: 'EventBus', Arn: BUS, RoleArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } }]);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'PutOnSecurityBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS }] },
      });
      expect(archive.tamperDetection?.rule).toBeDefined();
    });

    test('fires on tampering with its buckets and key in the corpus, and not on other buckets and keys', () => {
      const corpusDir = path.join(__dirname, '..', 'detections', 'corpus');
      const records = fs.readdirSync(corpusDir).flatMap((f) => JSON.parse(fs.readFileSync(path.join(corpusDir, f), 'utf8')).records);
      const deployTimeValues = {
        [archive.bucket.bucketName]: 'example-trail-logs',
        [archive.accessLogsBucket.bucketName]: 'example-trail-access-logs',
        [archive.encryptionKey.keyArn]: 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
        [archive.encryptionKey.keyId]: '11111111-2222-3333-4444-555555555555',
      };
      const rule = archive.tamperDetection!.rule;
      const expected = records.filter((r: any) => r.fires.includes('Tamper') && /^tamper-(bucket|key)-/.test(r.id)).map((r: any) => r.id);
      // Like any TamperDetection given no trail, it also hears every trail of its account stopped or narrowed: that
      // clause is proven with the organization trail's rule (test/detections/corpus.test.ts).
      const fired = records
        .filter((r: any) => r.record.eventSource !== 'cloudtrail.amazonaws.com')
        .filter((r: any) => DetectionTest.eventRuleMatches(rule, r.record, { deployTimeValues }))
        .map((r: any) => r.id);
      expect(fired).toEqual(expected);
      expect(expected.length).toBeGreaterThanOrEqual(8);
    });
  });

  test('with alerts to a topic of its own account, publishes readable messages there', () => {
    const app = testApp();
    const archiveStack = new Stack(app, 'LogArchive', { env: { account: '222222222222', region: 'us-east-1' } });
    const topic = new sns.Topic(archiveStack, 'Alerts');
    new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID, tamperAlerts: ArchiveTamperAlerts.toTopic(topic) });
    const template = Template.fromStack(archiveStack);
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0] as any;
    expect(rule.Properties.Targets[0]).toMatchObject({ Id: 'Topic', Arn: { Ref: expect.stringMatching(/^Alerts/) } });
    expect(rule.Properties.Targets[0].InputTransformer.InputTemplate).toMatch(/^"CloudTrail tamper alert: <eventName>/);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
  });

  test.each(['not-an-arn', 'arn:aws:sns:us-east-1:111111111111:topic'])('refuses %s as an event bus ARN at synth time', (arn) => {
    expect(() => twoAccounts({ tamperAlerts: ArchiveTamperAlerts.toEventBus(arn) })).toThrow(
      new RegExp(`Invalid LogArchive configuration at LogArchive/LogArchive:\\n  - tamperAlerts: is not the ARN of an event bus \\(received "${arn}"\\)`),
    );
  });
});
