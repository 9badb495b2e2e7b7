/**
 * Find a transfer target by name in the directory (the vendor's and the admin's speed dial):
 * picking a number fills the transfer form's target, so that the agent still chooses the kind of
 * transfer and confirms it. A number only a blind transfer takes (DirectoryEntry numbers'
 * `transferOnly`: a colleague's user id, say) says so to the form.
 */
import { useState } from 'preact/hooks';
import { dialableNumber, directoryStatusText } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { DIRECTORY_TERM_MAX, useDirectorySearch } from './directory-search';
import { t } from '../utils/i18n/runtime';

/** A number picked from the directory. */
export interface TransferPick {
  target: string;
  name: string;
  /** Only a blind transfer takes it: a consultation would dial it as a phone number. */
  transferOnly: boolean;
}

interface Props {
  id: string;
  connector: PanelConnector;
  onPick(pick: TransferPick): void;
}

export function TransferSearch({ id, connector, onPick }: Props) {
  const [term, setTerm] = useState('');
  // Until the agent types, the form stays short: no favourites list under the number field.
  const results = useDirectorySearch(connector, term, false);
  const shown = results.entries;
  return (
    <div class="sb-field">
      <label for={id}>{t('transferSearch.findByName')}</label>
      <input
        id={id}
        type="search"
        autocomplete="off"
        maxLength={DIRECTORY_TERM_MAX}
        value={term}
        onInput={(e) => setTerm(e.currentTarget.value)}
      />
      {term.trim() && !results.searching && shown.length === 0 && (
        <p class="sb-muted">{t('common.noMatch')}</p>
      )}
      {term.trim() && results.error && (
        <p class="sb-error" role="alert">
          {t('common.directoryFailed', { error: results.error })}
        </p>
      )}
      {shown.length > 0 && (
        <ul class="sb-list sb-picks" aria-label={t('transferSearch.found')}>
          {shown.flatMap((entry) =>
            entry.numbers.map((n, i) => (
              <li key={`${entry.id}-${i}`}>
                <button
                  type="button"
                  class="sb-small sb-pick"
                  aria-label={t('transferSearch.use', { name: entry.name, number: n.number })}
                  onClick={() => {
                    onPick({
                      target: dialableNumber(n.number),
                      name: entry.name,
                      transferOnly: n.transferOnly === true,
                    });
                    setTerm('');
                  }}
                >
                  <strong>{entry.name}</strong> {n.number}
                  {n.label ? ` (${n.label})` : ''}
                  {entry.status ? ` · ${directoryStatusText(entry.status)}` : ''}
                </button>
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}
