import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LogArchive, LogArchiveProps, LogFileTransition, OrganizationTrail, SecurityEventForwarding, SecurityEventForwardingProps } from '../../src';
import { ORG_ID, testStack } from '../util';
import { twoAccounts } from './two-accounts';

const OTHER_REGION_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Expects the construction to throw one error whose message names the prop, the value received and the fix. */
function expectProblem(build: () => unknown, prop: string, value: string, fix: RegExp): void {
  expect(build).toThrow(new RegExp(`${escape(prop)}: .*\\(received ${escape(value)}\\)\\. .*${fix.source}`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const asymmetricKey = (stack: Stack) => new kms.Key(stack, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });

describe('an OrganizationTrail with a logArchive', () => {
  test('fails with a bucket too', () => {
    const stack = testStack();
    const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID });
    const bucket = new s3.Bucket(stack, 'Mine');
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, logArchive, bucket }),
      'bucket',
      '"Stack/Mine"',
      /Remove bucket, or remove logArchive\./,
    );
  });

  test('fails with logBucket options too', () => {
    const stack = testStack();
    const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID });
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, logArchive, logBucket: { expiration: Duration.days(3650) } }),
      'logBucket',
      '"options for a bucket this construct would create"',
      /Move these options to the LogArchive/,
    );
  });

  test('fails when the archive serves another organization', () => {
    const stack = testStack();
    const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: 'o-zzzzzzzzzz' });
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, logArchive }),
      'logArchive',
      '"a log archive of organization o-zzzzzzzzzz"',
      /Give the LogArchive and the OrganizationTrail the same organizationId\./,
    );
  });

  test.each([
    ['the trail', 'Management'],
    ['the log archive', 'Archive'],
  ])('fails across stacks when the account of %s is unknown', (_, agnostic) => {
    const app = new App({ builtinCloudFormationValidation: false });
    const env = { account: '111111111111', region: 'us-east-1' };
    const archiveStack = new Stack(app, 'Archive', agnostic === 'Archive' ? {} : { env: { ...env, account: '222222222222' } });
    const managementStack = new Stack(app, 'Management', agnostic === 'Management' ? {} : { env });
    const logArchive = new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID });
    expectProblem(
      () => new OrganizationTrail(managementStack, 'Trail', { organizationId: ORG_ID, logArchive }),
      'logArchive',
      '"a log archive in stack Archive"',
      new RegExp(`Give stack ${agnostic} an env with an explicit account and region\\.`),
    );
  });

  test('fails when the archive is in another partition', () => {
    expectProblem(
      () => twoAccounts({ archiveRegion: 'cn-north-1' }),
      'logArchive',
      '"a log archive in cn-north-1"',
      /Put the log archive in a Region of partition aws\./,
    );
  });

  test('fails when the archive\'s key in another stack has no alias to name it by', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const archiveStack = new Stack(app, 'Archive', { env: { account: '222222222222', region: 'us-east-1' } });
    const managementStack = new Stack(app, 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
    const encryptionKey = new kms.Key(archiveStack, 'Key', { enableKeyRotation: true });
    const logArchive = new LogArchive(archiveStack, 'LogArchive', { organizationId: ORG_ID, encryptionKey });
    expectProblem(
      () => new OrganizationTrail(managementStack, 'Trail', { organizationId: ORG_ID, logArchive }),
      'logArchive',
      '"a log archive whose key Archive/Key has no alias"',
      /import the key with kms\.Key\.fromKeyArn\(\)\./,
    );
  });

  test('fails with a key that would encrypt nothing, since CloudWatch Logs is off', () => {
    const stack = testStack();
    const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID });
    const encryptionKey = new kms.Key(stack, 'Unused', { enableKeyRotation: true });
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, logArchive, encryptionKey, sendToCloudWatchLogs: false }),
      'encryptionKey',
      '"Stack/Unused"',
      /Remove encryptionKey \(give the LogArchive your key instead\), or turn sendToCloudWatchLogs on\./,
    );
  });

  test('fails with a log-group key in another Region', () => {
    const stack = testStack();
    const logArchive = new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID });
    const encryptionKey = kms.Key.fromKeyArn(stack, 'Far', OTHER_REGION_KEY);
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, logArchive, encryptionKey }),
      'encryptionKey',
      '"a resource in eu-west-1"',
      /Use one in us-east-1\./,
    );
  });
});

describe('keys', () => {
  test('an OrganizationTrail fails with an asymmetric key', () => {
    const stack = testStack();
    expectProblem(
      () => new OrganizationTrail(stack, 'Trail', { organizationId: ORG_ID, encryptionKey: asymmetricKey(stack) }),
      'encryptionKey',
      '"a key with KeySpec RSA_2048"',
      /KeySpec\.SYMMETRIC_DEFAULT and KeyUsage\.ENCRYPT_DECRYPT/,
    );
  });

  test('a LogArchive fails with an asymmetric key', () => {
    const stack = testStack();
    expectProblem(
      () => new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, encryptionKey: asymmetricKey(stack) }),
      'encryptionKey',
      '"a key with KeySpec RSA_2048"',
      /KeySpec\.SYMMETRIC_DEFAULT/,
    );
  });

  test('a LogArchive fails with an HMAC key', () => {
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Hmac', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
    expectProblem(
      () => new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, encryptionKey }),
      'encryptionKey',
      '"a key with KeySpec HMAC_256"',
      /KeyUsage\.ENCRYPT_DECRYPT/,
    );
  });

  test('a LogArchive fails with a key in another Region than its bucket', () => {
    const stack = testStack();
    expectProblem(
      () => new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, encryptionKey: kms.Key.fromKeyArn(stack, 'Far', OTHER_REGION_KEY) }),
      'encryptionKey',
      '"a resource in eu-west-1"',
      /Use one in us-east-1\./,
    );
  });
});

describe('bucket names', () => {
  const withNames = (logBucket: { bucketName?: string; accessLogsBucketName?: string }) => () =>
    new LogArchive(testStack(), 'LogArchive', { organizationId: ORG_ID, logBucket });

  test.each(['abc', 'a'.repeat(63), 'org-trail.logs-111111111111', '0-9'])('accepts %s', (name) => {
    expect(withNames({ bucketName: name, accessLogsBucketName: name })).not.toThrow();
  });

  test.each([
    ['ab', 'is shorter than 3 characters'],
    ['a'.repeat(64), 'is longer than 63 characters'],
    ['Org-Trail', 'has capitals'],
    ['-org-trail', 'starts with a hyphen'],
    ['org-trail.', 'ends with a dot'],
    ['org..trail', 'has two dots in a row'],
    ['org_trail', 'has an underscore'],
  ])('rejects %s, which %s', (name) => {
    for (const prop of ['bucketName', 'accessLogsBucketName']) {
      expectProblem(withNames({ [prop]: name }), `logBucket.${prop}`, JSON.stringify(name), /Use a name such as "org-trail-logs-111111111111"\./);
    }
  });
});

describe('Object Lock retention', () => {
  test('fails when it outlasts the expiration', () => {
    expectProblem(
      () =>
        new LogArchive(testStack(), 'LogArchive', {
          organizationId: ORG_ID,
          logBucket: { expiration: Duration.days(400), objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(2557)) },
        }),
      'logBucket.objectLockRetention',
      '"COMPLIANCE for 2557 days"',
      /Use a retention of at most Duration\.days\(400\), or a later logBucket\.expiration\./,
    );
  });

  test('equal to the expiration is accepted', () => {
    expect(
      () =>
        new LogArchive(testStack(), 'LogArchive', {
          organizationId: ORG_ID,
          logBucket: { objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(2557)) },
        }),
    ).not.toThrow();
  });
});

describe('replication', () => {
  const withReplication = (build: (stack: Stack) => LogArchiveProps['logBucket']) => () => {
    const stack = testStack();
    return new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, logBucket: build(stack) });
  };
  const farBucket = (stack: Stack, region = 'us-west-2') =>
    s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: 'arn:aws:s3:::replica', region, account: '444444444444' });
  const farKey = (stack: Stack, region = 'us-west-2') =>
    kms.Key.fromKeyArn(stack, 'ReplicaKey', `arn:aws:kms:${region}:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab`);

  test('fails with a destination key in another Region than the destination bucket', () => {
    expectProblem(
      withReplication((stack) => ({ replication: { destinationBucket: farBucket(stack), destinationKey: farKey(stack, 'eu-west-1') } })),
      'logBucket.replication.destinationKey',
      '"a resource in eu-west-1"',
      /Use one in us-west-2\./,
    );
  });

  test('fails with a destination in the log bucket\'s own Region and account', () => {
    expectProblem(
      withReplication((stack) => ({
        replication: {
          destinationBucket: s3.Bucket.fromBucketName(stack, 'Same', 'replica'),
          destinationKey: kms.Key.fromKeyArn(stack, 'SameKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
        },
      })),
      'logBucket.replication.destinationBucket',
      '"a bucket in us-east-1, account 111111111111"',
      /Name a bucket in another Region or another account\./,
    );
  });

  test('fails with an asymmetric destination key', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
    const replicaStack = new Stack(app, 'Replica', { env: { account: '111111111111', region: 'us-west-2' } });
    expectProblem(
      () =>
        new LogArchive(stack, 'LogArchive', {
          organizationId: ORG_ID,
          logBucket: { replication: { destinationBucket: farBucket(stack), destinationKey: asymmetricKey(replicaStack) } },
        }),
      'logBucket.replication.destinationKey',
      '"a key with KeySpec RSA_2048"',
      /KeySpec\.SYMMETRIC_DEFAULT/,
    );
  });

  test('fails with a destination key created in another stack, whose ARN is unknown', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
    const replicaStack = new Stack(app, 'Replica', { env: { account: '111111111111', region: 'us-west-2' } });
    expectProblem(
      () =>
        new LogArchive(stack, 'LogArchive', {
          organizationId: ORG_ID,
          logBucket: { replication: { destinationBucket: farBucket(stack), destinationKey: new kms.Key(replicaStack, 'Key') } },
        }),
      'logBucket.replication.destinationKey',
      '"the key Replica/Key"',
      /Import it with kms\.Key\.fromKeyArn\(\), giving its ARN\./,
    );
  });

  test.each([
    ['not versioned', { objectLockEnabled: false }, /Create it with versioned: true\./],
    ['without Object Lock', { versioned: true }, /Create it with objectLockEnabled: true\./],
  ])('fails with a destination bucket of this app %s', (_, bucketProps, fix) => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
    const replicaStack = new Stack(app, 'Replica', { env: { account: '111111111111', region: 'us-west-2' } });
    const destinationBucket = new s3.Bucket(replicaStack, 'Bucket', bucketProps);
    expectProblem(
      () =>
        new LogArchive(stack, 'LogArchive', {
          organizationId: ORG_ID,
          logBucket: { replication: { destinationBucket, destinationKey: farKey(replicaStack) } },
        }),
      'logBucket.replication.destinationBucket',
      '"Replica/Bucket"',
      fix,
    );
  });
});

describe('SecurityEventForwarding', () => {
  const props: SecurityEventForwardingProps = { organizationId: ORG_ID, organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] };
  const build = (override: Partial<SecurityEventForwardingProps>) => () =>
    new SecurityEventForwarding(testStack(), 'Forwarding', { ...props, ...override });

  test.each([
    ['organizationalUnitIds', { organizationalUnitIds: ['123456789012'] }, '"123456789012"', /aws organizations list-roots/],
    ['organizationalUnitIds', { organizationalUnitIds: [] }, '[]', /Give the root id/],
    ['regions', { regions: ['US East'] }, '"US East"', /Use names such as "us-east-1"\./],
    ['regions', { regions: [] }, '[]', /including us-east-1\./],
    ['eventBusName', { eventBusName: 'default' }, '"default"', /other than "default"\./],
    ['stackSetName', { stackSetName: '1-forwarding' }, '"1-forwarding"', /Start with a letter/],
    ['organizationId', { organizationId: 'org-1' }, '"org-1"', /describe-organization/],
  ])('fails with an invalid %s', (prop, override, value, fix) => {
    expectProblem(build(override), prop, value, fix);
  });
});

/** The lifecycle rule of the log bucket (the Object Lock one, beside the access-log bucket). */
function rule(stack: Stack): any {
  const buckets = Object.values<any>(Template.fromStack(stack).findResources('AWS::S3::Bucket'));
  return buckets.find((b) => b.Properties.ObjectLockEnabled).Properties.LifecycleConfiguration.Rules[0];
}

describe('storage tiers off', () => {
  const withLifecycle = (logBucket: LogArchiveProps['logBucket']) => {
    const stack = testStack();
    new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, logBucket });
    return stack;
  };

  test('keeps every log file in S3 Standard, for as little as a day, with a warning under a year', () => {
    const stack = withLifecycle({ storageTiers: false, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) });
    expect(rule(stack)).toEqual(expect.objectContaining({ ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }));
    expect(rule(stack).Transitions).toBeUndefined();
    Annotations.fromStack(stack).hasWarning(
      '/Stack/LogArchive',
      Match.stringLikeRegexp('logBucket.expiration is 1 day: log files are deleted before they are a year old.*shortLogFileRetention'),
    );
  });

  test('does not warn at a year', () => {
    const stack = withLifecycle({ storageTiers: false, expiration: Duration.days(365) });
    expect(rule(stack).ExpirationInDays).toBe(365);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('fails with a transition age, which would do nothing', () => {
    expectProblem(
      () => withLifecycle({ storageTiers: false, expiration: Duration.days(30), transitionToGlacierAfter: Duration.days(200) }),
      'logBucket.transitionToGlacierAfter',
      '200 days',
      /Remove transitionToGlacierAfter, or turn storageTiers on\./,
    );
  });

  test('still takes whole days only', () => {
    expectProblem(() => withLifecycle({ storageTiers: false, expiration: Duration.hours(12) }), 'logBucket.expiration', '12 hours', /Use Duration.days\(n\)\./);
  });

  test('with the tiers on, the default, the transitions stay', () => {
    expect(rule(withLifecycle({})).Transitions).toEqual([
      { StorageClass: 'STANDARD_IA', TransitionInDays: 90 },
      { StorageClass: 'GLACIER', TransitionInDays: 365 },
    ]);
  });
});

describe('transitions', () => {
  const withTransitions = (transitions: LogFileTransition[], more: LogArchiveProps['logBucket'] = {}) => {
    const stack = testStack();
    new LogArchive(stack, 'LogArchive', { organizationId: ORG_ID, logBucket: { transitions, ...more } });
    return stack;
  };
  const to = (storageClass: s3.StorageClass, days: number): LogFileTransition => ({ storageClass, transitionAfter: Duration.days(days) });
  const { INFREQUENT_ACCESS, INTELLIGENT_TIERING, ONE_ZONE_INFREQUENT_ACCESS, GLACIER_INSTANT_RETRIEVAL, GLACIER, DEEP_ARCHIVE } = s3.StorageClass;

  test('straight to Glacier Flexible Retrieval on the first day, skipping Standard-IA', () => {
    expect(rule(withTransitions([to(GLACIER, 1)])).Transitions).toEqual([{ StorageClass: 'GLACIER', TransitionInDays: 1 }]);
  });

  test('every class S3 moves objects to, in its order, each at the earliest age allowed', () => {
    const longest = [
      to(INFREQUENT_ACCESS, 30), to(INTELLIGENT_TIERING, 60), to(ONE_ZONE_INFREQUENT_ACCESS, 61), to(GLACIER, 91), to(DEEP_ARCHIVE, 181),
    ];
    expect(rule(withTransitions(longest, { expiration: Duration.days(2557) })).Transitions).toEqual([
      { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
      { StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 60 },
      { StorageClass: 'ONEZONE_IA', TransitionInDays: 61 },
      { StorageClass: 'GLACIER', TransitionInDays: 91 },
      { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 181 },
    ]);
    expect(rule(withTransitions([to(GLACIER_INSTANT_RETRIEVAL, 1), to(GLACIER, 91)])).Transitions).toHaveLength(2);
  });

  test('[] keeps every log file in S3 Standard, as storageTiers: false does', () => {
    expect(rule(withTransitions([], { expiration: Duration.days(400) })).Transitions).toBeUndefined();
  });

  test('fails with Standard-IA or One Zone-IA before 30 days', () => {
    expect(() => withTransitions([to(INFREQUENT_ACCESS, 29)])).toThrow(
      'logBucket.transitions[0].transitionAfter: S3 moves objects to Standard-IA only once they are 30 days old (received 29 days). Use Duration.days(30) or more.',
    );
    expect(() => withTransitions([to(ONE_ZONE_INFREQUENT_ACCESS, 29)])).toThrow(
      'logBucket.transitions[0].transitionAfter: S3 moves objects to One Zone-IA only once they are 30 days old (received 29 days).',
    );
  });

  test('fails with a class S3 does not move objects to from the one before', () => {
    expect(() => withTransitions([to(GLACIER, 100), to(INFREQUENT_ACCESS, 200)])).toThrow(
      'logBucket.transitions[1].storageClass: comes after Glacier, and S3 moves objects from Glacier only to Deep Archive (received "STANDARD_IA"). ' +
        'Order the transitions as S3 allows: Standard-IA, Intelligent-Tiering, One Zone-IA, Glacier Instant Retrieval, Glacier, Deep Archive.',
    );
    expect(() => withTransitions([to(ONE_ZONE_INFREQUENT_ACCESS, 30), to(GLACIER_INSTANT_RETRIEVAL, 60)])).toThrow(
      'logBucket.transitions[1].storageClass: comes after One Zone-IA, and S3 moves objects from One Zone-IA only to Glacier, Deep Archive (received "GLACIER_IR").',
    );
  });

  test('fails with a transition sooner than the stay the class before asks', () => {
    expect(() => withTransitions([to(INFREQUENT_ACCESS, 30), to(GLACIER, 59)])).toThrow(
      'logBucket.transitions[1].transitionAfter: must come at least 30 days after the Standard-IA transition (30 days) (received 59 days). ' +
        'Use Duration.days(60) or more, or move the Standard-IA transition earlier.',
    );
    expect(() => withTransitions([to(GLACIER_INSTANT_RETRIEVAL, 1), to(GLACIER, 90)])).toThrow(
      'logBucket.transitions[1].transitionAfter: must come at least 90 days after the Glacier Instant Retrieval transition (1 days) (received 90 days).',
    );
  });

  test('fails with an expiration that does not come after the last transition', () => {
    expect(() => withTransitions([to(DEEP_ARCHIVE, 400)], { expiration: Duration.days(400) })).toThrow(
      'logBucket.expiration: must come after the Deep Archive transition (400 days), or log files are deleted before they are tiered (received 400 days). ' +
        'Use Duration.days(580) or more, or move the transitions earlier.',
    );
  });

  test('fails with a storage class S3 lifecycle rules do not move objects to', () => {
    expect(() => withTransitions([to(new s3.StorageClass('STANDARD'), 30)])).toThrow(
      'logBucket.transitions[0].storageClass: is not a storage class an S3 lifecycle rule moves objects to (received "STANDARD"). ' +
        'Use one of STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE.',
    );
  });

  test('fails with the props it replaces, naming each', () => {
    expectProblem(() => withTransitions([to(GLACIER, 1)], { storageTiers: true }), 'logBucket.storageTiers', 'true', /transitions: \[\] keeps log files in S3 Standard/);
    expectProblem(
      () => withTransitions([to(GLACIER, 1)], { transitionToGlacierAfter: Duration.days(365) }),
      'logBucket.transitionToGlacierAfter',
      '365 days',
      /Remove transitionToGlacierAfter, and list that transition in transitions\./,
    );
  });
});
