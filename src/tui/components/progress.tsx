import { Text } from 'ink';
import { formatDuration } from '../../search/format.js';
import { progressBar } from '../charts.js';

export interface ProgressProps {
  readonly complete: number;
  readonly target: number;
  /** Estimated time to the target from measured trial times, null until one trial finished in this session. */
  readonly etaMs: number | null;
  readonly failed: number;
  readonly paused: boolean;
  readonly stopping: boolean;
  readonly width: number;
  readonly color: boolean;
}

export function Progress(props: ProgressProps) {
  const status = props.stopping ? ' · stopping after running trials' : props.paused ? ' · PAUSED' : '';
  const eta = props.etaMs === null ? 'ETA —' : `ETA ${formatDuration(props.etaMs)}`;
  const tail = ` ${props.complete}/${props.target} trials · ${eta}${props.failed ? ` · ${props.failed} failed` : ''}${status}`;
  const barWidth = Math.max(10, Math.min(40, props.width - tail.length - 2));
  return (
    <Text wrap="truncate-end">
      <Text color={props.color ? 'green' : undefined}>{progressBar(props.complete, props.target, barWidth)}</Text>
      {tail}
    </Text>
  );
}
