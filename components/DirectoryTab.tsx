/**
 * The directory (side panel): search as you type for people, extensions, queues and the admin's
 * speed dial; call an entry, transfer the call in hand to it (blind or attended, as the call
 * allows), and keep favourites where the vendor has them. An empty search lists favourites and
 * speed dial.
 */
import { useState } from 'preact/hooks';
import type { DirectoryEntry } from '../utils/cti/features';
import type { Call } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import {
  commandOrProblem,
  dialableNumber,
  directoryStatusText,
  transferableCall,
} from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { remoteNumber } from '../utils/ui/format';
import { DIRECTORY_TERM_MAX, useDirectorySearch } from './directory-search';
import { ErrorAlert } from './ErrorAlert';
import { useAction, type Action } from './hooks';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/** What the agent can do with an entry's numbers, and on which call. */
interface EntryTools {
  canDial: boolean;
  call?: Call;
  canFavorite: boolean;
  canUnfavorite: boolean;
  action: Action;
  /** After a favourite changed: the list shows it. */
  refresh(): void;
}

export function DirectoryTab({ state, connector }: Props) {
  const [term, setTerm] = useState('');
  const results = useDirectorySearch(connector, term);
  const action = useAction(connector);
  const call = transferableCall(state.calls);
  const tools: EntryTools = {
    canDial: state.commands.includes('dial'),
    call,
    canFavorite: state.commands.includes('addFavorite'),
    canUnfavorite: state.commands.includes('removeFavorite'),
    action,
    refresh: results.refresh,
  };
  const empty = results.term === '';
  const heading = state.features.includes('favorites')
    ? t('directoryTab.favouritesAndSpeedDial')
    : t('directoryTab.speedDial');
  const found = results.entries.length;

  return (
    <div class="sb-tool">
      <div class="sb-field">
        <label for="sb-directory-term">{t('directoryTab.search')}</label>
        <input
          id="sb-directory-term"
          type="search"
          autocomplete="off"
          maxLength={DIRECTORY_TERM_MAX}
          placeholder={t('directoryTab.placeholder')}
          value={term}
          onInput={(e) => setTerm(e.currentTarget.value)}
          aria-describedby="sb-directory-status"
        />
      </div>
      {call && (
        <p class="sb-muted">
          {t('directoryTab.transferHint', { number: remoteNumber(call.remote) })}
        </p>
      )}
      <p id="sb-directory-status" class="sb-muted" role="status">
        {results.searching
          ? t('directoryTab.searching')
          : found === 0
            ? empty
              ? t('directoryTab.empty')
              : t('common.noMatch')
            : empty
              ? heading
              : t('directoryTab.found', found, [formatNumber(found)])}
      </p>
      {results.error && (
        <p class="sb-error" role="alert">
          {t('common.directoryFailed', { error: results.error })}
        </p>
      )}
      <ErrorAlert message={action.error} />
      <ul class="sb-list" aria-label={t('directoryTab.entries')}>
        {results.entries.map((entry) => (
          <DirectoryItem key={entry.id} entry={entry} tools={tools} />
        ))}
      </ul>
    </div>
  );
}

function DirectoryItem({ entry, tools }: { entry: DirectoryEntry; tools: EntryTools }) {
  const { action } = tools;
  const favorable = entry.kind !== 'speedDial';
  const toggleFavorite = async () => {
    const type = entry.favorite ? 'removeFavorite' : 'addFavorite';
    const reply = await action.run({ type: 'panel/command', command: { type, entryId: entry.id } });
    if (reply.ok) tools.refresh();
  };
  return (
    <li class="sb-item">
      <div class="sb-item-head">
        <strong>{entry.name}</strong>
        {entry.kind === 'speedDial' && <span class="sb-tag">{t('directoryTab.speedDial')}</span>}
        {entry.favorite && <span class="sb-tag">{t('directoryTab.favourite')}</span>}
        {entry.status && (
          <span class={`sb-status sb-status--${entry.status}`}>
            {directoryStatusText(entry.status)}
          </span>
        )}
      </div>
      {entry.detail && <p class="sb-muted">{entry.detail}</p>}
      <ul class="sb-numbers">
        {entry.numbers.map((n, i) => (
          <NumberRow
            key={i}
            name={entry.name}
            number={n.number}
            label={n.label}
            transferOnly={n.transferOnly === true}
            tools={tools}
          />
        ))}
      </ul>
      {favorable && (entry.favorite ? tools.canUnfavorite : tools.canFavorite) && (
        <button
          type="button"
          class="sb-small"
          disabled={action.pending}
          aria-label={
            entry.favorite
              ? t('directoryTab.removeFavouriteNamed', { name: entry.name })
              : t('directoryTab.addFavouriteNamed', { name: entry.name })
          }
          onClick={() => void toggleFavorite()}
        >
          {entry.favorite ? t('directoryTab.removeFavourite') : t('directoryTab.addFavourite')}
        </button>
      )}
    </li>
  );
}

/** The transfers a call may allow: button text, and what its accessible name says. */
const TRANSFERS = [
  ['blindTransfer', 'directoryTab.transfer', 'directoryTab.transferNamed'],
  ['attendedTransfer', 'directoryTab.attended', 'directoryTab.attendedNamed'],
] as const;

function NumberRow({
  name,
  number,
  label,
  transferOnly,
  tools,
}: {
  name: string;
  number: string;
  label?: string;
  /** Only a blind transfer takes it (DirectoryEntry numbers' `transferOnly`). */
  transferOnly: boolean;
  tools: EntryTools;
}) {
  const { action, call } = tools;
  const target = dialableNumber(number);

  const send = async (input: Parameters<typeof commandOrProblem>[0]) => {
    const command = await commandOrProblem(input);
    if (typeof command === 'string') action.setError(command);
    else await action.run({ type: 'panel/command', command });
  };
  const transfers = call
    ? TRANSFERS.filter(([kind]) => call.actions.includes(kind))
        .filter(([kind]) => !transferOnly || kind === 'blindTransfer')
        .map(([kind, text, aria]) => ({
          text: t(text),
          aria: t(aria, { name, number }),
          input: { type: kind, callId: call.id, target } as const,
        }))
    : [];
  const dial = {
    text: t('directoryTab.call'),
    aria: t('directoryTab.callNamed', { name, number }),
    input: { type: 'dial', number: target } as const,
  };
  const offered = [...(tools.canDial && !transferOnly ? [dial] : []), ...transfers];
  return (
    <li class="sb-row sb-wrap">
      <span class="sb-number">{number}</span>
      {label && <span class="sb-muted">{label}</span>}
      {offered.map((o) => (
        <button
          key={o.text}
          type="button"
          class="sb-small"
          aria-label={o.aria}
          disabled={action.pending}
          onClick={() => void send(o.input)}
        >
          {o.text}
        </button>
      ))}
    </li>
  );
}
