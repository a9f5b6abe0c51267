#!/usr/bin/env -S UV_THREADPOOL_SIZE=1 node
// Entry point for `npx stopwise`: runs the TypeScript sources through tsx so that a fresh clone needs no build step.
// One libuv pool thread instead of 4: stopwise does almost no asynchronous file or DNS work (SQLite is synchronous,
// training runs on worker threads with TensorFlow's own pool), and the pool is sized from the environment when the
// process starts, which is why the shebang sets it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
