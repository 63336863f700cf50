/**
 * Checks what `npm pack` would publish (run after the jsii compile): the compiled library with its type declarations,
 * the jsii assembly, the docs a user reads, and nothing else. Prints the list's size and exits non-zero on a problem.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

const ALLOWED = [/^lib\/.+\.js$/, /^lib\/.+\.d\.ts$/, /^\.jsii$/, /^(API|CHANGELOG|README)\.md$/, /^LICENSE$/, /^package\.json$/];
const REQUIRED = ['lib/index.js', 'lib/index.d.ts', '.jsii', 'API.md', 'README.md', 'LICENSE', 'package.json'];

const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const files: string[] = packed.files.map((f: { path: string }) => f.path);
const unexpected = files.filter((f) => !ALLOWED.some((pattern) => pattern.test(f)));
const missing = REQUIRED.filter((f) => !files.includes(f));
// Every compiled source file ships with its declarations, and nothing compiled from tests or scripts does.
const sources = fs.readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const uncompiled = sources.filter((f) => !files.includes(`lib/${f}.js`) || !files.includes(`lib/${f}.d.ts`));

console.log(`npm pack: ${files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
for (const [what, list] of [['unexpected', unexpected], ['missing', missing], ['source without its compiled file', uncompiled]] as const) {
  if (list.length > 0) console.error(`${what}: ${list.join(', ')}`);
}
if (unexpected.length + missing.length + uncompiled.length > 0) process.exit(1);
