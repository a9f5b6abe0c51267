// Entry of a fold worker thread when the pool runs from the TypeScript sources (vitest, benchmarks through tsx):
// registers tsx, a development dependency, so that the worker can import fold-worker.ts. Worker threads do not
// reliably inherit the parent's module hooks, so this registers its own. The compiled package starts
// fold-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./fold-worker.ts');
