/** Text charts for the terminal UI: pure functions from numbers to strings (tested alone). */

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of the last `width` values, scaled between `min` and `max` (default: the data's range). */
export function sparkline(values: readonly number[], width: number, range?: { min: number; max: number }): string {
  const shown = values.filter(Number.isFinite).slice(-width);
  if (shown.length === 0) return '';
  const min = range?.min ?? Math.min(...shown);
  const max = range?.max ?? Math.max(...shown);
  const span = max - min;
  return shown
    .map((v) => {
      const level = span > 0 ? Math.round(((v - min) / span) * (BLOCKS.length - 1)) : 0;
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, level))];
    })
    .join('');
}

/** `[██████░░░░] 6/10` */
export function progressBar(done: number, total: number, width: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export interface ScatterPoint {
  x: number;
  y: number;
  kind: 'trial' | 'front' | 'newest';
}

/**
 * A character-grid scatter plot: rows top (high y) to bottom. Later kinds win a cell (newest > front > trial).
 * x on a log10 scale when `logX`. Returns `height` rows of exactly `width` characters, plus axis labels the
 * caller places.
 */
export function scatterGrid(
  points: readonly ScatterPoint[],
  width: number,
  height: number,
  options: { logX: boolean; xRange: [number, number]; yRange: [number, number] },
): string[] {
  const grid: string[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  const rank = { ' ': 0, '·': 1, '●': 2, '◆': 3 } as Record<string, number>;
  const glyph = { trial: '·', front: '●', newest: '◆' } as const;
  const tx = (x: number) => (options.logX ? Math.log10(Math.max(x, 1e-12)) : x);
  const [x0, x1] = [tx(options.xRange[0]), tx(options.xRange[1])];
  const [y0, y1] = options.yRange;
  for (const point of points) {
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) continue;
    const fx = x1 > x0 ? (tx(point.x) - x0) / (x1 - x0) : 0.5;
    const fy = y1 > y0 ? (point.y - y0) / (y1 - y0) : 0.5;
    const col = Math.min(width - 1, Math.max(0, Math.round(fx * (width - 1))));
    const row = height - 1 - Math.min(height - 1, Math.max(0, Math.round(fy * (height - 1))));
    const g = glyph[point.kind];
    if (rank[g] >= rank[grid[row][col]]) grid[row][col] = g;
  }
  return grid.map((cells) => cells.join(''));
}
