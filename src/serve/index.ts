export { createServeSession, handleLine, MAX_BATCH, type ServeSession } from './protocol.js';
export { runServe, type ServeStreams } from './run-serve.js';
