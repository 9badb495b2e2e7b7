/** Talking time (ringing time before the answer), ticking every second. */
import { formatDuration } from '../utils/ui/format';
import { useNow } from './hooks';

export function CallTimer({ from, until }: { from: number; until?: number }) {
  const now = useNow(1000, until === undefined);
  const end = until ?? now;
  return (
    <time class="sb-timer" aria-label={`Duration ${formatDuration(end - from)}`}>
      {formatDuration(end - from)}
    </time>
  );
}
