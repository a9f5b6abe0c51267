import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from './cli.js';

/**
 * The modules a source file brings in, followed transitively through relative imports (resolved to their .ts or
 * .tsx file): `files` relative to the project root, sorted, and the bare package names imported. Erased imports
 * (`import type`, `export type`) load nothing at run time and are left out. `dynamic` also follows `import('…')`
 * calls: with it the closure is everything the entry may ever load; without it, what loads before it runs.
 */
export function importClosure(entry: string, options: { dynamic: boolean }): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  const add = (from: string, name: string): void => {
    if (name.startsWith('.')) pending.push(sourceFile(dirname(from), name));
    else packages.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.startsWith('node:') ? name : name.split('/')[0]);
  };
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      const erased =
        (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) || (ts.isExportDeclaration(statement) && statement.isTypeOnly);
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!erased && specifier && ts.isStringLiteral(specifier)) add(file, specifier.text);
    }
    if (options.dynamic) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) {
          const [argument] = node.arguments;
          if (ts.isStringLiteral(argument)) add(file, argument.text);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() };
}

/** `./x.js` as written in an import → the .ts or .tsx source beside it. */
function sourceFile(directory: string, name: string): string {
  for (const extension of ['.ts', '.tsx']) {
    const candidate = resolve(directory, name.replace(/\.js$/, extension));
    if (existsSync(candidate)) return candidate;
  }
  return resolve(directory, name);
}
