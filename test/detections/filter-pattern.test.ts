import * as logs from 'aws-cdk-lib/aws-logs';
import { DetectionTest } from '../../src';

const event = {
  eventName: 'PutBucketPolicy',
  errorCode: 'AccessDenied',
  sourceIPAddress: '203.0.113.10',
  userIdentity: { type: 'IAMUser', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
  requestParameters: { maxResults: 50, nothing: null, flag: true, off: false, tags: ['a', 'b'], items: [{ name: 'first' }] },
};

const matches = (pattern: string, record: object = event) => DetectionTest.filterPatternMatches(logs.FilterPattern.literal(pattern), record);

describe('CloudWatch Logs filter patterns: the grammar AWS documents', () => {
  test.each([
    ['{ $.eventName = "PutBucketPolicy" }', true],
    ['{ $.eventName = PutBucketPolicy }', true],
    ['{ $.eventName = "putbucketpolicy" }', false], // case-sensitive
    ['{ $.eventName = "PutBucket*" }', true],
    ['{ $.eventName = "*Policy" }', true],
    ['{ $.eventName = "Put*Policy" }', true],
    ['{ $.eventName = "*Acl" }', false],
    ['{ $.eventName = "*" }', true],
    ['{ $.missing = "*" }', false],
    ['{ $.eventName != "DeleteBucket" }', true],
    ['{ $.eventName != "PutBucket*" }', false],
    ['{ $.sourceIPAddress = 203.0.113.* }', true],
    ['{ $.sourceIPAddress != 203.0.* }', false],
    ['{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "false" }', true],
    ['{ $.requestParameters.maxResults = 50 }', true],
    ['{ $.requestParameters.maxResults != 50 }', false],
    ['{ $.requestParameters.maxResults >= 50 }', true],
    ['{ $.requestParameters.maxResults > 50 }', false],
    ['{ $.requestParameters.maxResults <= 50 }', true],
    ['{ $.requestParameters.maxResults < 50 }', false],
    ['{ $.requestParameters.maxResults > 49.5 }', true],
    ['{ $.requestParameters.maxResults < -1 }', false],
    ['{ $.requestParameters.nothing IS NULL }', true],
    ['{ $.requestParameters.missing IS NULL }', false],
    ['{ $.requestParameters.missing NOT EXISTS }', true],
    ['{ $.requestParameters.nothing NOT EXISTS }', false],
    ['{ $.requestParameters.flag IS TRUE }', true],
    ['{ $.requestParameters.off IS TRUE }', false],
    ['{ $.requestParameters.off IS FALSE }', true],
    ['{ $.requestParameters.tags[0] = "a" }', true],
    ['{ $.requestParameters.tags[1] = "a" }', false],
    ['{ $.requestParameters.tags[5] = "a" }', false],
    ['{ $.requestParameters.items[0].name = "first" }', true],
    ['{ $.eventName = %Put[A-Za-z]+Policy% }', true],
    ['{ $.eventName = %^Delete% }', false],
    ['', true],
  ])('%s matches: %s', (pattern, expected) => {
    expect(matches(pattern)).toBe(expected);
  });

  test('&& binds tighter than ||, and parentheses override it', () => {
    // true || (false && false) is true; (true || false) && false is false.
    expect(matches('{ $.errorCode = "AccessDenied" || $.eventName = "x" && $.eventName = "y" }')).toBe(true);
    expect(matches('{ ($.errorCode = "AccessDenied" || $.eventName = "x") && $.eventName = "y" }')).toBe(false);
    // (false && true) || true
    expect(matches('{ $.eventName = "x" && $.errorCode = "AccessDenied" || $.sourceIPAddress = "203.0.113.10" }')).toBe(true);
    expect(matches('{ (((($.eventName = "PutBucketPolicy")))) }')).toBe(true);
  });

  test('the patterns aws-cdk-lib builds evaluate as they read', () => {
    const F = logs.FilterPattern;
    const pattern = F.all(F.stringValue('$.eventName', '=', 'PutBucketPolicy'), F.any(F.numberValue('$.requestParameters.maxResults', '>', 10), F.notExists('$.errorCode')));
    expect(DetectionTest.filterPatternMatches(pattern, event)).toBe(true);
    expect(DetectionTest.filterPatternMatches(F.all(F.exists('$.errorCode'), F.isNull('$.requestParameters.nothing')), event)).toBe(true);
    expect(DetectionTest.filterPatternMatches(F.booleanValue('$.requestParameters.flag', false), event)).toBe(false);
    expect(DetectionTest.filterPatternMatches(F.allEvents(), event)).toBe(true);
  });

  describe('behaviour AWS does not document is not guessed', () => {
    test('!= on a field the event lacks', () => {
      expect(() => matches('{ $.missing != "x" }')).toThrow(/does not document: \$\.missing != "x" on an event without \$\.missing/);
    });

    test('a comparison on an object or array', () => {
      expect(() => matches('{ $.userIdentity = "x" }')).toThrow(/compares an object or array/);
      expect(() => matches('{ $.requestParameters.tags = "a" }')).toThrow(/compares an object or array/);
    });

    test('a field of an array without an index', () => {
      expect(() => matches('{ $.requestParameters.items.name = "first" }')).toThrow(/reads a field of an array without an index/);
    });

    test('is not asked for when the rest of the pattern decides', () => {
      expect(matches('{ $.eventName = "x" && $.missing != "x" }')).toBe(false);
      expect(matches('{ $.missing != "x" && $.eventName = "x" }')).toBe(false);
      expect(matches('{ $.missing != "x" || $.eventName = "PutBucketPolicy" }')).toBe(true);
      expect(() => matches('{ $.missing != "x" || $.eventName = "x" }')).toThrow(/does not document/);
    });
  });

  test.each([
    ['ERROR', /Only JSON filter patterns/],
    ['{ $.eventName = "x" ', /Only JSON filter patterns/],
    ['{ $.eventName = }', /expected a value after \$\.eventName =/],
    ['{ ($.eventName = "x" }', /expected "\)" at the end/],
    ['{ $.eventName = "x" ) }', /unexpected "\)"/],
    ['{ eventName = "x" }', /expected a selector/],
    ['{ $.eventName IS MAYBE }', /"IS MAYBE" is not IS NULL/],
    ['{ $.eventName = "x }', /quoted value is not closed/],
    ['{ $.eventName > "x" }', /for numbers only/],
    ['{ $.a..b = 1 }', /is not a selector/],
  ])('%s is refused with a clear error', (pattern, error) => {
    expect(() => matches(pattern)).toThrow(error);
  });

  test('a record must be a JSON object', () => {
    expect(() => DetectionTest.filterPatternMatches(logs.FilterPattern.allEvents(), [event])).toThrow(/A CloudTrail record is a JSON object/);
  });
});
