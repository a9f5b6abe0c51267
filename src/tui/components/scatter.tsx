import { Box, Text } from 'ink';
import { formatTokens } from '../../search/format.js';
import { scatterGrid, type ScatterPoint } from '../charts.js';
import { frontIndices, type FinishedTrialView } from '../search-state.js';

export interface ScatterProps {
  readonly trials: readonly FinishedTrialView[];
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
}

/** All finished trials in tokens (log axis) × EM; the front as ●, the newest trial as ◆. */
export function Scatter(props: ScatterProps) {
  const plotWidth = Math.max(10, props.width - 6);
  const plotHeight = Math.max(3, props.height - 2);
  const onFront = new Set(frontIndices(props.trials));
  const points: ScatterPoint[] = props.trials.map((t, i) => ({
    x: t.tokens.mean,
    y: t.em.mean,
    kind: i === props.trials.length - 1 ? 'newest' : onFront.has(i) ? 'front' : 'trial',
  }));
  const xs = props.trials.map((t) => Math.max(1, t.tokens.mean));
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
