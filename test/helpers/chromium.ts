import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { cliRuns, timeoutFor } from './timeouts.js';

/** Path of Debian's chromium if installed (.ci/run installs it), else null. */
export function findChromium(): string | null {
  for (const candidate of ['chromium', 'chromium-browser']) {
    const found = spawnSync('which', [candidate], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** Renders a local file in headless Chromium and returns the screenshot as a decoded PNG. */
export function screenshot(chromium: string, fileUrl: string, width = 1000, height = 700): PNG {
  const profile = mkdtempSync(join(tmpdir(), 'stopwise-chromium-'));
  const output = join(profile, 'shot.png');
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        `--screenshot=${output}`,
        fileUrl,
      ],
      { stdio: 'pipe', timeout: timeoutFor(cliRuns(1)) },
    );
    return PNG.sync.read(readFileSync(output));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Share of pixels that differ clearly from the most common colour (the background). */
export function inkCoverage(png: PNG): number {
  const counts = new Map<number, number>();
  const { data } = png;
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let background = 0;
  let best = -1;
  for (const [key, count] of counts) {
    if (count > best) {
      best = count;
      background = key;
    }
  }
  const [br, bg, bb] = [(background >> 16) & 255, (background >> 8) & 255, background & 255];
  let differing = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - br) + Math.abs(data[i + 1] - bg) + Math.abs(data[i + 2] - bb) > 60) differing++;
  }
  return differing / (data.length / 4);
}

/** Distinct colours, a rough check that a plot has more than text on it. */
export function distinctColours(png: PNG): number {
  const seen = new Set<number>();
  const { data } = png;
  for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return seen.size;
}
