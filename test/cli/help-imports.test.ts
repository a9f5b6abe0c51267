import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The modules Node loads before `main` runs: the static imports of the CLI entry, followed transitively. Erased
 * imports (`import type`, `export type`) are left out; dynamic `import()` is not followed (it loads when it runs).
 */
function staticImportClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      const erased =
        (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) || (ts.isExportDeclaration(statement) && statement.isTypeOnly);
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (erased || !specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) pending.push(resolve(dirname(file), name.replace(/\.js$/, readableExtension(dirname(file), name))));
      else packages.add(name);
    }
  }
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() };
}

function readableExtension(directory: string, name: string): string {
  for (const extension of ['.ts', '.tsx']) {
    try {
      readFileSync(resolve(directory, name.replace(/\.js$/, extension)));
      return extension;
    } catch {
      // try the next extension
    }
  }
  return '.js';
}

describe('what `stopwise --help` loads', () => {
  const closure = staticImportClosure(resolve(ROOT, 'src/cli/main.ts'));

  it('finds the table and help text modules (the walk works)', () => {
    expect(closure.files).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/command-table.ts', 'src/cli/help.ts', 'src/cli/option-table.ts']));
  });

  it('is Node built-ins only: no TensorFlow, SQLite, PostgreSQL, ink or mathjs', () => {
    expect(closure.packages.filter((name) => !name.startsWith('node:'))).toEqual([]);
  });

  it('loads no command module, terminal UI, storage backend or numerical code', () => {
    const heavy = closure.files.filter((file) =>
      /^src\/(cli\/commands|tui|storage\/(sqlite|postgres)|samplers\/(?!sampler-names)|trainer\/(?!backend-names)|gp|linalg|acquisition|multiobjective|optim|qmc|space\/(?!closest-name))/.test(file),
    );
    expect(heavy).toEqual([]);
  });
});
