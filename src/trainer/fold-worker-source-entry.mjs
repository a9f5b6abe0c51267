// Entry of a fold process when the pool runs from the TypeScript sources (vitest, benchmarks through tsx):
// registers tsx, a development dependency, so that the process can import fold-worker.ts. The pool forks with no
// Node options of its own, so the parent's loader hooks are not inherited. The compiled package starts
// fold-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./fold-worker.ts');
