import * as fs from 'fs';
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

/** The fixtures every snippet may use without declaring them, unless it declares a name of its own. */
const FIXTURES: Array<[name: string, type: string]> = [
  ['app', 'FixtureApp'],
  ['stack', 'FixtureStack'],
  ['scope', 'FixtureConstruct'],
  ['trail', 'FixtureOrganizationTrail'],
  ['bucket', 'fixtureS3.IBucket'],
  ['encryptionKey', 'fixtureKms.IKey'],
  ['logGroup', 'fixtureLogs.ILogGroup'],
  ['topic', 'fixtureSns.ITopic'],
];

/** Type-only imports of the fixtures' types, aliased so that they never clash with a snippet's own imports. */
const FIXTURE_TYPES = [
  "import type { App as FixtureApp, Stack as FixtureStack } from 'aws-cdk-lib';",
  "import type { Construct as FixtureConstruct } from 'constructs';",
  "import type * as fixtureKms from 'aws-cdk-lib/aws-kms';",
  "import type * as fixtureLogs from 'aws-cdk-lib/aws-logs';",
  "import type * as fixtureS3 from 'aws-cdk-lib/aws-s3';",
  "import type * as fixtureSns from 'aws-cdk-lib/aws-sns';",
  "import type { OrganizationTrail as FixtureOrganizationTrail } from 'cdk-organization-trail';",
];

/** What a snippet without import lines may use: the common aws-cdk-lib names, and every export of the package. */
const COMMON_IMPORTS: Array<[module: string, names: string[] | string]> = [
  ['aws-cdk-lib', ['App', 'Aws', 'CfnOutput', 'Duration', 'Fn', 'RemovalPolicy', 'Stack', 'Tags']],
  ['aws-cdk-lib/aws-cloudtrail', 'cloudtrail'],
  ['aws-cdk-lib/aws-cloudwatch', 'cloudwatch'],
  ['aws-cdk-lib/aws-events', 'events'],
  ['aws-cdk-lib/aws-iam', 'iam'],
  ['aws-cdk-lib/aws-kms', 'kms'],
  ['aws-cdk-lib/aws-logs', 'logs'],
  ['aws-cdk-lib/aws-s3', 's3'],
  ['aws-cdk-lib/aws-sns', 'sns'],
  ['constructs', ['Construct']],
];

/**
 * Type-checks snippets in ONE program, with the package name `cdk-organization-trail` mapped to src/index.ts.
 * A snippet without import lines gets the common imports; every snippet gets the fixtures it does not declare.
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
  const packageExports = exportedNames(PACKAGE_INDEX);
  const files = snippets.map((snippet, i) => {
    const header = headerFor(snippet.code, packageExports);
    return {
      snippet,
      name: path.join(ROOT, 'test', 'docs', `snippet-${i}.ts`),
      headerLines: header.length,
      text: [...header, snippet.code, 'export {};', ''].join('\n'),
    };
  });
  const virtual = new Map(files.map((f) => [f.name, f.text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram(files.map((f) => f.name), options, host);
  return files.map(({ snippet, name, headerLines }) => {
    const file = program.getSourceFile(name)!;
    const errors = ts.getPreEmitDiagnostics(program, file).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      if (d.file !== file || d.start === undefined) return `${snippet.source}:${snippet.line}: ${message}${d.file ? ` (in ${d.file.fileName})` : ''}`;
      const line = file.getLineAndCharacterOfPosition(d.start).line - headerLines;
      if (line < 0) return `${snippet.source}:${snippet.line}: ${message} (in the fixture header)`;
      return `${snippet.source}:${snippet.line + line}: ${message}\n    ${snippet.code.split('\n')[line].trim()}`;
    });
    return { snippet, errors };
  });
}

/** The lines put before a snippet: common imports if it has none, then the fixtures it does not declare. */
function headerFor(code: string, packageExports: string[]): string[] {
  const { declared, hasImports } = topLevelNames(code);
  const header: string[] = [];
  if (!hasImports) {
    const free = (names: string[]) => names.filter((n) => !declared.has(n));
    for (const [module, names] of COMMON_IMPORTS) {
      if (typeof names === 'string') {
        if (!declared.has(names)) header.push(`import * as ${names} from '${module}';`);
      } else if (free(names).length) {
        header.push(`import { ${free(names).join(', ')} } from '${module}';`);
      }
    }
    const common = new Set(COMMON_IMPORTS.flatMap(([, names]) => names));
    header.push(`import { ${free(packageExports.filter((n) => !common.has(n))).join(', ')} } from 'cdk-organization-trail';`);
  }
  header.push(...FIXTURE_TYPES);
  for (const [name, type] of FIXTURES) if (!declared.has(name)) header.push(`declare const ${name}: ${type};`);
  return header;
}

/** The names a snippet declares or imports at its top level, and whether it has import lines. */
function topLevelNames(code: string): { declared: Set<string>; hasImports: boolean } {
  const file = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest);
  const declared = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else name.elements.forEach((e) => ts.isBindingElement(e) && addBinding(e.name));
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((d) => addBinding(d.name));
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) declared.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) declared.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) namedBindings.elements.forEach((e) => declared.add(e.name.text));
    } else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      declared.add((statement.name as ts.Identifier).text);
    }
  }
  return { declared, hasImports: file.statements.some(ts.isImportDeclaration) };
}

/** The names a module exports, following `export * from` into the package's own files. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        names.push(...statement.exportClause.elements.map((e) => e.name.text));
      } else if (!statement.exportClause) {
        const base = path.resolve(path.dirname(file), statement.moduleSpecifier.text);
        names.push(...exportedNames(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts')));
      }
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(statement)) {
        statement.declarationList.declarations.forEach((d) => ts.isIdentifier(d.name) && names.push(d.name.text));
      } else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
        names.push((statement.name as ts.Identifier).text);
      }
    }
  }
  return [...new Set(names)].sort();
}
