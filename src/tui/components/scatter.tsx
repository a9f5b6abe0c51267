import { Box, Text } from 'ink';
import { isEvaluated, type FrontReport } from '../../export/front-report.js';
import { formatTokens } from '../../search/format.js';
import { scatterGrid, type ScatterPoint } from '../charts.js';

export interface ScatterProps {
  /** The study's front report (null before the search opened the study). */
  readonly report: FrontReport | null;
  /** The trial finished last in this session, drawn as ◆ (null: none yet). */
  readonly newestNumber: number | null;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
}

/** All complete trials in tokens (log axis) × EM; the front as ●, the newest trial as ◆. */
export function Scatter(props: ScatterProps) {
  const plotWidth = Math.max(10, props.width - 6);
  const plotHeight = Math.max(3, props.height - 2);
  const rowsShown = (props.report?.trials ?? []).filter(isEvaluated);
  const points: ScatterPoint[] = rowsShown.map((row) => ({
    x: row.tokens.mean,
    y: row.em.mean,
    kind: row.number === props.newestNumber ? 'newest' : row.onFront ? 'front' : 'trial',
  }));
  const xs = rowsShown.map((row) => Math.max(1, row.tokens.mean));
  const xRange: [number, number] = xs.length ? [Math.min(...xs) / 1.2, Math.max(...xs) * 1.2] : [1e3, 1e6];
  const rows = scatterGrid(points, plotWidth, plotHeight, { logX: true, xRange, yRange: [0, 1] });
  return (
    <Box flexDirection="column" width={props.width}>
      <Text bold>tokens (log) × EM</Text>
      {rows.map((row, i) => (
        <Text key={i}>
          {i === 0 ? 'EM 1 ' : i === rows.length - 1 ? '   0 ' : '     '}
          <Text color={props.color ? 'yellow' : undefined}>{row}</Text>
        </Text>
      ))}
      <Text dimColor>
        {'     '}
        {formatTokens(xRange[0]).padEnd(Math.max(1, plotWidth - formatTokens(xRange[1]).length))}
        {formatTokens(xRange[1])}
      </Text>
    </Box>
  );
}
