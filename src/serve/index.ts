export { createServeSession, handleLine, MAX_BATCH, type ServeSession } from './protocol.js';
export { runServe, type ServeStreams } from './run-serve.js';
export { runServeCommand, SERVE_USAGE, type ServeCommandIo } from './command.js';
