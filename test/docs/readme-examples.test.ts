import * as fs from 'fs';
import * as path from 'path';
import { SnippetResult, extractSnippets, typeCheckSnippets } from './snippets';

/** A README in miniature: a snippet using the fixtures, one with its own imports, one in a list, one with a typo. */
const SAMPLE = [
  '# Sample', //                                                         1
  '',
  '```ts',
  "new OrganizationTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5' });", // 4
  '```',
  '',
  '```sh',
  'npm install cdk-organization-trail',
  '```',
  '', //                                                                  10
  '```typescript',
  "import { App, Stack } from 'aws-cdk-lib';", //                          12
  "import { OrganizationTrail as Trail } from 'cdk-organization-trail';",
  '',
  'const app = new App();',
  "const stack = new Stack(app, 'Stack');",
  "new Trail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5' });",
  '```',
  '',
  '- In a list item:', //                                                 20
  '',
  '  ```ts',
  '  trail.addDataEvents(DataEvent.allS3Objects({ readOnly: false }));', // 23
  '  ```',
  '',
  '````md',
  '```ts',
  'Markdown showing a fence: not a snippet',
  '```',
  '````', //                                                              30
  '',
  '```ts',
  "new OrganizationTrail(stack, 'Trail', {", //                             33
  "  organisationId: 'o-a1b2c3d4e5',", //                                   34
  '});',
  '```',
].join('\n');

const README = path.join(__dirname, '..', '..', 'README.md');
const readmeSnippets = extractSnippets(fs.readFileSync(README, 'utf-8'), 'README.md');

describe('extractSnippets', () => {
  test('finds the ts and typescript blocks with the README line of their first line, and nothing else', () => {
    const snippets = extractSnippets(SAMPLE, 'sample.md');
    expect(snippets.map((s) => s.line)).toEqual([4, 12, 23, 33]);
    expect(snippets[0].code).toBe("new OrganizationTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5' });");
    expect(snippets[1].code.split('\n')).toHaveLength(6);
    // The list item's indentation is removed
    expect(snippets[2].code).toBe('trail.addDataEvents(DataEvent.allS3Objects({ readOnly: false }));');
    expect(snippets.map((s) => s.code).join('\n')).not.toContain('npm install');
    expect(snippets.map((s) => s.code).join('\n')).not.toContain('Markdown showing a fence');
  });

  test('finds the README examples', () => {
    expect(readmeSnippets.length).toBeGreaterThanOrEqual(2);
  });
});

describe('README examples type-check', () => {
  let sample: SnippetResult[];
  let readme: SnippetResult[];
  beforeAll(() => {
    // One program for every snippet: the library's types are loaded once
    const results = typeCheckSnippets([...extractSnippets(SAMPLE, 'sample.md'), ...readmeSnippets]);
    sample = results.filter((r) => r.snippet.source === 'sample.md');
    readme = results.filter((r) => r.snippet.source === 'README.md');
  });

  test('snippets without imports get the fixtures and every export of the package; snippets with imports their own', () => {
    expect(sample.slice(0, 3).map((r) => r.errors)).toEqual([[], [], []]);
  });

  test('a snippet that does not compile fails with the diagnostic and its line in the Markdown file', () => {
    const [error, ...others] = sample[3].errors;
    expect(others).toEqual([]);
    expect(error).toMatch(/^sample\.md:34: Object literal may only specify known properties, .* 'organisationId' does not exist/);
    expect(error).toContain("organisationId: 'o-a1b2c3d4e5',");
  });

  test.each(readmeSnippets.map((s) => [s.line, s]))('README.md example at line %i compiles', (_, snippet) => {
    const result = readme.find((r) => r.snippet === snippet)!;
    if (result.errors.length) throw new Error(`README.md example at line ${snippet.line} does not compile:\n${result.errors.join('\n')}`);
  });
});
