/** Talking time (ringing time before the answer), or time in a state, ticking every second. */
import { formatDuration } from '../utils/ui/format';
import { useNow } from './hooks';
import { t } from '../utils/i18n/runtime';

interface Props {
  from: number;
  until?: number;
  /** What the time is, for screen readers, before the duration. */
  label?: string;
}

export function CallTimer({ from, until, label = t('callTimer.duration') }: Props) {
  const now = useNow(1000, until === undefined);
  const time = formatDuration((until ?? now) - from);
  return (
    <time class="sb-timer" aria-label={t('callTimer.spoken', { label, time })}>
      {time}
    </time>
  );
}
