import * as fs from 'fs';
import * as path from 'path';
import { extractSnippets } from './snippets';

// What runs in the README's test command: the extraction the README programs' proof depends on. Compiling and
// synthesizing the README's programs costs about 12 s of a 60 s budget, so CI runs it (readme-programs.test.ts).

/** A README in miniature: a program, a block in a list, shell and Markdown blocks that are not snippets. */
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
].join('\n');

describe('extractSnippets', () => {
  test('finds the ts and typescript blocks with the README line of their first line, and nothing else', () => {
    const snippets = extractSnippets(SAMPLE, 'sample.md');
    expect(snippets.map((s) => s.line)).toEqual([4, 12, 23]);
    expect(snippets[0].code).toBe("new OrganizationTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5' });");
    expect(snippets[1].code.split('\n')).toHaveLength(6);
    // The list item's indentation is removed
    expect(snippets[2].code).toBe('trail.addDataEvents(DataEvent.allS3Objects({ readOnly: false }));');
    expect(snippets.map((s) => s.code).join('\n')).not.toContain('npm install');
    expect(snippets.map((s) => s.code).join('\n')).not.toContain('Markdown showing a fence');
  });

  test('every README example is a program: it imports what it uses and creates its App', () => {
    const readme = extractSnippets(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8'), 'README.md');
    expect(readme.length).toBeGreaterThanOrEqual(8);
    for (const snippet of readme) {
      expect([snippet.line, /^import .* from 'cdk-organization-trail';$/m.test(snippet.code)]).toEqual([snippet.line, true]);
      expect([snippet.line, /new App\(/.test(snippet.code)]).toEqual([snippet.line, true]);
    }
  });
});
