#!/usr/bin/env -S UV_THREADPOOL_SIZE=1 node
// Entry point for `npx stopwise`: runs the compiled CLI in dist/ (`npm run build` makes it; `npm ci` and
// `npm test` run that build).
// One libuv pool thread instead of 4: stopwise does almost no asynchronous file or DNS work (SQLite is synchronous,
// training runs on worker threads with TensorFlow's own pool), and the pool is sized from the environment when the
// process starts, which is why the shebang sets it.
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
