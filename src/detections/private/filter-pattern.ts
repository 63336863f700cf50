import { Outcome, Undecided, allOf, anyOf, decided } from './undecided';
import { wildcardRegex } from '../../core/wildcard';

/**
 * An evaluator of CloudWatch Logs JSON filter patterns (`{ ... }`), the grammar AWS documents for metric filters:
 * `=` and `!=` on strings with `*` wildcards, numeric `=`, `!=`, `<`, `<=`, `>`, `>=`, regular expressions between
 * `%`, `IS NULL`, `NOT EXISTS`, `IS TRUE` and `IS FALSE`, array elements by index (`$.a[0].b`), `&&` binding tighter
 * than `||`, and parentheses. The empty pattern matches every event.
 *
 * Where the outcome depends on behaviour AWS does not document (`!=` on a field the event lacks, a comparison on an
 * object or array, a field of an array read without an index) and the rest of the pattern does not decide it, it
 * throws {@link Undecided} rather than guess: a detection that relies on it is not proven by a test.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function filterPatternMatches(pattern: string, event: unknown): boolean {
  const text = pattern.trim();
  if (text === '') return true;
  if (!text.startsWith('{') || !text.endsWith('}')) {
    throw new Error(`Only JSON filter patterns ({ ... }) are evaluated; CloudTrail records are JSON (received ${JSON.stringify(pattern)}).`);
  }
  const parser = new Parser(tokenize(text.slice(1, -1), pattern), pattern);
  const expression = parser.parseExpression();
  parser.expectEnd();
  const outcome = expression(event);
  return decided(outcome);
}

type Predicate = (event: unknown) => Outcome;


interface Token {
  readonly kind: 'open' | 'close' | 'and' | 'or' | 'operator' | 'selector' | 'string' | 'word' | 'regex';
  readonly text: string;
}

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'];
/** Characters that end an unquoted value or a selector. */
const DELIMITERS = new Set([' ', '\t', '\n', '\r', '(', ')', '&', '|', '=', '!', '<', '>', '"']);

function tokenize(source: string, pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readWhile = (accept: (c: string) => boolean): string => {
    const start = i;
    while (i < source.length && accept(source[i])) i++;
    return source.slice(start, i);
  };
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else if (source.startsWith('&&', i) || source.startsWith('||', i)) {
      tokens.push({ kind: c === '&' ? 'and' : 'or', text: source.slice(i, i + 2) });
      i += 2;
    } else if (OPERATORS.some((op) => source.startsWith(op, i))) {
      const op = OPERATORS.find((o) => source.startsWith(o, i))!;
      tokens.push({ kind: 'operator', text: op });
      i += op.length;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < source.length) i++;
        value += source[i++];
      }
      if (i >= source.length) throw syntaxError(pattern, 'a quoted value is not closed');
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (c === '%') {
      const end = source.indexOf('%', i + 1);
      if (end < 0) throw syntaxError(pattern, 'a regular expression is not closed with %');
      tokens.push({ kind: 'regex', text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      const word = readWhile((ch) => !DELIMITERS.has(ch));
      if (word === '') throw syntaxError(pattern, `unexpected ${JSON.stringify(c)}`);
      tokens.push({ kind: word.startsWith('$') ? 'selector' : 'word', text: word });
    }
  }
  return tokens;
}

function syntaxError(pattern: string, problem: string): Error {
  return new Error(`Not a valid filter pattern: ${problem} in ${JSON.stringify(pattern)}.`);
}

/** Recursive descent: expression := and ('||' and)*; and := term ('&&' term)*; term := '(' expression ')' | test. */
class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[], private readonly pattern: string) {}

  public parseExpression(): Predicate {
    const alternatives = [this.parseConjunction()];
    while (this.peek()?.kind === 'or') {
      this.position++;
      alternatives.push(this.parseConjunction());
    }
    return alternatives.length === 1 ? alternatives[0] : (event) => anyOf(alternatives.map((p) => p(event)));
  }

  public expectEnd(): void {
    const next = this.peek();
    if (next) throw syntaxError(this.pattern, `unexpected ${JSON.stringify(next.text)}`);
  }

  private parseConjunction(): Predicate {
    const terms = [this.parseTerm()];
    while (this.peek()?.kind === 'and') {
      this.position++;
      terms.push(this.parseTerm());
    }
    return terms.length === 1 ? terms[0] : (event) => allOf(terms.map((p) => p(event)));
  }

  private parseTerm(): Predicate {
    const token = this.next('a condition');
    if (token.kind === 'open') {
      const inner = this.parseExpression();
      if (this.next('")"').kind !== 'close') throw syntaxError(this.pattern, 'a parenthesis is not closed');
      return inner;
    }
    if (token.kind !== 'selector') throw syntaxError(this.pattern, `expected a selector such as $.eventName, not ${JSON.stringify(token.text)}`);
    return this.parseTest(token.text);
  }

  private parseTest(selectorText: string): Predicate {
    const path = parseSelector(selectorText, this.pattern);
    const token = this.next(`an operator after ${selectorText}`);
    if (token.kind === 'word' && (token.text === 'IS' || token.text === 'NOT')) {
      const keyword = this.next(`a keyword after ${selectorText} ${token.text}`).text;
      return keywordTest(`${token.text} ${keyword}`, path, selectorText, this.pattern);
    }
    if (token.kind !== 'operator') throw syntaxError(this.pattern, `expected an operator after ${selectorText}`);
    const value = this.next(`a value after ${selectorText} ${token.text}`);
    if (!['string', 'word', 'regex'].includes(value.kind)) throw syntaxError(this.pattern, `expected a value after ${selectorText} ${token.text}`);
    return comparison(path, selectorText, token.text, value);
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position++];
    if (!token) throw syntaxError(this.pattern, `expected ${expected} at the end`);
    return token;
  }
}

type PathStep = string | number;

/** `$.a.b[0].c` into `['a', 'b', 0, 'c']`. */
function parseSelector(selector: string, pattern: string): PathStep[] {
  const steps: PathStep[] = [];
  const stepPattern = /\.([^.[\]]+)|\[(\d+)\]/y;
  let index = 1;
  while (index < selector.length) {
    stepPattern.lastIndex = index;
    const match = stepPattern.exec(selector);
    if (!match) throw syntaxError(pattern, `${JSON.stringify(selector)} is not a selector of the form $.name.name[0]`);
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
    index = stepPattern.lastIndex;
  }
  if (steps.length === 0) throw syntaxError(pattern, 'a selector names no field');
  return steps;
}

const ABSENT = Symbol('absent');

function select(event: unknown, path: PathStep[], selector: string): unknown {
  let current: unknown = event;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return ABSENT;
      current = step < current.length ? current[step] : ABSENT;
    } else {
      if (Array.isArray(current)) {
        return Undecided.undocumented(`${selector} reads a field of an array without an index`, 'Select one element, e.g. [0].');
      }
      if (current === null || typeof current !== 'object' || !(step in current)) return ABSENT;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** A test of the selected value; a selection that is itself undecided stays undecided. */
function onValue(path: PathStep[], selector: string, test: (value: unknown) => Outcome): Predicate {
  return (event) => {
    const value = select(event, path, selector);
    return value instanceof Undecided ? value : test(value);
  };
}

const KEYWORDS: Record<string, unknown> = { 'IS NULL': null, 'NOT EXISTS': ABSENT, 'IS TRUE': true, 'IS FALSE': false };

function keywordTest(keyword: string, path: PathStep[], selector: string, pattern: string): Predicate {
  if (!(keyword in KEYWORDS)) throw syntaxError(pattern, `${JSON.stringify(keyword)} is not IS NULL, NOT EXISTS, IS TRUE or IS FALSE`);
  return onValue(path, selector, (value) => value === KEYWORDS[keyword]);
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function comparison(path: PathStep[], selector: string, operator: string, value: Token): Predicate {
  const numeric = value.kind === 'word' && NUMBER.test(value.text);
  if (['<', '<=', '>', '>='].includes(operator)) {
    if (!numeric) throw new Error(`${selector} ${operator} ${value.text}: AWS documents ${operator} for numbers only.`);
    const bound = Number(value.text);
    return onValue(path, selector, (actual) => typeof actual === 'number' && compareNumbers(actual, operator, bound));
  }
  const equals = numeric ? numberEquals(Number(value.text)) : value.kind === 'regex' ? regexEquals(value.text) : globEquals(value.text);
  const description = `${selector} ${operator} ${value.kind === 'string' ? JSON.stringify(value.text) : value.text}`;
  return onValue(path, selector, (actual) => {
    if (actual !== null && typeof actual === 'object') {
      return Undecided.undocumented(`${description} compares an object or array`, 'Compare one of its fields instead.');
    }
    if (operator === '=') return actual !== ABSENT && equals(actual);
    if (actual === ABSENT) {
      return Undecided.undocumented(
        `${description} on an event without ${selector}`,
        `Add ${selector} to the record, or guard the test with ($.field = "*") or NOT EXISTS.`,
      );
    }
    return !equals(actual);
  });
}

function compareNumbers(actual: number, operator: string, bound: number): boolean {
  switch (operator) {
    case '<': return actual < bound;
    case '<=': return actual <= bound;
    case '>': return actual > bound;
    default: return actual >= bound;
  }
}

function numberEquals(expected: number): (actual: unknown) => boolean {
  return (actual) => typeof actual === 'number' && actual === expected;
}

function regexEquals(source: string): (actual: unknown) => boolean {
  const regex = new RegExp(source);
  return (actual) => typeof actual === 'string' && regex.test(actual);
}

/** Exact, case-sensitive text, where each `*` stands for any run of characters (a lone `*` for any value). */
function globEquals(expected: string): (actual: unknown) => boolean {
  const regex = wildcardRegex(expected);
  return (actual) => actual !== null && typeof actual !== 'object' && regex.test(String(actual));
}
