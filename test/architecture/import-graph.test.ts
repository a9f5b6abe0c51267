import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('../../src', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

// Type-only and dynamic imports count: either makes one module's meaning depend on another's.
const DETECTIVE = { skipTypeImports: false, skipAsyncImports: false };

/** The top-level folder of a module under src/ (`cli/commands/search.ts` → `cli`); a file at the top is its own. */
function folderOf(module: string): string {
  return module.split('/')[0];
}

/**
 * The layers at the top: `cli` (commands, the entry point) uses `tui` (the terminal UI), and every other folder
 * serves both. So `tui` may import from no `cli` module, and no other folder from `cli` or `tui`.
 */
function layeringAllows(from: string, to: string): boolean {
  const [source, target] = [folderOf(from), folderOf(to)];
  if (source === target) return true;
  if (target === 'cli') return false;
  if (target === 'tui') return source === 'cli';
  return true;
}

/** The strongly connected sets of more than one node in a directed graph (Tarjan's algorithm). */
function cyclicGroups(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, counter);
    lowest.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        lowest.set(node, Math.min(lowest.get(node)!, lowest.get(next)!));
      } else if (onStack.has(next)) {
        lowest.set(node, Math.min(lowest.get(node)!, order.get(next)!));
      }
    }
    if (lowest.get(node) === order.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return groups;
}

describe('the import graph of src/', () => {
  let imports: Record<string, string[]>;
  let cycles: string[][];

  beforeAll(async () => {
    const graph = await madge(SOURCE, {
      fileExtensions: ['ts', 'tsx'],
      tsConfig: TSCONFIG,
      detectiveOptions: { ts: DETECTIVE, tsx: DETECTIVE },
    });
    imports = graph.obj();
    cycles = graph.circular();
  }, 120_000);

  it('reads every module, with the imports it has', () => {
    // A resolver that failed silently would leave an empty graph and pass everything below.
    expect(Object.keys(imports).length).toBeGreaterThan(100);
    expect(imports['cli/main.ts']).toContain('errors.ts');
    expect(imports['gp/fit.ts']).toContain('optim/index.ts');
  });

  it('has no circular imports between modules', () => {
    const listed = cycles.map((cycle) => [...cycle, cycle[0]].join(' → '));
    expect(listed, `circular imports:\n${listed.join('\n')}`).toEqual([]);
  });

  it('has no cycle between top-level folders', () => {
    const folders = new Map<string, Set<string>>();
    const witness = new Map<string, string>();
    for (const [from, targets] of Object.entries(imports)) {
      for (const to of targets) {
        const [source, target] = [folderOf(from), folderOf(to)];
        if (source === target) continue;
        if (!folders.has(source)) folders.set(source, new Set());
        folders.get(source)!.add(target);
        witness.set(`${source} → ${target}`, `${from} → ${to}`);
      }
    }
    const groups = cyclicGroups(folders).map((group) => {
      const edges = [...witness].filter(([edge]) => group.includes(edge.split(' → ')[0]) && group.includes(edge.split(' → ')[1]));
      return `${group.join(', ')}: ${edges.map(([, example]) => example).join('; ')}`;
    });
    expect(groups, `folders that import each other (one import per direction):\n${groups.join('\n')}`).toEqual([]);
  });

  it('imports cli/ and tui/ only from above: nothing imports cli/, only cli/ imports tui/', () => {
    const offending = Object.entries(imports).flatMap(([from, targets]) =>
      targets.filter((to) => !layeringAllows(from, to)).map((to) => `${from} → ${to}`),
    );
    expect(offending, `imports of a higher layer:\n${offending.join('\n')}`).toEqual([]);
  });
});
