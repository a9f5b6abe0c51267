import { hostname } from 'node:os';

/** A worker's id: `host:pid`, so that a later process on the same host can tell whether it is still alive. */
export function currentWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether the worker that holds a running trial is known to be dead. Only decidable for workers on this host
 * (signal 0 probes a pid without touching it); workers elsewhere are judged by their heartbeat instead.
 */
export function isWorkerKnownDead(workerId: string | null): boolean {
  if (!workerId) return false;
  const separator = workerId.lastIndexOf(':');
  const host = workerId.slice(0, separator);
  const pid = Number(workerId.slice(separator + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
