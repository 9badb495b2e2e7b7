/**
 * Call data as the agent types it: rows of key and value, with "Add another" and "Remove". Used
 * where call data goes to the vendor: attached to a live call, or passed with a dial.
 */
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';

export interface Pair {
  key: string;
  value: string;
}

export const EMPTY_PAIR: Pair = { key: '', value: '' };

/** The rows as the command's `data` / `variables`: blank rows left out, keys trimmed. */
export function pairsToData(pairs: readonly Pair[]): Record<string, string> {
  return Object.fromEntries(
    pairs.filter((p) => p.key.trim() || p.value.trim()).map((p) => [p.key.trim(), p.value]),
  );
}

interface Props {
  /** The ids of the rows' inputs start with it. */
  id: string;
  pairs: readonly Pair[];
  onChange(pairs: Pair[]): void;
  /** The command takes at most this many values. */
  max?: number;
}

export function DataPairs({ id, pairs, onChange, max = 20 }: Props) {
  const set = (index: number, change: Partial<Pair>) =>
    onChange(pairs.map((p, i) => (i === index ? { ...p, ...change } : p)));
  // Row 1 is "Key" and "Value"; later rows are numbered so that each control has its own name.
  const n = (i: number) => formatNumber(i + 1);
  const key = (i: number) =>
    i === 0 ? t('dataPairs.key') : t('dataPairs.keyNumbered', { n: n(i) });
  const value = (i: number) =>
    i === 0 ? t('dataPairs.value') : t('dataPairs.valueNumbered', { n: n(i) });
  return (
    <div class="sb-pairs">
      {pairs.map((pair, i) => (
        <div class="sb-pair" key={i}>
          <div class="sb-field">
            <label for={`${id}-key-${i}`}>{key(i)}</label>
            <input
              id={`${id}-key-${i}`}
              type="text"
              autocomplete="off"
              spellcheck={false}
              maxLength={64}
              value={pair.key}
              onInput={(e) => set(i, { key: e.currentTarget.value })}
            />
          </div>
          <div class="sb-field">
            <label for={`${id}-value-${i}`}>{value(i)}</label>
            <input
              id={`${id}-value-${i}`}
              type="text"
              autocomplete="off"
              maxLength={1000}
              value={pair.value}
              onInput={(e) => set(i, { value: e.currentTarget.value })}
            />
          </div>
          {pairs.length > 1 && (
            <button
              type="button"
              class="sb-small"
              aria-label={t('dataPairs.removeKey', { n: n(i) })}
              onClick={() => onChange(pairs.filter((_, j) => j !== i))}
            >
              {t('dataPairs.remove')}
            </button>
          )}
        </div>
      ))}
      {pairs.length < max && (
        <button
          type="button"
          class="sb-small"
          onClick={() => onChange([...pairs, { ...EMPTY_PAIR }])}
        >
          {t('dataPairs.addAnother')}
        </button>
      )}
    </div>
  );
}
