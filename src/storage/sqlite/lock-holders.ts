import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Other processes that have `path` (or its -wal / -journal file) open, as `pid 123 (sqlite3 study.db)`, read
 * from /proc on Linux; empty where /proc is absent or unreadable. Says who holds a lock in the message about it.
 * Cost: one readlink per open file descriptor of every process the user may inspect.
 */
export function processesHolding(path: string): string[] {
  const wanted = new Set([path, `${path}-wal`, `${path}-journal`, `${path}-shm`]);
  const holders: string[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return holders;
  }
  for (const pid of pids) {
    try {
      const holds = readdirSync(`/proc/${pid}/fd`).some((fd) => wanted.has(readLinkOrEmpty(`/proc/${pid}/fd/${fd}`)));
      if (!holds) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      holders.push(`pid ${pid} (${command.length > 60 ? `${command.slice(0, 59)}…` : command})`);
    } catch {
      // another user's process, or one that just ended
    }
  }
  return holders;
}

function readLinkOrEmpty(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '';
  }
}
