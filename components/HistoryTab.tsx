/**
 * The agent's history (side panel): every call this browser kept (settings `history.*`) merged
 * with the phone system's own records (`panel/history`), each of the latter marked. The agent
 * searches by number or name, narrows to missed, incoming, outgoing or not yet disposed calls,
 * pages through the result, calls back, and exports what matches as CSV. Read when the section
 * opens and on Refresh; when the phone system's part fails, the local part still shows with the
 * reason.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ExportedEntry } from '../utils/history/csv';
import {
  EMPTY_QUERY,
  HISTORY_KINDS,
  searchHistory,
  type HistoryKind,
  type HistoryQuery,
} from '../utils/history/search';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { saveTextFile } from '../utils/ui/download';
import { ErrorAlert } from './ErrorAlert';
import { HistoryList, type ShownEntry } from './HistoryList';
import { useAction, useNow } from './hooks';

/** The filter's choices, by kind of call. */
const KIND_KEYS = {
  all: 'historyTab.all',
  missed: 'historyTab.missed',
  inbound: 'historyTab.inbound',
  outbound: 'historyTab.outbound',
} as const satisfies Record<HistoryKind, string>;

/** Rows shown at first, and added by each "Show more". */
export const HISTORY_PAGE = 25;

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

interface Found {
  entries: ShownEntry[];
  error?: string;
}

/** Writes the CSV (its module loads only now: the panel opens without it) and downloads it. */
async function exportCsv(entries: readonly ExportedEntry[]): Promise<void> {
  const { historyCsv, historyCsvFileName } = await import('../utils/history/csv');
  saveTextFile(historyCsvFileName(Date.now()), historyCsv(entries), 'text/csv;charset=utf-8');
}

function SearchForm({
  query,
  onChange,
}: {
  query: HistoryQuery;
  onChange(query: HistoryQuery): void;
}) {
  return (
    <form role="search" class="sb-history-search" onSubmit={(e) => e.preventDefault()}>
      <label for="sb-history-text">{t('historyTab.search')}</label>
      <input
        id="sb-history-text"
        type="search"
        autocomplete="off"
        maxLength={100}
        value={query.text}
        onInput={(e) => onChange({ ...query, text: e.currentTarget.value })}
      />
      <div class="sb-row sb-wrap">
        <label for="sb-history-kind">{t('historyTab.show')}</label>
        <select
          id="sb-history-kind"
          value={query.kind}
          onChange={(e) => onChange({ ...query, kind: e.currentTarget.value as HistoryKind })}
        >
          {HISTORY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(KIND_KEYS[kind])}
            </option>
          ))}
        </select>
        <label class="sb-check">
          <input
            type="checkbox"
            checked={query.undisposed}
            onChange={(e) => onChange({ ...query, undisposed: e.currentTarget.checked })}
          />
          {t('historyTab.undisposed')}
        </label>
      </div>
    </form>
  );
}

export function HistoryTab({ state, connector }: Props) {
  const load = useAction(connector);
  const dial = useAction(connector);
  const [found, setFound] = useState<Found | undefined>();
  const [round, setRound] = useState(0);
  const [query, setQuery] = useState<HistoryQuery>(EMPTY_QUERY);
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const [exported, setExported] = useState<{ ok: boolean; text: string } | undefined>();
  const now = useNow(60_000);

  useEffect(() => {
    let current = true;
    void load.run<Found>({ type: 'panel/history' }).then((reply) => {
      if (current && reply.ok) setFound(reply.value);
    });
    return () => {
      current = false;
    };
    // Not on every render (`load` is new each time): on opening and on Refresh only.
  }, [connector, round]);

  const matching = useMemo(() => searchHistory(found?.entries ?? [], query), [found, query]);
  const changeQuery = (next: HistoryQuery) => {
    setQuery(next);
    setLimit(HISTORY_PAGE);
    setExported(undefined);
  };
  const onExport = () =>
    exportCsv(matching).then(
      () =>
        setExported({
          ok: true,
          text: t('historyTab.exported', { count: formatNumber(matching.length) }),
        }),
      (error: unknown) =>
        setExported({
          ok: false,
          text: t('historyTab.exportFailed', {
            error: error instanceof Error ? error.message : String(error),
          }),
        }),
    );

  return (
    <div class="sb-tool">
      <div class="sb-row">
        <button
          type="button"
          class="sb-small"
          disabled={load.pending}
          onClick={() => setRound((n) => n + 1)}
        >
          {t('historyTab.refresh')}
        </button>
        <span class="sb-muted" role="status">
          {load.pending ? t('historyTab.reading') : ''}
        </span>
      </div>
      <ErrorAlert message={load.error} />
      {found?.error && (
        <p class="sb-error" role="alert">
          {t('historyTab.vendorFailed', { error: found.error })}
        </p>
      )}
      <ErrorAlert message={dial.error} />
      {found && found.entries.length === 0 && <p class="sb-muted">{t('historyTab.noCalls')}</p>}
      {found && found.entries.length > 0 && (
        <>
          <SearchForm query={query} onChange={changeQuery} />
          <div class="sb-row sb-wrap">
            <span class="sb-muted" role="status" id="sb-history-count">
              {matching.length === 0
                ? t('historyTab.noMatch')
                : t('historyTab.shown', {
                    shown: formatNumber(Math.min(limit, matching.length)),
                    total: formatNumber(matching.length),
                  })}
            </span>
            <button
              type="button"
              class="sb-small"
              disabled={matching.length === 0}
              onClick={() => void onExport()}
            >
              {t('historyTab.export')}
            </button>
          </div>
          {exported &&
            (exported.ok ? (
              <p class="sb-muted" role="status">
                {exported.text}
              </p>
            ) : (
              <ErrorAlert message={exported.text} />
            ))}
          <div class="sb-recent">
            <HistoryList
              entries={matching.slice(0, limit)}
              canDial={state.commands.includes('dial')}
              action={dial}
              now={now}
            />
          </div>
          {matching.length > limit && (
            <button
              type="button"
              class="sb-small"
              aria-describedby="sb-history-count"
              onClick={() => setLimit((n) => n + HISTORY_PAGE)}
            >
              {t('historyTab.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
