/**
 * Time to read a space file with `parseJsonText` as the file grows: documents of 3k to 24k parameters (each
 * `"pN": {"type": "float", "low": 0, "high": 1}`, one per line). The reader is meant to be linear in the text, so
 * eight times the parameters should take about eight times as long; the goal is a 24k / 3k ratio under 24 (a
 * quadratic reader gives about 64). Times are the fastest of 7 runs (CPU milliseconds of this process), to see past
 * a shared machine's pauses. Exits 1 when the ratio misses the goal.
 *
 *   npm run bench -- json-text
 */
import { pathToFileURL } from 'node:url';
import { parseJsonText } from '../src/space/json-text.js';

const SIZES = [3_000, 6_000, 12_000, 24_000];
const RUNS = 7;
const RATIO_GOAL = 24;

/** A space-file-like document with `keys` float parameters. */
export function spaceDocument(keys: number): string {
  const members = Array.from({ length: keys }, (_, i) => `"p${i}": {"type": "float", "low": 0, "high": 1}`);
  return `{\n${members.join(',\n')}\n}`;
}

function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Fastest of `RUNS` parses of `text`, in CPU milliseconds. */
function fastestParse(text: string): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const started = cpuMilliseconds();
    parseJsonText(text, 'bench.json');
    best = Math.min(best, cpuMilliseconds() - started);
  }
  return best;
}

/** Prints the table and the summary line; returns whether the 24k / 3k ratio meets the goal. */
export function runJsonTextBenchmark(): boolean {
  fastestParse(spaceDocument(SIZES[0])); // warm-up: JIT compilation is not part of the reader's cost
  const rows = SIZES.map((keys) => {
    const text = spaceDocument(keys);
    return { keys, kilobytes: text.length / 1024, milliseconds: fastestParse(text) };
  });
  console.log(`parseJsonText on space files (CPU milliseconds, fastest of ${RUNS})`);
  console.log(`${'params'.padStart(8)}${'KiB'.padStart(9)}${'ms'.padStart(9)}${'µs/param'.padStart(10)}${'× 3k'.padStart(8)}`);
  for (const row of rows) {
    console.log(
      `${String(row.keys).padStart(8)}${row.kilobytes.toFixed(0).padStart(9)}${row.milliseconds.toFixed(1).padStart(9)}` +
        `${((row.milliseconds * 1000) / row.keys).toFixed(2).padStart(10)}${(row.milliseconds / rows[0].milliseconds).toFixed(1).padStart(8)}`,
    );
  }
  const ratio = rows[rows.length - 1].milliseconds / rows[0].milliseconds;
  const met = ratio < RATIO_GOAL;
  console.log(`json-text: 8× the parameters took ${ratio.toFixed(1)}× as long (linear: 8; goal < ${RATIO_GOAL}) — ${met ? 'met' : 'MISSED'}`);
  return met;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(runJsonTextBenchmark() ? 0 : 1);
}
