import { createRequire } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_INDEX = path.join(ROOT, 'src', 'index.ts');

/** A TypeScript code block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, as named in messages. */
  readonly source: string;
  /** The line of the block's first line of code in that file (1-based). */
  readonly line: number;
  readonly code: string;
}

/** A snippet and the compiler's errors on it, each as `<source>:<line>: <message>` and the line of code. */
export interface SnippetResult {
  readonly snippet: Snippet;
  readonly errors: string[];
}

/**
 * The ```ts and ```typescript code blocks of a Markdown text. Blocks in other languages (and anything inside them,
 * such as a Markdown block that shows a fence) are skipped; the indentation of a block in a list item is removed.
 */
export function extractSnippets(markdown: string, source: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let open: { fence: string; indent: number; start: number; typescript: boolean } | undefined;
  lines.forEach((text, i) => {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
    if (!open) {
      if (fence) open = { fence: fence[2], indent: fence[1].length, start: i + 1, typescript: /^(ts|typescript)$/.test(fence[3]) };
    } else if (fence && fence[2][0] === open.fence[0] && fence[2].length >= open.fence.length && text.trim() === fence[2]) {
      if (open.typescript) {
        const body = lines.slice(open.start, i).map((l) => l.slice(Math.min(open!.indent, l.length - l.trimStart().length)));
        snippets.push({ source, line: open.start + 1, code: body.join('\n') });
      }
      open = undefined;
    }
  });
  return snippets;
}

/**
 * Type-checks snippets in ONE program (aws-cdk-lib's types are loaded once), with the package name
 * `cdk-organization-trail` mapped to src/index.ts. Each snippet is compiled as written: a complete program, with
 * nothing declared or imported for it.
 */
export function typeCheckSnippets(snippets: Snippet[]): SnippetResult[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    paths: { 'cdk-organization-trail': [PACKAGE_INDEX] },
  };
  const files = snippets.map((snippet, i) => ({
    snippet,
    name: path.join(ROOT, 'test', 'docs', `snippet-${i}.ts`),
    // A snippet without imports would otherwise share one global scope with the others
    text: [snippet.code, 'export {};', ''].join('\n'),
  }));
  const virtual = new Map(files.map((f) => [f.name, f.text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram(files.map((f) => f.name), options, host);
  return files.map(({ snippet, name }) => {
    const file = program.getSourceFile(name)!;
    const errors = ts.getPreEmitDiagnostics(program, file).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      if (d.file !== file || d.start === undefined) return `${snippet.source}:${snippet.line}: ${message}${d.file ? ` (in ${d.file.fileName})` : ''}`;
      const line = file.getLineAndCharacterOfPosition(d.start).line;
      return `${snippet.source}:${snippet.line + line}: ${message}\n    ${snippet.code.split('\n')[line].trim()}`;
    });
    return { snippet, errors };
  });
}

/**
 * Runs a snippet as the program it is: compiled to CommonJS and evaluated with `modules` answering the imports it
 * names (the package, and aws-cdk-lib with an App that a harness can watch); every other import is Node's own.
 */
export function runProgram(snippet: Snippet, modules: Record<string, unknown>): void {
  const { outputText } = ts.transpileModule(snippet.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: `${snippet.source}:${snippet.line}.ts`,
  });
  const nodeRequire = createRequire(__filename);
  const requireFor = (specifier: string): unknown => (specifier in modules ? modules[specifier] : nodeRequire(specifier));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', outputText)(requireFor, module, module.exports);
}
