import * as fs from 'fs';
import * as path from 'path';
import { Aws } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DetectionTest, OrganizationTrail, SecurityAlarmRule } from '../../src';
import { ORG_ID, testStack } from '../util';

/**
 * Real CloudTrail records: the examples of the AWS documentation for each service the catalogue watches (each
 * record's `source` cites its page, and says what was adapted), and benign look-alikes. `fires` lists every rule that
 * must match a record, decided by reading the rule, not by running this evaluator.
 */
interface CorpusRecord {
  readonly id: string;
  readonly source: string;
  readonly fires: string[];
  readonly record: Record<string, any>;
}

const CORPUS_DIR = path.join(__dirname, 'corpus');
const CORPUS: CorpusRecord[] = fs.readdirSync(CORPUS_DIR).sort()
  .flatMap((file) => JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8')).records as CorpusRecord[]);

/** Every rule of the catalogue, by its static member. */
const CATALOGUE: SecurityAlarmRule[] = [...new Set([...SecurityAlarmRule.SECURITY_HUB, ...SecurityAlarmRule.CIS, ...SecurityAlarmRule.RECOMMENDED])];

test('the corpus is well formed: unique ids, a cited source, known rule names', () => {
  const ids = CORPUS.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const known = new Set([...CATALOGUE.map((r) => r.id), 'Tamper']);
  for (const entry of CORPUS) {
    expect(entry.source).toMatch(/^(https:\/\/|adapted from https:\/\/|look-alike)/);
    expect(entry.fires.filter((name) => !known.has(name))).toEqual([]);
  }
  expect(CORPUS.length).toBeGreaterThanOrEqual(100);
});

describe.each(CATALOGUE.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const positives = CORPUS.filter((r) => r.fires.includes(id));

  test('has at least two positives and two negatives in the corpus', () => {
    expect(positives.length).toBeGreaterThanOrEqual(2);
    expect(CORPUS.length - positives.length).toBeGreaterThanOrEqual(2);
  });

  test('fires on exactly the records it exists for', () => {
    const fired = CORPUS.filter((r) => DetectionTest.securityAlarmRuleMatches(rule, r.record)).map((r) => r.id);
    expect(fired).toEqual(positives.map((r) => r.id));
  });
});

test('each default alarm fires when one of its patterns does: the texts auditors look for change what it hears only where meant', () => {
  const byId = new Map(CATALOGUE.map((rule) => [rule.id, rule]));
  // Each extra pattern of a default alarm is the pattern of a catalogue rule: its positives are the alarm's too.
  const extraRuleOf: Record<string, string> = {
    UnauthorizedApiCalls: 'UnauthorizedApiCallsCis',
    SecurityGroupChanges: 'SecurityGroupAndRuleChanges',
  };
  for (const alarm of SecurityAlarmRule.SECURITY_HUB_AND_CIS) {
    const members = [alarm.id, extraRuleOf[alarm.id]].filter((id): id is string => id !== undefined && byId.has(id));
    const expected = CORPUS.filter((r) => members.some((id) => r.fires.includes(id))).map((r) => r.id);
    const fired = CORPUS.filter((r) => DetectionTest.securityAlarmRuleMatches(alarm, r.record)).map((r) => r.id);
    expect({ alarm: alarm.id, fired }).toEqual({ alarm: alarm.id, fired: expected });
  }
});

describe('the tamper rule of an organization trail', () => {
  const KEY_ID = '11111111-2222-3333-4444-555555555555';
  const stack = testStack();
  const trail = new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, trailName: 'OrganizationTrail' });
  const rule = trail.securityAlarms!.tamperDetection!.rule;
  const topic = trail.alarmTopic as sns.Topic;
  const topicKey = trail.securityAlarms!.topicKey as kms.Key;
  // The names the corpus's tamper records use for this trail's resources, as they would be once deployed.
  const deployTimeValues = {
    [trail.bucket.bucketName]: 'example-trail-logs',
    [trail.logArchive!.serverAccessLogsBucket!.bucketName]: 'example-trail-access-logs',
    [trail.encryptionKey.keyArn]: `arn:aws:kms:us-east-1:111111111111:key/${KEY_ID}`,
    [trail.encryptionKey.keyId]: KEY_ID,
    [topicKey.keyArn]: 'arn:aws:kms:us-east-1:111111111111:key/99999999-8888-7777-6666-555555555555',
    [topicKey.keyId]: '99999999-8888-7777-6666-555555555555',
    [trail.logGroup!.logGroupName]: 'cloudtrail/OrganizationTrail',
    [topic.topicArn]: 'arn:aws:sns:us-east-1:111111111111:OrganizationTrail-alarms',
    [trail.trailArn]: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/OrganizationTrail',
    [Aws.PARTITION]: 'aws',
  };
  const tamper = CORPUS.filter((r) => r.fires.includes('Tamper'));

  test('fires on tampering with this trail, its buckets, key, log group, alarms and topic, and on nothing else', () => {
    const fired = CORPUS.filter((r) => DetectionTest.eventRuleMatches(rule, r.record, { deployTimeValues })).map((r) => r.id);
    expect(fired).toEqual(tamper.map((r) => r.id));
  });

  test.each(['trail', 'bucket', 'key', 'log-group', 'alarm', 'topic'])('has positives and same-kind negatives for the %s', (kind) => {
    const ofKind = CORPUS.filter((r) => r.id.startsWith(`tamper-${kind}-`));
    expect(ofKind.filter((r) => r.fires.includes('Tamper')).length).toBeGreaterThanOrEqual(2);
    expect(ofKind.filter((r) => !r.fires.includes('Tamper')).length).toBeGreaterThanOrEqual(2);
  });

  test('sees either of its buckets deleted, which it once did not', () => {
    const deleted = CORPUS.find((r) => r.id === 'tamper-bucket-delete-bucket')!.record;
    for (const bucketName of ['example-trail-logs', 'example-trail-access-logs']) {
      const record = { ...deleted, requestParameters: { ...deleted.requestParameters, bucketName } };
      expect(DetectionTest.eventRuleMatches(rule, record, { deployTimeValues })).toBe(true);
    }
  });
});
