/** Talking time (ringing time before the answer), or time in a state, ticking every second. */
import { formatDuration } from '../utils/ui/format';
import { useNow } from './hooks';

interface Props {
  from: number;
  until?: number;
  /** What the time is, for screen readers, before the duration. */
  label?: string;
}

export function CallTimer({ from, until, label = 'Duration' }: Props) {
  const now = useNow(1000, until === undefined);
  const end = until ?? now;
  return (
    <time class="sb-timer" aria-label={`${label} ${formatDuration(end - from)}`}>
      {formatDuration(end - from)}
    </time>
  );
}
