// Entry of a fold worker thread: registers tsx so the worker can import the TypeScript sources, then starts the
// worker body. Worker threads do not reliably inherit the parent's module hooks, so this registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./fold-worker.ts');
